#pragma once
/// Helpers of the SLA tests: calendars from YAML text (through the real config parser) and instants.
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>

#include "config/config.h"
#include "sla/business_calendar.h"
#include "sla/sla_engine.h"
#include "util/time.h"

namespace kartoteka::sla {
/// So Boost.Test can print states in failure messages.
inline std::ostream& operator<<(std::ostream& out, State s) { return out << to_string(s); }
}  // namespace kartoteka::sla

namespace kartoteka::test {

/// Parses "calendars:" YAML (the whole list) and returns the parsed configuration.
inline config::Config config_with(const std::string& yaml) { return config::parse_config(yaml, "test.yaml"); }

/// One calendar: zone, and the "hours:" body lines (already indented by 6) plus optional holidays and
/// "days:" body lines (indented by 6).
inline sla::BusinessCalendar calendar(const std::string& zone, const std::string& hours,
                                      const std::string& holidays = "[]", const std::string& days = "") {
    auto c = config_with("calendars:\n  - id: c\n    timezone: " + zone + "\n    hours:\n" + hours +
                         "    holidays: " + holidays + "\n" + (days.empty() ? "" : "    days:\n" + days));
    return sla::BusinessCalendar(c.calendars.at(0));
}

inline const std::string office_hours =
    "      mon: [\"09:00-13:00\", \"14:00-18:00\"]\n      tue: [\"09:00-13:00\", \"14:00-18:00\"]\n"
    "      wed: [\"09:00-13:00\", \"14:00-18:00\"]\n      thu: [\"09:00-13:00\", \"14:00-18:00\"]\n"
    "      fri: [\"09:00-13:00\", \"14:00-18:00\"]\n";

/// Russia's production calendar around 23 February 2016, for office_hours: Saturday the 20th worked as
/// a pre-holiday day shortened by an hour (09:00-17:00 with the lunch hour), Monday the 22nd moved off,
/// Tuesday the 23rd a holiday.
inline const std::string russia_february_2016 =
    "      \"2016-02-20\": [\"09:00-13:00\", \"14:00-17:00\"]\n      \"2016-02-22\": []\n      \"2016-02-23\": []\n";

inline std::string every_day(const std::string& interval) {
    std::string out;
    for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        out += std::string("      ") + d + ": [\"" + interval + "\"]\n";
    return out;
}

/// "2015-03-27T11:00:00Z" as an instant; fails the test on a typo.
inline model::Timestamp T(const char* iso) {
    auto t = util::parse_iso(iso);
    BOOST_REQUIRE_MESSAGE(t.has_value(), iso);
    return *t;
}

}  // namespace kartoteka::test
