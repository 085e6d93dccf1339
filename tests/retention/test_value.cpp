// Value: DOMAIN.md "Value" (000: 5 x 10 x 500 = 25,000), grades and worth-winning-back.
#include <boost/test/unit_test.hpp>

#include "retention/customer_value.h"
#include "retention_builders.h"

using namespace kartoteka;
using test::day;
using test::test_now;

namespace {

/// Ten orders of `amount` spread over the last year: ten purchases a year.
retention::CustomerHistory ten_a_year(model::Money amount) {
    retention::CustomerHistory h;
    h.customer.id = 1;
    h.customer.created_at = test_now() - 400 * day;
    for (int k = 0; k < 10; ++k) h.orders.push_back(test::order_at(test_now() - (365 - k * 36) * day, amount));
    return h;
}

retention::CustomerValue value_of(const retention::CustomerHistory& h, const config::RetentionConfig& cfg = {}) {
    return retention::assess_value(h, retention::assess_status(h, cfg, test_now()), cfg, test_now());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(value)

BOOST_AUTO_TEST_CASE(lifetime_value_is_the_worked_example) {
    BOOST_TEST(retention::lifetime_value(5, 10, 50000) == 2500000);  // 5 x 10 x 500.00 RUB = 25,000.00 RUB
    const auto v = value_of(ten_a_year(50000));
    BOOST_TEST(v.purchases_per_year == 10.0);
    BOOST_TEST(v.average_price == 50000);
    BOOST_TEST(v.lifetime_value == 2500000);
    BOOST_TEST(v.annual_turnover == 500000);
}

BOOST_AUTO_TEST_CASE(one_recent_order_is_not_read_as_dozens_a_year) {
    const auto v = value_of(test::customer_with_order(7, 100000));
    BOOST_TEST(v.purchases_per_year == 1.0);  // counted over the minimum history of a year
    BOOST_TEST(v.lifetime_value == 500000);
}

BOOST_AUTO_TEST_CASE(tiers_follow_the_configured_criteria) {
    BOOST_TEST(value_of(ten_a_year(1000000)).tier == 'A');  // 100,000 a year, 10 orders
    const auto b = value_of(ten_a_year(300000));            // 30,000 a year
    BOOST_TEST(b.tier == 'B');
    BOOST_REQUIRE(!b.tier_reasons.empty());
    BOOST_TEST(b.tier_reasons[0] == "for A: annual turnover 30,000.00 < 100,000.00");
    BOOST_TEST(value_of(ten_a_year(50000)).tier == 'C');
    // A known low margin keeps a big spender out of A; a reference customer is A regardless.
    auto thin = ten_a_year(1000000);
    thin.traits.margin_percent = 10;
    BOOST_TEST(value_of(thin).tier == 'B');
    auto reference = ten_a_year(50000);
    reference.traits.reference = true;
    BOOST_TEST(value_of(reference).tier == 'A');
    config::RetentionConfig cfg;
    cfg.value.tier_b.min_annual_turnover = 400000;
    BOOST_TEST(value_of(ten_a_year(50000), cfg).tier == 'B');
}

BOOST_AUTO_TEST_CASE(not_worth_winning_back_names_each_reason) {
    BOOST_TEST(value_of(ten_a_year(50000)).worth_winning_back);
    auto h = ten_a_year(50000);
    h.traits.pays_late = true;
    h.traits.margin_percent = 0;
    const auto v = value_of(h);
    BOOST_TEST(!v.worth_winning_back);
    BOOST_TEST(v.not_worth_reasons.size() == 2u);
    BOOST_TEST(v.not_worth_reasons[0] == "low_margin: 0%");
    BOOST_TEST(v.not_worth_reasons[1] == "pays_late");
    // Buys rarely (one a year) and little (100.00 under 500.00).
    const auto rare = value_of(test::customer_with_order(200, 10000));
    BOOST_TEST(!rare.worth_winning_back);
    BOOST_TEST(rare.not_worth_reasons.at(0).rfind("buys_rarely_and_little", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(satisfaction_index_warns_under_four_and_a_half) {
    std::vector<model::ServiceContact> contacts;
    auto rated = [&](int score) {
        model::ServiceContact c;
        c.status = model::ContactStatus::done;
        c.done_at = test_now() - day;
        c.answers.satisfaction = score;
        contacts.push_back(c);
    };
    for (int s : {5, 4}) rated(s);
    auto idx = retention::satisfaction_index(contacts, config::ValueRules{}, test_now());
    BOOST_TEST(idx.index == 4.5);
    BOOST_TEST(idx.ratings == 2);
    BOOST_TEST(!idx.warning);
    rated(4);
    idx = retention::satisfaction_index(contacts, config::ValueRules{}, test_now());
    BOOST_TEST(idx.index < 4.5);
    BOOST_TEST(idx.warning);
    model::ServiceContact planned;  // not answered yet: does not count
    planned.answers.satisfaction = 1;
    contacts.push_back(planned);
    BOOST_TEST(retention::satisfaction_index(contacts, config::ValueRules{}, test_now()).ratings == 3);
    BOOST_TEST(retention::satisfaction_index({}, config::ValueRules{}, test_now()).warning == false);
}

BOOST_AUTO_TEST_CASE(low_satisfaction_is_an_early_warning_signal) {
    const auto h = test::customer_with_order(3);
    const auto a = retention::assess_status(h, config::RetentionConfig{}, test_now(), 4.0);
    BOOST_TEST(model::to_string(a.record.status) == "at_risk");
    BOOST_REQUIRE(a.signals.size() == 1u);
    BOOST_TEST(a.signals[0].fact == "satisfaction index 4.00 is under 4.50");
}

BOOST_AUTO_TEST_SUITE_END()
