// Churn figures: DOMAIN.md "Churn figures" worked examples, by formula and over real histories.
#include <boost/test/unit_test.hpp>

#include "error.h"
#include "retention/churn_report.h"
#include "retention_builders.h"

using namespace kartoteka;
using test::day;

namespace {

const model::Timestamp from = *util::parse_iso("2025-01-01T00:00:00Z");
const model::Timestamp to = *util::parse_iso("2026-01-01T00:00:00Z");  // 365 days

retention::CustomerHistory customer(model::Id id) {
    retention::CustomerHistory h;
    h.customer.id = id;
    h.customer.created_at = from - 700 * day;
    return h;
}

model::Order order(model::Id customer, model::Timestamp at, model::Money amount) {
    auto o = test::order_at(at, amount);
    o.customer_id = customer;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(churn)

BOOST_AUTO_TEST_CASE(formulas_reproduce_the_worked_figures) {
    BOOST_TEST(retention::count_churn_percent(200, 1000) == 20.0);
    BOOST_TEST(retention::money_churn(200, 200000, 6) == 240000000);   // 200 x 2000 RUB x 6 = 2,400,000 RUB
    BOOST_TEST(retention::value_lost(100, 2500000) == 250000000);      // 100 x 25,000 RUB = 2,500,000 RUB
    BOOST_TEST(retention::count_churn_percent(5, 0) == 0.0);
}

BOOST_AUTO_TEST_CASE(report_over_histories_gives_1000_200_20_percent_and_money_churn) {
    std::vector<retention::CustomerHistory> all;
    for (model::Id id = 1; id <= 1000; ++id) {
        auto h = customer(id);
        if (id <= 200) {
            // Six payments of 2000 RUB in the year before leaving mid-period.
            const model::Timestamp lost_at = from + 100 * day;
            for (int k = 0; k < 6; ++k) h.orders.push_back(order(id, lost_at - (10 + 50 * k) * day, 200000));
            auto e = test::loss_at(lost_at);
            e.customer_id = id;
            h.events.push_back(e);
        } else {
            h.orders.push_back(order(id, from - 10 * day, 100000));
        }
        all.push_back(std::move(h));
    }
    // Someone who joined during the period is not a customer "at the start".
    auto late = customer(1001);
    late.customer.created_at = from + 10 * day;
    all.push_back(late);
    const auto r = retention::churn_report(all, from, to, config::RetentionConfig{});
    BOOST_TEST(r.at_start == 1000);
    BOOST_TEST(r.lost == 200);
    BOOST_TEST(r.count_churn_percent == 20.0);
    BOOST_TEST(r.verdict == "needs_action");  // 20% a year and more needs action (002)
    BOOST_TEST(r.average_bill == 200000);
    BOOST_TEST(r.payments_per_period == 6.0);
    BOOST_TEST(r.money_churn == 240000000);
}

BOOST_AUTO_TEST_CASE(value_lost_is_lost_customers_times_lifetime_value) {
    std::vector<retention::CustomerHistory> all;
    for (model::Id id = 1; id <= 100; ++id) {
        auto h = customer(id);
        const model::Timestamp lost_at = from + 200 * day;
        // Ten purchases of 500 RUB in the year before: 5 x 10 x 500 = 25,000 RUB each.
        for (int k = 0; k < 10; ++k) h.orders.push_back(order(id, lost_at - (365 - 36 * k) * day, 50000));
        auto e = test::loss_at(lost_at);
        e.customer_id = id;
        h.events.push_back(e);
        all.push_back(std::move(h));
    }
    const auto r = retention::churn_report(all, from, to, config::RetentionConfig{});
    BOOST_TEST(r.lost == 100);
    BOOST_TEST(r.average_lifetime_value == 2500000);
    BOOST_TEST(r.value_lost == 250000000);
}

BOOST_AUTO_TEST_CASE(returned_customers_with_their_first_order_amounts) {
    std::vector<retention::CustomerHistory> all;
    for (model::Id id = 1; id <= 3; ++id) {
        auto h = customer(id);
        h.orders.push_back(order(id, from - 300 * day, 90000));
        auto e = test::loss_at(from - 100 * day);
        e.customer_id = id;
        h.events.push_back(e);
        all.push_back(std::move(h));
    }
    all[0].orders.push_back(order(1, from + 20 * day, 100000));   // back in the period
    all[0].orders.push_back(order(1, from + 40 * day, 700000));   // later orders are not the first
    all[1].orders.push_back(order(2, from + 300 * day, 200000));  // back in the period
    all[2].orders.push_back(order(3, to + 5 * day, 500000));      // back after it
    const auto r = retention::churn_report(all, from, to, config::RetentionConfig{});
    BOOST_REQUIRE(r.returned.size() == 2u);
    BOOST_TEST(r.returned[0].customer_id == 1);
    BOOST_TEST(r.returned[0].first_order == 100000);
    BOOST_TEST(r.returned[1].first_order == 200000);
    BOOST_TEST(r.returned_first_orders == 300000);
    BOOST_TEST(r.at_start == 0);  // all three were lost when the period began
    BOOST_CHECK_THROW(retention::churn_report(all, to, from, config::RetentionConfig{}), Error);
}

BOOST_AUTO_TEST_SUITE_END()
