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

void hold_offers_for_complaints(Card& c) {
    const auto held = retention::check_complaints(c.tickets);
    if (held.eligible) return;
    for (std::size_t k = 0; k < c.offers.size() && k < c.retention.offers.size(); ++k)
        if (model::is_open(c.offers[k].status) && c.retention.offers[k].eligible) c.retention.offers[k] = held;
}

}  // namespace kartoteka::card
