#pragma once
/// Small builders for customer histories in the retention tests: "an order N days before now".
#include "config/retention_config.h"
#include "retention/customer_history.h"
#include "util/time.h"

namespace kartoteka::test {

/// Tuesday 2026-11-24 12:00 UTC: the tests' "now".
inline model::Timestamp test_now() { return *util::parse_iso("2026-11-24T12:00:00Z"); }
constexpr model::Timestamp day = 86400;

inline model::Order order_at(model::Timestamp at, model::Money amount, std::string product = "Plan S") {
    model::Order o;
    o.customer_id = 1;
    o.placed_at = at;
    o.amount = amount;
    o.product = std::move(product);
    return o;
}

inline model::LifecycleEvent loss_at(model::Timestamp at, model::Id by = 7,
                                     model::LossReason reason = model::LossReason::competitor) {
    model::LifecycleEvent e;
    e.customer_id = 1;
    e.kind = model::LifecycleEventKind::lost;
    e.at = at;
    e.reason = reason;
    e.agent_id = by;
    return e;
}

/// A customer since two years ago with one order `days_ago` days before now.
inline retention::CustomerHistory customer_with_order(int days_ago, model::Money amount = 100000) {
    retention::CustomerHistory h;
    h.customer.id = 1;
    h.customer.created_at = test_now() - 730 * day;
    h.orders.push_back(order_at(test_now() - days_ago * day, amount));
    return h;
}

}  // namespace kartoteka::test
