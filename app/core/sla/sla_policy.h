#pragma once
/// SLA policies resolved per ticket, and the set of configured calendars (issue 4).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

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
    explicit PolicySet(config::SlaConfig config) : m_config(std::move(config)) {}
    Policy resolve(const std::string& problem_type, int severity) const;

private:
    config::SlaConfig m_config;
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
    std::map<std::string, std::unique_ptr<BusinessCalendar>> m_calendars;
};

}  // namespace kartoteka::sla
