#include "actions/lifecycle_actions.h"

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "error.h"
#include "retention/lifecycle_rules.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::actions {
namespace {

using model::LifecycleEventKind;
using model::Timestamp;

std::string date_text(Timestamp t) { return util::format_date(util::date_of(t)); }

[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorKind::invalid, why); }

/// The status the card would show at `now`, read from the stored orders and lifecycle records by the
/// same rules, so a record is checked against exactly what it will change.
retention::StatusAssessment status_of(storage::Store& s, model::Id customer_id, const config::RetentionConfig& rules,
                                      Timestamp now) {
    retention::CustomerHistory h;
    h.orders = s.orders_for(customer_id);
    h.events = s.lifecycle_events_for(customer_id);
    return retention::assess_status(h, rules, now);
}

/// The latest loss has no order after it yet (assess_status dates a return by that order).
bool loss_open(const model::LifecycleRecord& r) { return r.times_lost > 0 && r.returned_at <= r.lost_at; }

std::string login_of(storage::Store& s, model::Id id) {
    auto a = s.agent(id);
    return a ? a->login : "#" + std::to_string(id);
}

}  // namespace

model::Customer LifecycleActions::require_customer(model::Id id) {
    auto c = id > 0 ? m_store.customer(id) : std::nullopt;
    if (!c) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(id));
    return *c;
}

model::LifecycleEvent LifecycleActions::store(model::LifecycleEvent e, const char* action, const std::string& detail,
                                              Timestamp now) {
    m_store.insert_lifecycle_event(e);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", action, e.customer_id, "lifecycle_event", e.id, detail});
    return e;
}

model::LifecycleEvent LifecycleActions::record_loss(const LossDraft& d, Timestamp now) {
    access::require(m_agent, access::Action::record_lifecycle);
    storage::Store::Transaction tx(m_store);
    require_customer(d.customer_id);
    const Timestamp at = d.at ? d.at : now;
    if (at > now) refuse("a loss cannot be dated in the future (" + date_text(at) + ")");
    if (d.lost_by <= 0 || !m_store.agent(d.lost_by))
        refuse("a loss records who lost the customer: name a known agent");
    const std::string note = util::trim(d.note);
    if (d.reason == model::LossReason::other && note.empty())
        refuse("a loss for reason 'other' needs a note saying what happened");
    const auto s = status_of(m_store, d.customer_id, m_rules, now);
    if (loss_open(s.record))
        refuse("customer #" + std::to_string(d.customer_id) + " is already lost since " + date_text(s.record.lost_at) +
               " with no order since; a new loss needs a return (an order) in between");
    const auto orders = retention::orders_until(m_store.orders_for(d.customer_id), now);
    if (!orders.empty() && orders.back().placed_at > at)
        refuse("customer #" + std::to_string(d.customer_id) + " ordered on " + date_text(orders.back().placed_at) +
               ", after " + date_text(at) + ": that order would count as their return; date the loss after it");
    auto e = store({0, d.customer_id, LifecycleEventKind::lost, at, d.reason, d.lost_by, note}, "record_loss",
                   std::string(model::to_string(d.reason)) + ", lost by " + login_of(m_store, d.lost_by), now);
    tx.commit();
    return e;
}

model::LifecycleEvent LifecycleActions::record_return(const ReturnDraft& d, Timestamp now) {
    access::require(m_agent, access::Action::record_lifecycle);
    storage::Store::Transaction tx(m_store);
    require_customer(d.customer_id);
    if (d.won_back_by < 0 || (d.won_back_by > 0 && !m_store.agent(d.won_back_by)))
        refuse("no agent #" + std::to_string(d.won_back_by) + " to credit with the return");
    const auto s = status_of(m_store, d.customer_id, m_rules, now);
    const std::string who = "customer #" + std::to_string(d.customer_id);
    if (s.record.times_lost == 0) refuse(who + " has no recorded loss to return from");
    if (loss_open(s.record))
        refuse(who + " is lost since " + date_text(s.record.lost_at) +
               " and has ordered nothing since: a return counts only after a new order, even a small trial one; "
               "promises and letters do not. Record the order first");
    for (const auto& e : m_store.lifecycle_events_for(d.customer_id))
        if (e.kind == LifecycleEventKind::returned && e.at > s.record.lost_at && e.at <= now)
            refuse(who + "'s return on " + date_text(e.at) + " is already recorded");
    // assess_status dated the return by the first order after the loss: that order is the return.
    model::Id order_id = 0;
    for (const auto& o : m_store.orders_for(d.customer_id))
        if (o.placed_at == s.record.returned_at) order_id = o.id;
    std::string note = util::trim(d.note);
    note = "order #" + std::to_string(order_id) + (note.empty() ? "" : "; " + note);
    const std::string by = d.won_back_by ? "won back by " + login_of(m_store, d.won_back_by) : "came back unprompted";
    auto e = store({0, d.customer_id, LifecycleEventKind::returned, s.record.returned_at, model::LossReason::other,
                    d.won_back_by, note},
                   "record_return", "order #" + std::to_string(order_id) + ", " + by, now);
    tx.commit();
    return e;
}

model::LifecycleEvent LifecycleActions::mark_do_not_retain(const DoNotRetainDraft& d, Timestamp now) {
    access::require(m_agent, access::Action::mark_do_not_retain);
    storage::Store::Transaction tx(m_store);
    require_customer(d.customer_id);
    const std::string reason = util::trim(d.reason);
    if (reason.empty())
        refuse("say why the customer is not to be retained: broke the law, abused or threatened staff, blackmail");
    const auto s = status_of(m_store, d.customer_id, m_rules, now);
    if (s.record.status == model::LifecycleStatus::do_not_retain)
        refuse("customer #" + std::to_string(d.customer_id) + " is already do-not-retain (decided by " +
               login_of(m_store, s.do_not_retain_by) + ")");
    auto e = store({0, d.customer_id, LifecycleEventKind::do_not_retain, now, model::LossReason::other, m_agent.id,
                    reason},
                   "mark_do_not_retain", "do not retain", now);
    tx.commit();
    return e;
}

}  // namespace kartoteka::actions
