// Desk: the escalator (issue 19). One seat at a time, holding the store's "escalator" lease, records each
// SLA warning and breach as it happens, whether or not anyone has a board open, and tells the people
// concerned: the owner of every warning and breach, and for a breach the owner's team lead (a disabled
// or absent lead, or a lead who owns the ticket: the first active supervisor).
#include <algorithm>

#include "access/permissions.h"
#include "desk/desk.h"
#include "desk/escalation.h"
#include "desk/escalator.h"
#include "connector/outbox.h"
#include "storage/notifications.h"

namespace kartoteka::desk {

namespace detail {

model::Id escalation_target(const sla::Directory& dir, model::Id owner_id) {
    const model::Id lead = dir.lead_of(owner_id);
    const auto it = dir.agents.find(lead);
    // A disabled lead reads nothing: the escalation would reach nobody.
    if (lead != 0 && lead != owner_id && it != dir.agents.end() && it->second.active) return lead;
    model::Id best = 0;
    for (const auto& [id, a] : dir.agents)
        if (a.active && a.role == model::Role::supervisor && id != owner_id && (best == 0 || id < best)) best = id;
    return best;
}

namespace {

/// The outbox row that tells `routes.escalation` of one recorded warning or breach.
void queue_escalation(storage::Store& s, const sla::Directory& dir, const model::SlaEvent& e,
                      const connector::WriteBackRoutes& routes, model::Timestamp now) {
    const auto ticket = s.ticket(e.ticket_id, false);
    if (!ticket) return;
    auto login = [&](model::Id id) {
        const auto it = dir.agents.find(id);
        return it == dir.agents.end() ? std::string() : it->second.login;
    };
    const bool escalated = e.kind == model::SlaEventKind::breach && e.escalated_to != 0 && e.escalated_to != e.owner_id;
    connector::OutboxItem item;
    item.target = routes.escalation;
    item.kind = "escalation";
    item.customer_id = ticket->customer_id;
    item.local_ref = "sla_event:" + std::to_string(e.id);
    item.payload = connector::escalation_payload(e, *ticket, routes.escalation, login(e.owner_id),
                                                 escalated ? login(e.escalated_to) : std::string(),
                                                 routes.card_numbers(routes.escalation));
    connector::Outbox(s).enqueue(item, now);
}

}  // namespace

std::vector<model::SlaEvent> record_and_notify(storage::Store& s, const sla::Board& board, model::Timestamp now,
                                               const connector::WriteBackRoutes& routes) {
    const auto& dir = board.directory();
    // Only what has really happened is recorded: a board asked about the future records nothing new.
    std::vector<model::SlaEvent> happened;
    for (auto e : board.events()) {
        if (e.at > now) continue;
        e.escalated_to = escalation_target(dir, e.owner_id);
        happened.push_back(e);
    }
    storage::Store::Transaction tx(s);
    storage::Notifications notes(s);
    auto fresh = s.record_sla_events(happened, now);
    for (const auto& e : fresh) {
        const auto* row = board.row(e.ticket_id);
        model::Notification n;
        n.created_at = now;
        n.kind = e.kind;
        n.target = e.target;
        n.happened_at = e.at;
        n.ticket_id = e.ticket_id;
        n.customer_id = row ? row->customer_id : 0;
        n.owner_id = e.owner_id;
        if (e.owner_id != 0) {
            n.agent_id = e.owner_id;
            notes.insert(n);
        }
        if (e.kind == model::SlaEventKind::breach && e.escalated_to != 0 && e.escalated_to != e.owner_id) {
            n.id = 0;
            n.agent_id = e.escalated_to;
            n.escalated = true;
            notes.insert(n);
        }
        if (!routes.escalation.empty()) queue_escalation(s, dir, e, routes, now);
    }
    tx.commit();
    return fresh;
}

}  // namespace detail

EscalationRun run_escalator(Desk& desk, const std::string& seat, std::chrono::seconds lease) {
    desk.agent();  // an unknown or disabled login runs no duty for the centre
    const auto now = desk.now();
    EscalationRun run;
    desk.with_store([&](storage::Store& s) {
        if (!storage::Notifications(s).claim_duty("escalator", seat, now, now + lease.count())) return;
        run.on_duty = true;
        SlaBoard b(desk.config());
        sla::Board board(b.policies, b.calendars, sla::Directory(s.agents(), s.teams()));
        board.recompute(s.open_tickets(), now);
        run.recorded = detail::record_and_notify(s, board, now, desk.write_back_routes());
        for (const auto& e : run.recorded)
            run.notified += (e.owner_id != 0 ? 1 : 0) +
                            (e.kind == model::SlaEventKind::breach && e.escalated_to != 0 && e.escalated_to != e.owner_id ? 1 : 0);
    });
    return run;
}

std::vector<model::Notification> notifications(Desk& desk, bool unread_only, int limit) {
    const auto me = desk.agent();
    std::vector<model::Notification> out;
    desk.with_store([&](storage::Store& s) { out = storage::Notifications(s).for_agent(me.id, unread_only, limit); });
    return out;
}

int mark_notifications_read(Desk& desk, model::Id up_to) {
    const auto me = desk.agent();
    int n = 0;
    desk.with_store([&](storage::Store& s) { n = storage::Notifications(s).mark_read(me.id, up_to, desk.now()); });
    return n;
}

}  // namespace kartoteka::desk
