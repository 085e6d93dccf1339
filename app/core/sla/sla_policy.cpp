#include "sla/sla_policy.h"

#include "error.h"

namespace kartoteka::sla {
namespace {

void apply(const config::SlaTargets& t, Policy& p) {
    if (t.first_response) p.first_response = *t.first_response;
    if (t.next_response) p.next_response = *t.next_response;
    if (t.resolution) p.resolution = *t.resolution;
    if (t.calendar) p.calendar = *t.calendar;
    if (t.warning_percent) p.warning_percent = *t.warning_percent;
}

}  // namespace

Policy PolicySet::resolve(const std::string& problem_type, int severity) const {
    Policy p;
    p.calendar = m_config.calendar;
    p.warning_percent = m_config.warning_percent;
    apply(m_config.fallback, p);
    if (auto it = m_config.policies.find(problem_type); it != m_config.policies.end()) {
        apply(it->second.targets, p);
        if (auto s = it->second.by_severity.find(severity); s != it->second.by_severity.end()) apply(s->second, p);
    }
    return p;
}

CalendarSet::CalendarSet(const std::vector<config::CalendarConfig>& calendars) {
    for (const auto& c : calendars) m_calendars[c.id] = std::make_unique<BusinessCalendar>(c);
    if (!m_calendars.count("24x7"))
        m_calendars["24x7"] = std::make_unique<BusinessCalendar>(BusinessCalendar::always_open("24x7"));
}

BusinessCalendar* CalendarSet::find(const std::string& id) {
    auto it = m_calendars.find(id.empty() ? std::string("24x7") : id);
    return it == m_calendars.end() ? nullptr : it->second.get();
}

BusinessCalendar& CalendarSet::get(const std::string& id) {
    if (auto* c = find(id)) return *c;
    std::string known;
    for (const auto& [k, v] : m_calendars) known += (known.empty() ? "" : ", ") + k;
    throw Error(ErrorKind::not_found, "unknown calendar '" + id + "' (configured: " + known + ")");
}

}  // namespace kartoteka::sla
