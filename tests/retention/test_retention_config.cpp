// The `retention:` configuration section: defaults from DOMAIN.md, strict reading.
#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "config/yaml_reader.h"
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

model::Channel other_channel(model::Channel c) { return c == model::Channel::sms ? model::Channel::web : model::Channel::sms; }
model::Role other_role(model::Role r) { return r == model::Role::admin ? model::Role::supervisor : model::Role::admin; }

/// Every value of the section moved off its default (a new field of RetentionConfig needs a line here).
config::RetentionConfig off_default() {
    config::RetentionConfig p;
    auto& l = p.lifecycle;
    l.max_order_gap_days += 1;
    l.sleeping = {{400, 1}};
    l.falling_recent_orders += 1;
    l.falling_drop_percent += 1;
    l.signal_window_days += 1;
    l.discount_words = {"x"};
    l.new_manager_words = {"y"};
    l.returned_sensitive_days += 1;
    auto& v = p.value;
    v.expected_years += 1;
    v.min_history_days += 1;
    for (auto* t : {&v.tier_a, &v.tier_b}) {
        t->min_annual_turnover += 1;
        t->min_orders_per_year += 1;
        t->min_margin_percent += 1;
    }
    v.reference_is_a = !v.reference_is_a;
    v.worth_min_margin_percent += 1;
    v.rare_orders_per_year += 1;
    v.little_average += 1;
    v.satisfaction_warning_below -= 1;
    auto& w = p.winback;
    w.product += "?";
    w.channel = other_channel(w.channel);
    w.validity_days += 1;
    w.priority += 1;
    w.assignee_role = other_role(w.assignee_role);
    auto& c = p.contacts;
    c.service_call_after_days += 1;
    c.service_role = other_role(c.service_role);
    for (auto& [tier, intervals] : c.periodic)
        for (auto& [type, days] : intervals) days += 1;
    for (auto& [type, channel] : c.channels) channel = other_channel(channel);
    c.complaint_problem_type += "?";
    c.complaint_severity = c.complaint_severity == 1 ? 2 : 1;
    p.offers.office_within_days += 1;
    p.offers.no_sales_call_after_inbound_days += 1;
    p.churn.normal_max_percent += 1;
    p.churn.action_percent += 1;
    for (auto& [channel, weight] : p.satisfaction.weights) weight += 1;
    for (auto& [grade, list] : p.grades.privileges) list.push_back({{{"en", "x"}, {"ru", "x"}, {"bg", "x"}}});
    return p;
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
    // The section must be there: without it the values below would equal the defaults trivially.
    const std::string file = test::source_path("config/kartoteka.yaml");
    const YAML::Node root = config::load_yaml_file(file);
    BOOST_REQUIRE_MESSAGE(root["retention"] && root["retention"].IsMap(), file + " has no retention: section");
    const config::RetentionConfig defaults;
    BOOST_TEST((config::parse_config("", "empty.yaml").retention == defaults));

    // Read the shipped section over a configuration whose every value is off its default: a key the
    // file leaves out keeps the wrong value, a value that differs from the code's default shows too.
    config::RetentionConfig read = off_default();
    BOOST_REQUIRE(!(read.lifecycle == defaults.lifecycle) && !(read.value == defaults.value) &&
                  !(read.winback == defaults.winback) && !(read.contacts == defaults.contacts) &&
                  !(read.offers == defaults.offers) && !(read.churn == defaults.churn));
    config::read_retention(config::MapReader(root["retention"], file, "retention"), read);
    BOOST_TEST((read.lifecycle == defaults.lifecycle));
    BOOST_TEST(read.lifecycle.discount_words == defaults.lifecycle.discount_words, boost::test_tools::per_element());
    BOOST_TEST(read.lifecycle.new_manager_words == defaults.lifecycle.new_manager_words, boost::test_tools::per_element());
    BOOST_TEST((read.value == defaults.value));
    BOOST_TEST(read.value.tier_a.min_annual_turnover == defaults.value.tier_a.min_annual_turnover);
    BOOST_TEST(read.value.little_average == defaults.value.little_average);
    BOOST_TEST((read.winback == defaults.winback));
    BOOST_TEST((read.contacts == defaults.contacts));
    BOOST_TEST(read.contacts.periodic.at('B').at(model::ContactType::become_part) == 180);
    BOOST_TEST((read.offers == defaults.offers));
    BOOST_TEST((read.churn == defaults.churn));
    BOOST_TEST((read == defaults));
    // And the whole file, loaded the normal way, carries the same rules.
    BOOST_TEST((config::load_config(file).retention == defaults));
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
