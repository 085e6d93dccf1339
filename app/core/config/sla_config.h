#pragma once
/// Configuration of business calendars (`calendars:`) and SLA policies (`sla:`), issue 4. Read by
/// sla_config_loader.cpp; the engine in app/core/sla turns these into working-time arithmetic.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kartoteka::config {

/// A local wall-clock interval of a working day, in seconds since local midnight; end may be 86400
/// ("24:00", the end of the day).
struct WorkInterval {
    int begin = 0;
    int end = 0;
    bool operator==(const WorkInterval&) const = default;
};

struct CalendarConfig {
    std::string id;
    std::string timezone;  ///< IANA name, checked against the tz database when read
    /// Working intervals per weekday, index 0 = Sunday .. 6 = Saturday (date::weekday's C encoding);
    /// sorted and non-overlapping. A day with no intervals is closed.
    std::array<std::vector<WorkInterval>, 7> hours;
    std::vector<std::pair<int, int>> yearly_holidays;  ///< (month, day): "01-07" every year
    std::vector<std::int32_t> dated_holidays;          ///< days since 1970-01-01 of "YYYY-MM-DD" entries
    /// `days:` (issue 14): a date's own working intervals (days since 1970-01-01 -> intervals, sorted,
    /// non-overlapping), overriding its weekday and any holiday; empty intervals = a day off. How
    /// national production calendars move days: a worked Saturday, a shortened pre-holiday day.
    std::map<std::int32_t, std::vector<WorkInterval>> days;
};

/// Targets in working seconds of the policy's calendar; 0 = no such target.
struct SlaTargets {
    std::optional<long long> first_response;
    std::optional<long long> next_response;
    std::optional<long long> resolution;
    std::optional<std::string> calendar;
    std::optional<int> warning_percent;
};

/// The policy of one problem type, with optional overrides per severity (1..5).
struct ProblemPolicyConfig {
    SlaTargets targets;
    std::map<int, SlaTargets> by_severity;
};

struct SlaConfig {
    std::string calendar;      ///< the calendar of policies that name none; empty = 24x7 UTC
    int warning_percent = 75;  ///< warn when this share of a target is used
    /// Applies to problem types without a policy. Default: first response within one working day
    /// (DOMAIN.md), which is 8 working hours of a 09:00-18:00 day with an hour's lunch.
    SlaTargets fallback{28800, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    std::map<std::string, ProblemPolicyConfig> policies;  ///< by problem type
};

}  // namespace kartoteka::config
