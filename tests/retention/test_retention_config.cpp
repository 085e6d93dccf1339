// The `retention:` configuration section: defaults from DOMAIN.md, strict reading.
#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "error.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

std::string config_error(const std::string& yaml) {
    try {
        config::parse_config(yaml, "test.yaml");
    } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::config));
        return e.what();
    }
    return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retention_config)

BOOST_AUTO_TEST_CASE(defaults_are_the_domain_numbers) {
    const auto c = config::parse_config("", "empty.yaml").retention;
    BOOST_TEST(c.lifecycle.max_order_gap_days == 45);
    BOOST_REQUIRE(c.lifecycle.sleeping.size() == 3u);
    BOOST_TEST(c.lifecycle.sleeping[0].days == 90);
    BOOST_TEST(c.lifecycle.sleeping[1].winback_discount_percent == 15);
    BOOST_TEST(c.lifecycle.sleeping[2].days == 360);
    BOOST_TEST(c.value.satisfaction_warning_below == 4.5);
    BOOST_TEST(c.value.expected_years == 5.0);
    BOOST_TEST(c.contacts.service_call_after_days == 30);
    BOOST_TEST(c.offers.office_within_days == 3);
    BOOST_TEST(c.churn.action_percent == 20.0);
}

BOOST_AUTO_TEST_CASE(the_shipped_file_documents_the_same_defaults) {
    const auto shipped = config::load_config(test::source_path("config/kartoteka.yaml")).retention;
    const auto defaults = config::parse_config("", "empty.yaml").retention;
    BOOST_TEST(shipped.lifecycle.sleeping.size() == defaults.lifecycle.sleeping.size());
    BOOST_TEST(shipped.lifecycle.discount_words == defaults.lifecycle.discount_words, boost::test_tools::per_element());
    BOOST_TEST(shipped.value.tier_a.min_annual_turnover == defaults.value.tier_a.min_annual_turnover);
    BOOST_TEST(shipped.value.little_average == defaults.value.little_average);
    BOOST_TEST(shipped.contacts.periodic.at('B').at(model::ContactType::become_part) == 180);
    BOOST_TEST(shipped.contacts.periodic == defaults.contacts.periodic);
    BOOST_TEST(shipped.contacts.channels == defaults.contacts.channels);
}

BOOST_AUTO_TEST_CASE(values_are_read_and_bad_ones_named_by_file_line_and_key) {
    const auto c = config::parse_config(
        "retention:\n  lifecycle:\n    max_order_gap_days: 30\n    sleeping_buckets:\n"
        "      - {days: 60, winback_discount_percent: 5}\n      - {days: 120, winback_discount_percent: 25}\n"
        "  value:\n    little_average: 12.34\n  winback:\n    channel: email\n",
        "test.yaml").retention;
    BOOST_TEST(c.lifecycle.max_order_gap_days == 30);
    BOOST_TEST(c.lifecycle.sleeping.size() == 2u);
    BOOST_TEST(c.lifecycle.sleeping[1].winback_discount_percent == 25);
    BOOST_TEST(c.value.little_average == 1234);
    BOOST_TEST(model::to_string(c.winback.channel) == "email");

    auto e = config_error("retention:\n  lifecycle:\n    max_order_gap_dayz: 30\n");
    BOOST_TEST(e.find("test.yaml:3") != std::string::npos, e);
    BOOST_TEST(e.find("retention.lifecycle.max_order_gap_dayz") != std::string::npos, e);
    e = config_error("retention:\n  lifecycle:\n    sleeping_buckets:\n      - {days: 180}\n      - {days: 90}\n");
    BOOST_TEST(e.find("ascending") != std::string::npos, e);
    e = config_error("retention:\n  winback:\n    channel: pigeon\n");
    BOOST_TEST(e.find("retention.winback.channel") != std::string::npos, e);
    e = config_error("retention:\n  contacts:\n    periodic_days:\n      D: {how_are_you: 5}\n");
    BOOST_TEST(e.find("unknown key") != std::string::npos, e);
    e = config_error("retention:\n  churn:\n    normal_max_percent: 30\n    action_percent: 20\n");
    BOOST_TEST(e.find("action_percent") != std::string::npos, e);
}

BOOST_AUTO_TEST_SUITE_END()
