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

/// One calendar: zone, and the "hours:" body lines (already indented by 6) plus optional holidays.
inline sla::BusinessCalendar calendar(const std::string& zone, const std::string& hours,
                                      const std::string& holidays = "[]") {
    auto c = config_with("calendars:\n  - id: c\n    timezone: " + zone + "\n    hours:\n" + hours +
                         "    holidays: " + holidays + "\n");
    return sla::BusinessCalendar(c.calendars.at(0));
}

inline const std::string office_hours =
    "      mon: [\"09:00-13:00\", \"14:00-18:00\"]\n      tue: [\"09:00-13:00\", \"14:00-18:00\"]\n"
    "      wed: [\"09:00-13:00\", \"14:00-18:00\"]\n      thu: [\"09:00-13:00\", \"14:00-18:00\"]\n"
    "      fri: [\"09:00-13:00\", \"14:00-18:00\"]\n";

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
