// The calendars: and sla: sections: the shipped file loads, and every mistake names file, line and key.
#include <boost/test/unit_test.hpp>

#include "error.h"
#include "sla/sla_policy.h"
#include "sla_test_util.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

std::string error_of(const std::string& yaml) {
    try {
        config::parse_config(yaml, "test.yaml");
    } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::config));
        return e.what();
    }
    return {};
}

std::string one_calendar(const std::string& zone, const std::string& hours, const std::string& holidays = "[]") {
    return "calendars:\n  - id: office\n    timezone: " + zone + "\n    hours:\n" + hours + "    holidays: " + holidays + "\n";
}

bool contains(const std::string& text, const std::string& part) {
    BOOST_TEST_MESSAGE(text);
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sla_config)

BOOST_AUTO_TEST_CASE(the_shipped_config_has_policies_for_the_demo_problem_types) {
    auto c = config::load_config(test::source_path("config/kartoteka.yaml"));
    BOOST_REQUIRE(!c.calendars.empty());
    BOOST_TEST(c.calendars[0].id == "office");
    BOOST_TEST(c.calendars[0].timezone == "Europe/Moscow");
    BOOST_TEST(c.calendars[0].hours[1].size() == 2u);  // Monday, with a lunch break
    sla::PolicySet policies(c.sla);
    for (const char* type : {"billing", "connection", "delivery", "equipment", "service", "porting"}) {
        auto p = policies.resolve(type, 3);
        BOOST_TEST_CONTEXT(type) {
            BOOST_TEST(p.first_response > 0);
            BOOST_TEST(p.resolution > 0);
            BOOST_TEST(p.warning_percent == 75);
        }
    }
    // 2027-01-07 (Orthodox Christmas) is closed in the office calendar.
    sla::BusinessCalendar office(c.calendars[0]);
    BOOST_TEST(office.between(test::T("2027-01-07T00:00:00Z"), test::T("2027-01-08T00:00:00Z")) == 0);
}

BOOST_AUTO_TEST_CASE(defaults_without_sections) {
    auto c = config::parse_config("", "empty.yaml");
    BOOST_TEST(c.calendars.empty());
    sla::PolicySet policies(c.sla);
    auto p = policies.resolve("billing", 3);
    BOOST_TEST(p.first_response == 8 * 3600);  // one working day by default
    BOOST_TEST(p.resolution == 0);
    sla::CalendarSet set(c.calendars);
    BOOST_TEST(set.get(p.calendar).id() == "24x7");
}

BOOST_AUTO_TEST_CASE(calendar_mistakes_name_file_line_and_key) {
    auto e = error_of(one_calendar("Europe/Moscow", "      mon: [\"09:00-08:00\"]\n"));
    BOOST_TEST(contains(e, "test.yaml:5: key 'calendars[0].hours.mon'"));
    BOOST_TEST(contains(error_of(one_calendar("Mars/Olympus", "      mon: [\"09:00-18:00\"]\n")), "unknown time zone"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"09:00-25:00\"]\n")), "HH:MM-HH:MM"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"24:00-24:00\"]\n")), "HH:MM-HH:MM"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"09:00-13:00\", \"12:00-18:00\"]\n")), "overlap"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mo: [\"09:00-13:00\"]\n")), "unknown day"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: []\n")), "at least one day"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n", "[\"13-01\"]")), "holidays"));
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n", "[\"2026-02-30\"]")), "holidays"));
    BOOST_TEST(error_of(one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n", "[\"02-29\", \"2024-02-29\"]")).empty());
    BOOST_TEST(contains(error_of(one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n") + "    colour: red\n"), "unknown key"));
    auto twice = one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n") + "  - id: office\n    timezone: UTC\n    hours:\n      mon: [\"09:00-18:00\"]\n";
    BOOST_TEST(contains(error_of(twice), "defined twice"));
}

BOOST_AUTO_TEST_CASE(dated_day_mistakes_name_file_line_and_key) {
    const std::string cal = one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n");
    auto bad_date = error_of(cal + "    days:\n      \"2016-02-30\": []\n");
    BOOST_TEST(contains(bad_date, "test.yaml:8: key 'calendars[0].days.2016-02-30'"));
    BOOST_TEST(contains(bad_date, "YYYY-MM-DD"));
    BOOST_TEST(contains(error_of(cal + "    days:\n      20-02-2016: []\n"), "days.20-02-2016"));
    auto overlap = error_of(cal + "    days:\n      \"2016-02-20\": [\"09:00-13:00\", \"12:00-17:00\"]\n");
    BOOST_TEST(contains(overlap, "test.yaml:8: key 'calendars[0].days.2016-02-20'"));
    BOOST_TEST(contains(overlap, "overlap"));
    BOOST_TEST(contains(error_of(cal + "    days:\n      \"2016-02-20\": [\"17:00-09:00\"]\n"), "ends before it begins"));
    BOOST_TEST(contains(error_of(cal + "    days:\n      \"2016-02-20\": \"09:00-17:00\"\n"), "list"));
    BOOST_TEST(contains(error_of(cal + "sla:\n  policies:\n    billing:\n      calendar: russia\n"),
                        "unknown calendar 'russia'"));
    auto ok = config::parse_config(cal + "    days:\n      \"2016-02-20\": [\"09:00-17:00\"]\n      \"2016-02-22\": []\n",
                                   "ok.yaml");
    BOOST_REQUIRE(ok.calendars.at(0).days.size() == 2u);
    BOOST_TEST(ok.calendars[0].days.at(16851).size() == 1u);  // 2016-02-20
    BOOST_TEST(ok.calendars[0].days.at(16853).empty());       // 2016-02-22, a day off
}

BOOST_AUTO_TEST_CASE(sla_mistakes_name_file_line_and_key) {
    const std::string cal = one_calendar("UTC", "      mon: [\"09:00-18:00\"]\n");
    BOOST_TEST(contains(error_of(cal + "sla:\n  calendar: nowhere\n"), "unknown calendar 'nowhere'"));
    BOOST_TEST(contains(error_of(cal + "sla:\n  policies:\n    billing:\n      resolution: 8x\n"),
                        "key 'sla.policies.billing.resolution'"));
    BOOST_TEST(contains(error_of(cal + "sla:\n  policies:\n    billing:\n      severity:\n        7: {resolution: 1h}\n"),
                        "severities 1 to 5"));
    BOOST_TEST(contains(error_of(cal + "sla:\n  policies:\n    billing:\n      resolutoin: 1h\n"), "unknown key"));
    BOOST_TEST(contains(error_of(cal + "sla:\n  warning_percent: 120\n"), "sla.warning_percent"));
    auto c = config::parse_config(cal + "sla:\n  calendar: office\n  warning_percent: 80\n  policies:\n"
                                        "    billing:\n      first_response: 1h30m\n      resolution: 90\n"
                                        "      severity:\n        5: {first_response: 30m, warning_percent: 50}\n",
                                  "ok.yaml");
    sla::PolicySet policies(c.sla);
    BOOST_TEST(policies.resolve("service", 3).first_response == 8 * 3600);  // the built-in default stays
    auto none = config::parse_config(cal + "sla:\n  default:\n    first_response: 0\n    resolution: 40h\n", "none.yaml");
    BOOST_TEST(sla::PolicySet(none.sla).resolve("service", 3).first_response == 0);
    BOOST_TEST(sla::PolicySet(none.sla).resolve("service", 3).resolution == 40 * 3600);
    BOOST_TEST(policies.resolve("billing", 3).first_response == 5400);
    BOOST_TEST(policies.resolve("billing", 3).resolution == 90);
    BOOST_TEST(policies.resolve("billing", 3).warning_percent == 80);
    BOOST_TEST(policies.resolve("billing", 5).first_response == 1800);
    BOOST_TEST(policies.resolve("billing", 5).warning_percent == 50);
    BOOST_TEST(policies.resolve("billing", 5).calendar == "office");
}

BOOST_AUTO_TEST_SUITE_END()
