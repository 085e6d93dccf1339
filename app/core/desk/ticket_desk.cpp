// Desk: what a supervisor does to a ticket from the board (issue 19): look into it, reassign it to an
// agent or a team, escalate it, change its severity or problem type.
#include <utility>

#include "access/permissions.h"
#include "desk/desk.h"
#include "desk/escalation.h"
#include "error.h"
#include "storage/store.h"
#include "util/text.h"

namespace kartoteka::desk {
namespace {

model::Id escalation_target_in(storage::Store& store, model::Id owner_id) {
    return detail::escalation_target(sla::Directory(store.agents(), store.teams()), owner_id);
}

model::Agent active_agent(storage::Store& store, const std::string& login) {
    auto a = store.agent_by_login(util::trim(login));
    if (!a) throw Error(ErrorKind::invalid, "no agent '" + util::trim(login) + "'");
    if (!a->active) throw Error(ErrorKind::invalid, "agent '" + a->login + "' is disabled");
    return *a;
}

/// The team's active member with the fewest open tickets (ties: the lowest id), so work spreads. Those
/// who work tickets (operators) come first: the team's supervisor, with none of their own, would
/// otherwise get every one.
model::Id least_busy_member(storage::Store& store, const std::string& team_name) {
    auto team = store.team_by_name(util::trim(team_name));
    if (!team) throw Error(ErrorKind::invalid, "no team '" + util::trim(team_name) + "'");
    model::Id best = 0;
    std::pair<bool, int> best_key{true, 0};  // (not a ticket worker, open tickets): smaller is better
    for (const auto& a : store.agents()) {
        if (!a.active || a.team_id != team->id) continue;
        // Each member's own open tickets from the index, not a count of every open ticket in the centre.
        const std::pair<bool, int> key{!access::allowed(a.role, access::Action::update_ticket) ||
                                           a.role == model::Role::supervisor || a.role == model::Role::admin,
                                       store.open_ticket_count(a.id)};
        if (best == 0 || key < best_key) best = a.id, best_key = key;
    }
    if (best == 0) throw Error(ErrorKind::invalid, "team '" + team->name + "' has no active agent");
    return best;
}

void check_problem_type(storage::Store& store, const config::SlaConfig& sla, const std::string& type) {
    if (type.empty()) throw Error(ErrorKind::invalid, "a ticket needs a problem type");
    if (sla.policies.count(type)) return;
    if (!store.problem_type_used(type))
        throw Error(ErrorKind::invalid, "unknown problem type '" + type + "' (neither configured under sla: nor used)");
}

/// "owner operator -> operator2; severity 3 -> 4": the history's and the audit's account of a change.
std::string describe(const model::Ticket& before, const model::Ticket& after, const sla::Directory& dir, bool escalated) {
    std::string out;
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    auto login = [&dir](model::Id id) {
        auto it = dir.agents.find(id);
        return it == dir.agents.end() ? "#" + std::to_string(id) : it->second.login;
    };
    if (escalated) add("escalated");
    if (before.owner_id != after.owner_id) add("owner " + login(before.owner_id) + " -> " + login(after.owner_id));
    if (before.severity != after.severity)
        add("severity " + std::to_string(before.severity) + " -> " + std::to_string(after.severity));
    if (before.problem_type != after.problem_type) add("problem type " + before.problem_type + " -> " + after.problem_type);
    return out;
}

}  // namespace

model::Id Desk::escalation_target(model::Id owner_id) {
    model::Id to = 0;
    with_store([&](storage::Store& s) { to = escalation_target_in(s, owner_id); });
    return to;
}

TicketDetail Desk::ticket_detail(model::Id ticket_id) {
    access::require(agent(), access::Action::view_sla_board);
    TicketDetail d;
    with_store([&](storage::Store& s) { d = detail_of(s, ticket_id); });
    return d;
}

TicketDetail Desk::detail_of(storage::Store& s, model::Id ticket_id) {
    auto t = s.ticket(ticket_id, true);
    if (!t) throw Error(ErrorKind::not_found, "no ticket #" + std::to_string(ticket_id));
    TicketDetail d;
    SlaBoard norms(m_config);
    d.policy = norms.policies.resolve(t->problem_type, t->severity);
    auto* cal = t->calendar.empty() ? nullptr : norms.calendars.find(t->calendar);
    if (!cal) cal = &norms.calendars.get(d.policy.calendar);
    d.calendar = cal->config();
    d.sla = sla::SlaEngine::evaluate(*t, d.policy, *cal, m_clock());
    if (auto c = s.customer(t->customer_id)) d.customer_name = c->display_name();
    d.directory = sla::Directory(s.agents(), s.teams());
    d.team_id = d.directory.team_of(t->owner_id);
    d.escalates_to = escalation_target_in(s, t->owner_id);
    d.recorded = s.sla_events_for(ticket_id);
    d.ticket = std::move(*t);
    return d;
}

model::Id Desk::new_owner(storage::Store& store, const model::Ticket& t, const TicketChange& c) {
    const int ways = (c.owner ? 1 : 0) + (c.team ? 1 : 0) + (c.escalate ? 1 : 0);
    if (ways > 1) throw Error(ErrorKind::invalid, "give one of an owner, a team or an escalation, not several");
    if (c.owner) return active_agent(store, *c.owner).id;
    if (c.team) return least_busy_member(store, *c.team);
    if (!c.escalate) return 0;
    const model::Id to = escalation_target_in(store, t.owner_id);
    if (to == 0) throw Error(ErrorKind::invalid, "nobody to escalate to: the team has no active lead and the centre no supervisor");
    return to;
}

model::Ticket Desk::change_ticket(model::Id ticket_id, const TicketChange& c) {
    const auto me = agent();
    access::require(me, access::Action::manage_tickets);
    if (c.severity && (*c.severity < 1 || *c.severity > 5))
        throw Error(ErrorKind::invalid, "severity is 1 (trifle) to 5 (end of the world), not " + std::to_string(*c.severity));
    const auto now = m_clock();
    model::Ticket out;
    with_store([&](storage::Store& s) { out = change_in(s, me, ticket_id, c, now); });
    return out;
}

model::Ticket Desk::change_in(storage::Store& s, const model::Agent& me, model::Id ticket_id, const TicketChange& c,
                              model::Timestamp now) {
    storage::Store::Transaction tx(s);
    auto t = s.ticket(ticket_id, false);
    if (!t) throw Error(ErrorKind::not_found, "no ticket #" + std::to_string(ticket_id));
    if (c.version && *c.version != t->version)
        throw Error(ErrorKind::conflict, "ticket #" + std::to_string(ticket_id) + " was changed at another seat: look again");
    if (t->status == model::TicketStatus::resolved || t->status == model::TicketStatus::closed)
        throw Error(ErrorKind::invalid, "ticket #" + std::to_string(ticket_id) + " is " + model::to_string(t->status));
    const model::Ticket before = *t;
    if (const auto owner = new_owner(s, *t, c)) t->owner_id = owner;
    if (c.severity) t->severity = *c.severity;
    if (c.problem_type) {
        t->problem_type = util::trim(*c.problem_type);
        if (t->problem_type != before.problem_type) check_problem_type(s, m_config.sla, t->problem_type);
    }
    const std::string what = describe(before, *t, sla::Directory(s.agents(), s.teams()), c.escalate);
    if (what.empty()) throw Error(ErrorKind::invalid, "nothing to change on ticket #" + std::to_string(ticket_id));
    t->updated_at = now;
    s.update_ticket(*t);  // version-checked again: a save between the read and here is a conflict too
    const std::string note = util::trim(c.note);
    model::TicketEvent e{0, t->id, model::TicketEventKind::changed, now, me.id, note.empty() ? what : what + ": " + note};
    s.insert_ticket_event(e);
    audit::AuditLog(s).record({0, now, me.id, "", c.escalate ? "escalate_ticket" : "change_ticket",
                                       t->customer_id, "ticket", t->id, what});
    tx.commit();
    return *t;
}

}  // namespace kartoteka::desk
