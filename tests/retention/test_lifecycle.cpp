// Lifecycle status: DOMAIN.md "Lifecycle status" and its edges.
#include <boost/test/unit_test.hpp>

#include "retention/lifecycle_rules.h"
#include "retention_builders.h"

using namespace kartoteka;
using test::day;
using test::test_now;

namespace {

retention::StatusAssessment status_of(const retention::CustomerHistory& h) {
    return retention::assess_status(h, config::RetentionConfig{}, test_now());
}

bool has_signal(const retention::StatusAssessment& a, const std::string& code) {
    for (const auto& s : a.signals)
        if (s.code == code) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle)

// Days since the last purchase -> expected status and bucket (90/180/360 boundaries, 002).
BOOST_AUTO_TEST_CASE(sleeping_buckets_at_their_boundaries) {
    const std::vector<std::tuple<int, std::string, int>> cases{
        {10, "active", 0},      {45, "active", 0},      {46, "at_risk", 0},     {89, "at_risk", 0},
        {90, "sleeping", 90},   {179, "sleeping", 90},  {180, "sleeping", 180}, {359, "sleeping", 180},
        {360, "sleeping", 360}, {1000, "sleeping", 360}};
    for (const auto& [days, expected_status, expected_bucket] : cases) {
        BOOST_TEST_CONTEXT("days since the last order: " << days) {
            const auto a = status_of(test::customer_with_order(days));
            BOOST_TEST(model::to_string(a.record.status) == expected_status);
            BOOST_TEST(a.sleeping_bucket == expected_bucket);
            BOOST_TEST(a.days_since_order == days);
        }
    }
}

BOOST_AUTO_TEST_CASE(no_order_within_the_gap_is_a_signal_with_its_fact) {
    const auto a = status_of(test::customer_with_order(63));
    BOOST_REQUIRE(a.signals.size() == 1u);
    BOOST_TEST(a.signals[0].code == "no_order_within_gap");
    BOOST_TEST(a.signals[0].fact == "last order 2026-09-22, 63 days ago (maximum gap: 45 days)");
}

BOOST_AUTO_TEST_CASE(falling_average_purchase_makes_an_active_customer_at_risk) {
    auto h = test::customer_with_order(5, 50000);
    for (int k : {100, 80, 60}) h.orders.push_back(test::order_at(test_now() - k * day, 200000));
    h.orders.push_back(test::order_at(test_now() - 30 * day, 60000));
    h.orders.push_back(test::order_at(test_now() - 15 * day, 40000));
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "at_risk");
    BOOST_REQUIRE(has_signal(a, "falling_average"));
    BOOST_TEST(a.signals.back().fact == "average of the last 3 orders 500.00 against 2,000.00 before (-75%)");
    // A steady customer with the same rhythm is active.
    auto steady = test::customer_with_order(5, 100000);
    for (int k : {60, 40, 20}) steady.orders.push_back(test::order_at(test_now() - k * day, 100000));
    BOOST_TEST(model::to_string(status_of(steady).record.status) == "active");
}

BOOST_AUTO_TEST_CASE(demands_for_discounts_or_a_new_manager_are_signals) {
    auto h = test::customer_with_order(3);
    model::Interaction i;
    i.customer_id = 1;
    i.occurred_at = test_now() - 10 * day;
    i.summary = "Требует скидку 20%, иначе уйдёт";
    h.interactions.push_back(i);
    i.occurred_at = test_now() - 200 * day;  // outside the 90-day window
    i.summary = "Wants another manager";
    h.interactions.push_back(i);
    auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "at_risk");
    BOOST_TEST(has_signal(a, "discount_demand"));
    BOOST_TEST(!has_signal(a, "new_manager_demand"));
    h.interactions.back().occurred_at = test_now() - 20 * day;
    BOOST_TEST(has_signal(status_of(h), "new_manager_demand"));
}

BOOST_AUTO_TEST_CASE(lost_records_date_reason_and_who) {
    auto h = test::customer_with_order(100);
    h.events.push_back(test::loss_at(test_now() - 40 * day, 42, model::LossReason::service));
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "lost");
    BOOST_TEST(a.record.lost_at == test_now() - 40 * day);
    BOOST_TEST(model::to_string(*a.record.lost_reason) == "service");
    BOOST_TEST(a.record.lost_by == 42);
    BOOST_TEST(a.record.times_lost == 1);
}

BOOST_AUTO_TEST_CASE(returned_only_after_a_new_order_not_a_promise) {
    auto h = test::customer_with_order(100);
    h.events.push_back(test::loss_at(test_now() - 40 * day));
    model::LifecycleEvent promise;
    promise.kind = model::LifecycleEventKind::returned;  // "we'll give you a second chance"
    promise.at = test_now() - 10 * day;
    h.events.push_back(promise);
    BOOST_TEST(model::to_string(status_of(h).record.status) == "lost");
    // A small trial order after the loss is the return (000).
    h.orders.push_back(test::order_at(test_now() - 5 * day, 1000));
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "returned");
    BOOST_TEST(a.record.returned_at == test_now() - 5 * day);
    BOOST_TEST(a.extra_sensitive);
    BOOST_TEST(a.sensitive_until == test_now() - 5 * day + 365 * day);
}

BOOST_AUTO_TEST_CASE(the_extra_sensitive_period_ends) {
    config::RetentionConfig cfg;
    cfg.lifecycle.returned_sensitive_days = 30;
    auto h = test::customer_with_order(400);
    h.events.push_back(test::loss_at(test_now() - 300 * day));
    h.orders.push_back(test::order_at(test_now() - 31 * day, 1000));
    auto a = retention::assess_status(h, cfg, test_now());
    BOOST_TEST(!a.extra_sensitive);
    BOOST_TEST(model::to_string(a.record.status) == "active");  // 31 days since the trial order
    BOOST_TEST(a.record.returned_at == test_now() - 31 * day);
    h.orders.back().placed_at = test_now() - 29 * day;
    BOOST_TEST(retention::assess_status(h, cfg, test_now()).extra_sensitive);
    // Back, then quiet again for 100 days: sleeping, and still flagged while the period lasts.
    cfg.lifecycle.returned_sensitive_days = 365;
    h.orders.back().placed_at = test_now() - 100 * day;
    a = retention::assess_status(h, cfg, test_now());
    BOOST_TEST(model::to_string(a.record.status) == "sleeping");
    BOOST_TEST(a.extra_sensitive);
}

BOOST_AUTO_TEST_CASE(a_second_loss_after_a_return_is_lost_twice) {
    auto h = test::customer_with_order(400);
    h.events.push_back(test::loss_at(test_now() - 300 * day, 7));
    h.orders.push_back(test::order_at(test_now() - 200 * day, 5000));  // came back
    h.events.push_back(test::loss_at(test_now() - 50 * day, 9, model::LossReason::product));
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "lost_twice");
    BOOST_TEST(a.record.times_lost == 2);
    BOOST_TEST(a.record.lost_by == 9);
    // Two records of the same loss with no order in between are one loss, not two.
    auto same = test::customer_with_order(400);
    same.events.push_back(test::loss_at(test_now() - 300 * day));
    same.events.push_back(test::loss_at(test_now() - 250 * day));
    BOOST_TEST(model::to_string(status_of(same).record.status) == "lost");
    BOOST_TEST(status_of(same).record.times_lost == 1);
}

BOOST_AUTO_TEST_CASE(do_not_retain_overrides_everything) {
    auto h = test::customer_with_order(2);
    model::LifecycleEvent e;
    e.kind = model::LifecycleEventKind::do_not_retain;
    e.at = test_now() - 10 * day;
    e.agent_id = 3;
    e.note = "Threatened staff";
    h.events.push_back(e);
    h.orders.push_back(test::order_at(test_now() - 1 * day, 5000));
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "do_not_retain");
    BOOST_TEST(a.do_not_retain_by == 3);
    BOOST_TEST(a.do_not_retain_note == "Threatened staff");
}

BOOST_AUTO_TEST_CASE(a_sleeping_customer_who_answers_is_not_passive_yet) {
    auto h = test::customer_with_order(200);
    BOOST_TEST(status_of(h).responding.empty());
    model::Interaction i;
    i.customer_id = 1;
    i.channel = model::Channel::email;
    i.direction = model::Direction::inbound;
    i.occurred_at = test_now() - 3 * day;
    i.summary = "Re: your offer - tell me more";
    h.interactions.push_back(i);
    const auto a = status_of(h);
    BOOST_TEST(model::to_string(a.record.status) == "sleeping");
    BOOST_TEST(a.responding == "answered on 2026-11-21 by email: \"Re: your offer - tell me more\"");
    h.interactions.back().direction = model::Direction::outbound;  // our own letter is not an answer
    BOOST_TEST(status_of(h).responding.empty());
}

BOOST_AUTO_TEST_CASE(records_after_now_are_ignored) {
    auto h = test::customer_with_order(100);
    h.events.push_back(test::loss_at(test_now() + 5 * day));
    BOOST_TEST(model::to_string(status_of(h).record.status) == "sleeping");
}

BOOST_AUTO_TEST_SUITE_END()
