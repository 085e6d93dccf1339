#include <chrono>

#include "card/card.h"

namespace kartoteka::card {

const char* to_string(SourceStatus s) noexcept {
    switch (s) {
    case SourceStatus::ok: return "ok";
    case SourceStatus::pending: return "pending";
    case SourceStatus::stale: return "stale";
    case SourceStatus::timed_out: return "timed_out";
    case SourceStatus::down: return "down";
    case SourceStatus::bad_data: return "bad_data";
    }
    return "?";
}

model::LifecycleRecord lifecycle_from_events(const std::vector<model::LifecycleEvent>& events) {
    using model::LifecycleEventKind;
    using model::LifecycleStatus;
    model::LifecycleRecord r;
    for (const auto& e : events) {  // oldest first
        switch (e.kind) {
        case LifecycleEventKind::lost:
            ++r.times_lost;
            r.lost_at = e.at;
            r.lost_reason = e.reason;
            r.lost_by = e.agent_id;
            r.status = r.times_lost >= 2 ? LifecycleStatus::lost_twice : LifecycleStatus::lost;
            break;
        case LifecycleEventKind::returned:
            r.returned_at = e.at;
            r.returned_by = e.agent_id;
            if (r.status == LifecycleStatus::lost) r.status = LifecycleStatus::returned;
            break;
        case LifecycleEventKind::do_not_retain: r.status = LifecycleStatus::do_not_retain; break;
        }
        if (r.status == LifecycleStatus::do_not_retain) break;  // final: nothing overrides it
    }
    return r;
}

OrderSummary summarize_orders(const std::vector<model::Order>& orders) {
    OrderSummary s;
    for (const auto& o : orders) {
        ++s.orders;
        s.total += o.amount;
        if (s.first_order_at == 0 || o.placed_at < s.first_order_at) s.first_order_at = o.placed_at;
        if (o.placed_at > s.last_order_at) s.last_order_at = o.placed_at;
    }
    if (s.orders > 0) s.average = s.total / s.orders;
    return s;
}

std::optional<Card> CardLoader::load(model::Id customer_id, model::Timestamp now) {
    const auto started = std::chrono::steady_clock::now();
    auto customer = m_store.customer(customer_id);
    if (!customer) return std::nullopt;
    Card c;
    c.customer = std::move(*customer);
    // The full retention rules, not lifecycle_from_events: a return needs a new order, statuses come
    // from the order history too, and offers and contacts carry their eligibility.
    retention::RetentionService rules(m_store, m_retention, m_timezone);
    const auto history = rules.load_history(customer_id, now);
    c.retention = rules.assess(history, now);
    c.status = c.retention.status.record;
    c.orders = summarize_orders(history.orders);
    c.interactions = m_store.interactions_for(customer_id, m_page);
    c.offers = history.offers;
    c.preferences = history.preferences;
    c.tickets = m_store.tickets_for(customer_id, true);
    c.contacts = history.contacts;
    const auto took = std::chrono::steady_clock::now() - started;
    c.sources.push_back({"local", SourceStatus::ok, now,
                         static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()), ""});
    return c;
}

}  // namespace kartoteka::card
