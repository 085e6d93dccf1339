#pragma once
/// The prepared store of issue 19's retention page, shared by the desk test, the CLI test and the GUI
/// test (through the retention_fixture program). October 2026 in Moscow, the seeds' worked example
/// (001): 1000 rouble customers at its start, 200 of them lost in it, each with six orders of 2000 RUB
/// in the month before the loss: 20% count churn, 200 x 2000 x 6 = 2,400,000 RUB money churn. Beside
/// them 50 euro customers, 5 lost (10%, 5 x 100 x 1 = 500 EUR), which must stay apart; three win-backs
/// (000): one a year ago with a clean year since, one a year ago with a complaint, one in October.
#include <string>

#include "storage/store.h"
#include "util/time.h"

namespace kartoteka::test::retention_fixture {

/// The report's clock: the win-back years and sleeping buckets are read at this instant.
inline model::Timestamp now() { return *util::parse_iso("2026-11-24T12:00:00Z"); }
/// Moves every date of the store by this much: the GUI test puts the worked month last month, inside
/// the page's default range of the last twelve months. 0 for the tests that read October 2026.
inline model::Timestamp shift = 0;
inline model::Timestamp at(const char* iso) { return *util::parse_iso(iso) + shift; }

inline model::Id customer(storage::Store& s, const std::string& last, const char* created) {
    model::Customer c;
    c.first_name = "Fixture";
    c.last_name = last;
    c.created_at = at(created);
    return s.insert_customer(c, c.created_at);
}

inline void order(storage::Store& s, model::Id customer_id, model::Timestamp when, model::Money minor,
                  const char* currency) {
    model::Order o;
    o.customer_id = customer_id;
    o.placed_at = when;
    o.amount = minor;
    o.product = "Plan S";
    o.currency = currency;
    s.insert_order(o);
}

inline void event(storage::Store& s, model::Id customer_id, model::LifecycleEventKind kind, model::Timestamp when,
                  model::LossReason reason = model::LossReason::other) {
    model::LifecycleEvent e;
    e.customer_id = customer_id;
    e.kind = kind;
    e.at = when;
    e.reason = reason;
    s.insert_lifecycle_event(e);
}

/// A customer lost on `lost_at` (a date-time), won back by an order of `first` on `back`.
inline model::Id won_back(storage::Store& s, const std::string& name, const char* before, model::Money before_amount,
                          const char* lost_at, const char* back, model::Money first) {
    const auto id = customer(s, name, "2024-01-01T09:00:00Z");
    order(s, id, at(before), before_amount, "RUB");
    event(s, id, model::LifecycleEventKind::lost, at(lost_at), model::LossReason::service);
    order(s, id, at(back), first, "RUB");
    return id;
}

inline void agents(storage::Store& s) {
    model::Agent sup{0, "supervisor", "Svetlana Supervisor", model::Role::supervisor, 0, true};
    model::Agent op{0, "operator", "Oleg Operator", model::Role::operator_, 0, true};
    s.insert_agent(sup);
    s.insert_agent(op);
}

inline void rouble_customers(storage::Store& s) {
    constexpr model::Timestamp day = 86400;
    for (int i = 0; i < 200; ++i) {  // lost on 15 October, six orders of 2000 RUB in the month before
        const auto id = customer(s, "Lost" + std::to_string(i), "2025-01-01T09:00:00Z");
        const auto lost = at("2026-10-15T09:00:00Z");
        for (int k = 1; k <= 6; ++k) order(s, id, lost - k * 4 * day, 200000, "RUB");
        event(s, id, model::LifecycleEventKind::lost, lost, i < 120 ? model::LossReason::competitor : model::LossReason::service);
    }
    for (int i = 0; i < 798; ++i) {  // steady; some asleep: 100 for 90+ days, 50 for 180+, 20 for 360+
        const auto id = customer(s, "Steady" + std::to_string(i), "2025-01-01T09:00:00Z");
        const char* last = i < 100 ? "2026-06-01T09:00:00Z" : i < 150 ? "2026-01-01T09:00:00Z"
                           : i < 170 ? "2025-06-01T09:00:00Z" : "2026-09-01T09:00:00Z";
        order(s, id, at(last), 150000, "RUB");
    }
    // Won back a year ago: 4000 RUB after 3000 the year before the loss, no complaint since.
    won_back(s, "WonClean", "2024-06-01T09:00:00Z", 300000, "2025-03-01T09:00:00Z", "2025-10-20T09:00:00Z", 400000);
    // Won back a year ago for 1000 RUB after 10,000 before; complained in February.
    const auto w2 = won_back(s, "WonComplained", "2024-09-01T09:00:00Z", 1000000, "2025-04-01T09:00:00Z",
                             "2025-11-05T09:00:00Z", 100000);
    model::Ticket t;
    t.customer_id = w2;
    t.problem_type = "billing";
    t.subject = "Invoice twice";
    t.created_at = t.updated_at = at("2026-02-01T09:00:00Z");
    s.insert_ticket(t);
    // Lost last year, back in October with 5000 RUB and 2000 more: 7000 against 6000 the year before.
    const auto r = won_back(s, "WonOctober", "2025-03-01T09:00:00Z", 300000, "2025-06-01T09:00:00Z",
                            "2026-10-10T09:00:00Z", 500000);
    order(s, r, at("2025-04-01T09:00:00Z"), 300000, "RUB");
    order(s, r, at("2026-10-20T09:00:00Z"), 200000, "RUB");
    const auto refused = customer(s, "Refused", "2025-01-01T09:00:00Z");  // not a customer to keep any more
    order(s, refused, at("2025-02-01T09:00:00Z"), 150000, "RUB");
    event(s, refused, model::LifecycleEventKind::do_not_retain, at("2026-03-01T09:00:00Z"));
    customer(s, "NewInOctober", "2026-10-05T09:00:00Z");
}

inline void euro_customers(storage::Store& s) {
    for (int i = 0; i < 50; ++i) {
        const auto id = customer(s, "Euro" + std::to_string(i), "2025-01-01T09:00:00Z");
        order(s, id, at("2026-09-20T09:00:00Z"), 10000, "EUR");
        if (i < 5) event(s, id, model::LifecycleEventKind::lost, at("2026-10-15T09:00:00Z"), model::LossReason::moved_away);
    }
}

/// Fills an empty store.
inline void build(storage::Store& s) {
    storage::Store::Transaction tx(s);
    agents(s);
    rouble_customers(s);
    euro_customers(s);
    tx.commit();
}

}  // namespace kartoteka::test::retention_fixture
