#pragma once
/// SLA policies resolved per ticket, and the set of configured calendars (issue 4).
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "config/config.h"
#include "sla/business_calendar.h"

namespace kartoteka::sla {

/// The norms one ticket is measured against: working seconds in the named calendar; 0 = no target.
struct Policy {
    std::string calendar;
    std::int64_t first_response = 0;
    std::int64_t next_response = 0;
    std::int64_t resolution = 0;
    int warning_percent = 75;
    bool operator==(const Policy&) const = default;
};

/// Resolves `sla:` for a problem type and severity: the default policy, then the problem type's, then
/// its severity's, each layer overriding what it names.
class PolicySet {
public:
    /// Resolves every configured problem type and severity once, so a board's lookups are cheap.
    explicit PolicySet(const config::SlaConfig& config);
    const Policy& resolve(std::string_view problem_type, int severity) const;

private:
    using Severities = std::array<Policy, 6>;  ///< index 0 for severities outside 1..5
    static std::size_t slot(int severity) { return severity >= 1 && severity <= 5 ? static_cast<std::size_t>(severity) : 0; }
    Severities m_fallback;
    std::map<std::string, Severities, std::less<>> m_by_type;
};

/// The configured calendars by id. An empty id, or the id "24x7" when nobody defined it, is an
/// always-open UTC calendar, so a centre without calendars still gets elapsed-time norms.
class CalendarSet {
public:
    explicit CalendarSet(const std::vector<config::CalendarConfig>& calendars);
    /// @throws Error{not_found} for an id that is not configured.
    BusinessCalendar& get(const std::string& id);
    BusinessCalendar* find(const std::string& id);

private:
    std::unordered_map<std::string, std::unique_ptr<BusinessCalendar>> m_calendars;
    const std::string m_always_open = "24x7";
};

}  // namespace kartoteka::sla
