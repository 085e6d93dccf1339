// Desk: one work list per agent (issue 19). Each source below adds its items; the list is sorted once.
#include "desk/my_work.h"

#include <algorithm>

#include "access/permissions.h"
#include "desk/retention_service.h"
#include "retention/contact_policy.h"
#include "storage/store.h"

namespace kartoteka::desk {

const char* to_string(WorkKind kind) noexcept {
    switch (kind) {
    case WorkKind::planned_contact: return "planned_contact";
    case WorkKind::callback: return "callback";
    case WorkKind::offer: return "offer";
    case WorkKind::complaint: return "complaint";
    }
    return "?";
}

namespace {

/// An item of `kind` about a customer, named as lists show them.
WorkItem item_about(storage::Store& s, WorkKind kind, model::Id id, model::Id customer_id) {
    WorkItem w;
    w.kind = kind;
    w.id = id;
    w.customer_id = customer_id;
    if (auto c = s.customer(customer_id)) w.customer_name = c->display_name();
    return w;
}

void add_contacts(std::vector<WorkItem>& out, storage::Store& s, RetentionService& rules, model::Id me,
                  const std::string& zone, model::Timestamp now) {
    const auto today = retention::local_time(now, zone).date;
    for (const auto& v : rules.due(me, today, now)) {
        auto w = item_about(s, WorkKind::planned_contact, v.contact.id, v.contact.customer_id);
        w.what = model::to_string(v.contact.type);
        w.due = retention::utc_of({v.contact.due, 0}, zone);
        w.overdue = v.contact.due < today;
        w.may_now = v.eligibility.eligible;
        w.rule = v.eligibility.rule;
        w.why = v.eligibility.reason;
        w.message = v.eligibility.why;
        out.push_back(std::move(w));
    }
}

/// Whether a promised callback may be made now: not long before the time the customer asked for (they
/// expect the call then, not at noon), and not against what they asked of us since (do not call,
/// written only, quiet hours in their own zone). It is no sale: the day-after-inbound rule is not asked.
retention::Eligibility callback_now(const model::Callback& c, const model::ContactPreferences& prefs,
                                    const config::Config& config, model::Timestamp now) {
    const auto early = static_cast<model::Timestamp>(std::max(config.callbacks.remind_before_minutes, 0)) * 60;
    if (now < c.due_at - early) {
        retention::Eligibility e;
        e.eligible = false;
        e.rule = "not_yet";
        e.reason = "agreed for " + retention::format_local(c.due_at, config.locale.timezone);
        e.why = {N_("agreed for {1}"), {util::Message::instant(c.due_at)}};
        return e;
    }
    return retention::check_channel(model::Channel::phone, false, prefs, {now, config.locale.timezone, {}},
                                     config.retention.offers);
}

/// The agent's open callbacks due by the end of today (centre's day), missed ones included: a promise
/// missed an hour ago is still owed. Tomorrow's are tomorrow's work, like tomorrow's planned contacts.
void add_callbacks(std::vector<WorkItem>& out, storage::Store& s, const config::Config& config, model::Id me,
                   model::Timestamp now) {
    const auto& zone = config.locale.timezone;
    const auto tomorrow = retention::utc_of({retention::local_time(now, zone).date + 1, 0}, zone);
    for (const auto& c : s.open_callbacks(me, 0, tomorrow)) {
        auto w = item_about(s, WorkKind::callback, c.id, c.customer_id);
        w.what = c.note;
        w.due = c.due_at;
        w.overdue = c.due_at < now;
        const auto e = callback_now(c, s.preferences_for(c.customer_id), config, now);
        w.may_now = e.eligible;
        w.rule = e.rule;
        w.why = e.reason;
        w.message = e.why;
        out.push_back(std::move(w));
    }
}

void add_offers(std::vector<WorkItem>& out, RetentionService& rules, model::Id me, model::Timestamp now) {
    for (const auto& v : rules.due_offers(me, now)) {
        WorkItem w;
        w.kind = WorkKind::offer;
        w.id = v.offer.id;
        w.customer_id = v.offer.customer_id;
        w.customer_name = v.customer_name;
        w.what = v.offer.product;
        w.due = v.offer.next_step.kind != model::NextStepKind::none && v.offer.next_step.at ? v.offer.next_step.at
                                                                                           : v.offer.valid_until;
        w.overdue = w.due != 0 && w.due < now;
        w.may_now = v.eligibility.eligible;
        w.rule = v.eligibility.rule;
        w.why = v.eligibility.reason;
        w.message = v.eligibility.why;
        out.push_back(std::move(w));
    }
}

void add_complaints(std::vector<WorkItem>& out, storage::Store& s, const config::Config& config, model::Id me,
                    model::Timestamp now) {
    SlaBoard norms(config);
    const sla::Board board(norms.policies, norms.calendars, sla::Directory{});
    // Every open ticket is read and the agent's kept: one query the board already uses. A store of a
    // million customers wants an owner-indexed read here (Store::open_tickets of one owner).
    for (const auto& t : s.open_tickets()) {
        if (t.owner_id != me) continue;
        const auto row = board.evaluate(t, now);
        auto w = item_about(s, WorkKind::complaint, t.id, t.customer_id);
        w.what = t.subject;
        w.due = row.sla.has_deadline ? row.sla.next_deadline : 0;
        w.overdue = row.sla.state == sla::State::breached;
        w.rule = sla::to_string(row.sla.state);
        out.push_back(std::move(w));
    }
}

}  // namespace

std::vector<WorkItem> my_work(Desk& desk, model::Timestamp now) {
    const auto me = desk.agent();
    access::require(me, access::Action::view_card);
    std::vector<WorkItem> out;
    desk.with_store([&](storage::Store& s) {
        RetentionService rules(s, desk.config().retention, desk.config().locale.timezone);
        add_contacts(out, s, rules, me.id, desk.config().locale.timezone, now);
        add_callbacks(out, s, desk.config(), me.id, now);
        if (access::allowed(me.role, access::Action::work_offer)) add_offers(out, rules, me.id, now);
        add_complaints(out, s, desk.config(), me.id, now);
    });
    std::stable_sort(out.begin(), out.end(), [](const WorkItem& a, const WorkItem& b) {
        if ((a.due == 0) != (b.due == 0)) return b.due == 0;  // something with a time comes first
        if (a.due != b.due) return a.due < b.due;
        return a.kind != b.kind ? a.kind < b.kind : a.id < b.id;
    });
    return out;
}

}  // namespace kartoteka::desk
