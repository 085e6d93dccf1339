#include "sla/sla_policy.h"

#include <algorithm>

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

PolicySet::PolicySet(const config::SlaConfig& config) {
    Policy base;
    base.calendar = config.calendar;
    base.warning_percent = config.warning_percent;
    apply(config.fallback, base);
    m_fallback.fill(base);
    for (const auto& [type, policy] : config.policies) {
        Policy p = base;
        apply(policy.targets, p);
        auto& row = m_by_type[type];
        row.fill(p);
        for (const auto& [severity, targets] : policy.by_severity) {
            row[slot(severity)] = p;
            apply(targets, row[slot(severity)]);
        }
    }
}

const Policy& PolicySet::resolve(std::string_view problem_type, int severity) const {
    auto it = m_by_type.find(problem_type);
    return (it == m_by_type.end() ? m_fallback : it->second)[slot(severity)];
}

CalendarSet::CalendarSet(const std::vector<config::CalendarConfig>& calendars) {
    for (const auto& c : calendars) m_calendars[c.id] = std::make_unique<BusinessCalendar>(c);
    if (!m_calendars.count(m_always_open))
        m_calendars[m_always_open] = std::make_unique<BusinessCalendar>(BusinessCalendar::always_open(m_always_open));
}

BusinessCalendar* CalendarSet::find(const std::string& id) {
    auto it = m_calendars.find(id.empty() ? m_always_open : id);
    return it == m_calendars.end() ? nullptr : it->second.get();
}

BusinessCalendar& CalendarSet::get(const std::string& id) {
    if (auto* c = find(id)) return *c;
    std::vector<std::string> ids;
    for (const auto& [k, v] : m_calendars) ids.push_back(k);
    std::sort(ids.begin(), ids.end());
    std::string known;
    for (const auto& k : ids) known += (known.empty() ? "" : ", ") + k;
    throw Error(ErrorKind::not_found, "unknown calendar '" + id + "' (configured: " + known + ")");
}

}  // namespace kartoteka::sla
