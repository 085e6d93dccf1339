// Reads `calendars:` and `sla:` (issue 4) strictly: every mistake names file, line and key.
#include "config/sla_config_loader.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <set>

#include "error.h"

namespace kartoteka::config {
namespace {

constexpr const char* day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/// "HH:MM" as seconds since midnight; "24:00" only when allowed (an interval's end).
std::optional<int> parse_clock(const std::string& s, bool allow_24) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (!std::isdigit(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]))) return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) return std::nullopt;
    return h * 3600 + m * 60;
}

std::vector<WorkInterval> read_day(MapReader& r, const std::string& key, const YAML::Node& node) {
    if (!node.IsSequence()) r.fail_at(node, key, "expected a list of \"HH:MM-HH:MM\" intervals");
    std::vector<WorkInterval> out;
    for (const auto& item : node) {
        const std::string text = item.IsScalar() ? item.Scalar() : std::string();
        const auto dash = text.find('-');
        auto b = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(0, dash), false);
        auto e = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(dash + 1), true);
        if (!b || !e) r.fail_at(item, key, "expected an interval \"HH:MM-HH:MM\" (\"24:00\" ends the day), found '" + text + "'");
        if (*e <= *b) r.fail_at(item, key, "interval '" + text + "' ends before it begins");
        out.push_back({*b, *e});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].begin < out[i - 1].end) r.fail_at(node, key, "intervals overlap");
    return out;
}

void read_hours(MapReader& r, CalendarConfig& c) {
    if (!r.has("hours")) r.fail("hours", "is required");
    bool any = false;
    for (const auto& [day, node] : r.entries("hours")) {
        auto it = std::find(std::begin(day_names), std::end(day_names), day);
        if (it == std::end(day_names))
            r.fail_at(node, "hours." + day, "unknown day (expected mon, tue, wed, thu, fri, sat, sun)");
        auto& slot = c.hours[static_cast<std::size_t>(it - std::begin(day_names))];
        slot = read_day(r, "hours." + day, node);
        any = any || !slot.empty();
    }
    if (!any) r.fail("hours", "a calendar needs working hours on at least one day");
}

/// True when the text has digits everywhere except '-' at the given positions.
bool digits_and_dashes(const std::string& s, std::initializer_list<std::size_t> dashes) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = std::find(dashes.begin(), dashes.end(), i) != dashes.end();
        if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

void read_holidays(MapReader& r, CalendarConfig& c) {
    const auto list = r.get_string_list("holidays");
    for (const auto& h : list) {
        unsigned y = 0, m = 0, d = 0;
        char tail = 0;
        using namespace date;
        if (h.size() == 5 && digits_and_dashes(h, {2}) && std::sscanf(h.c_str(), "%2u-%2u%c", &m, &d, &tail) == 2 &&
            (year{2000} / month{m} / day{d}).ok()) {  // a leap year, so 02-29 is allowed
            c.yearly_holidays.emplace_back(static_cast<int>(m), static_cast<int>(d));
        } else if (h.size() == 10 && digits_and_dashes(h, {4, 7}) && std::sscanf(h.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
                   (year{static_cast<int>(y)} / month{m} / day{d}).ok()) {
            const sys_days days{year{static_cast<int>(y)} / month{m} / day{d}};
            c.dated_holidays.push_back(static_cast<std::int32_t>(days.time_since_epoch().count()));
        } else {
            r.fail("holidays", "expected \"MM-DD\" (every year) or \"YYYY-MM-DD\", found '" + h + "'");
        }
    }
}

/// `days: {"2016-02-20": ["09:00-17:00"], "2016-02-22": []}`: each date's intervals replace its weekday's.
void read_days(MapReader& r, CalendarConfig& c) {
    for (const auto& [key, node] : r.entries("days")) {
        unsigned y = 0, m = 0, d = 0;
        char tail = 0;
        using namespace date;
        if (key.size() != 10 || !digits_and_dashes(key, {4, 7}) ||
            std::sscanf(key.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || !(year{static_cast<int>(y)} / month{m} / day{d}).ok())
            r.fail_at(node, "days." + key, "expected a date \"YYYY-MM-DD\" as the key");
        const sys_days day_number{year{static_cast<int>(y)} / month{m} / day{d}};
        c.days[static_cast<std::int32_t>(day_number.time_since_epoch().count())] = read_day(r, "days." + key, node);
    }
}

CalendarConfig read_calendar(MapReader r) {
    CalendarConfig c;
    c.id = r.require_string("id");
    c.timezone = r.require_string("timezone");
    check_time_zone(r, "timezone", c.timezone);
    read_hours(r, c);
    read_holidays(r, c);
    read_days(r, c);
    r.done();
    return c;
}

/// "8h", "30m", "1h30m", "90s" or plain seconds.
std::optional<long long> parse_duration(const std::string& s) {
    if (s.empty()) return std::nullopt;
    long long total = 0, number = 0;
    bool digits = false, any_unit = false;
    for (char ch : s) {
        if (std::isdigit(static_cast<unsigned char>(ch))) {
            if (number > 1'000'000'000) return std::nullopt;
            number = number * 10 + (ch - '0');
            digits = true;
            continue;
        }
        const long long unit = ch == 'h' ? 3600 : ch == 'm' ? 60 : ch == 's' ? 1 : 0;
        if (!unit || !digits) return std::nullopt;
        total += number * unit;
        number = 0, digits = false, any_unit = true;
    }
    if (digits && any_unit) return std::nullopt;  // "1h30" is ambiguous
    return total + number;
}

std::optional<long long> read_duration(MapReader& r, const std::string& key) {
    if (!r.has(key)) {
        r.get_string(key, "");  // marks it known
        return std::nullopt;
    }
    const std::string text = r.get_string(key, "");
    auto v = parse_duration(text);
    if (!v) r.fail(key, "expected a working-time duration such as 8h, 30m, 1h30m or seconds, found '" + text + "'");
    return v;
}

SlaTargets read_targets(MapReader& r) {
    SlaTargets t;
    t.first_response = read_duration(r, "first_response");
    t.next_response = read_duration(r, "next_response");
    t.resolution = read_duration(r, "resolution");
    if (r.has("calendar")) t.calendar = r.get_string("calendar", "");
    else r.get_string("calendar", "");
    if (r.has("warning_percent")) t.warning_percent = static_cast<int>(r.get_int("warning_percent", 75, 1, 99));
    else r.get_string("warning_percent", "");
    return t;
}

ProblemPolicyConfig read_policy(MapReader r) {
    ProblemPolicyConfig p;
    p.targets = read_targets(r);
    for (const auto& [key, node] : r.entries("severity")) {
        int sev = 0;
        if (key.size() == 1 && key[0] >= '1' && key[0] <= '5') sev = key[0] - '0';
        else r.fail("severity", "expected severities 1 to 5 as keys, found '" + key + "'");
        MapReader s(node, r.file(), r.path_of("severity." + key));
        p.by_severity[sev] = read_targets(s);
        s.done();
    }
    r.done();
    return p;
}

void check_calendar(const MapReader& r, const std::string& key, const std::optional<std::string>& id,
                    const std::set<std::string>& known) {
    if (id && !id->empty() && !known.count(*id))
        r.fail(key, "unknown calendar '" + *id + "' (define it under calendars:)");
}

}  // namespace

void check_time_zone(const MapReader& r, const std::string& key, const std::string& zone) {
    try {
        date::locate_zone(zone);
    } catch (const std::exception&) {
        r.fail(key, "unknown time zone '" + zone + "' (expected an IANA name such as Europe/Moscow)");
    }
}

std::vector<CalendarConfig> read_calendars(MapReader& root) {
    std::vector<CalendarConfig> out;
    std::set<std::string> ids;
    for (auto& item : root.map_list("calendars")) {
        out.push_back(read_calendar(item));
        if (!ids.insert(out.back().id).second) item.fail("id", "calendar '" + out.back().id + "' is defined twice");
    }
    return out;
}

SlaConfig read_sla(MapReader r, const std::vector<CalendarConfig>& calendars) {
    std::set<std::string> known;
    for (const auto& c : calendars) known.insert(c.id);
    SlaConfig c;
    c.calendar = r.get_string("calendar", c.calendar);
    check_calendar(r, "calendar", c.calendar, known);
    c.warning_percent = static_cast<int>(r.get_int("warning_percent", c.warning_percent, 1, 99));
    if (r.has("default")) {
        MapReader d = r.map("default");
        // Layered over the built-in default, so naming only a resolution keeps "one working day";
        // "first_response: 0" removes it.
        const SlaTargets given = read_targets(d);
        if (given.first_response) c.fallback.first_response = given.first_response;
        if (given.next_response) c.fallback.next_response = given.next_response;
        if (given.resolution) c.fallback.resolution = given.resolution;
        if (given.calendar) c.fallback.calendar = given.calendar;
        if (given.warning_percent) c.fallback.warning_percent = given.warning_percent;
        check_calendar(d, "calendar", c.fallback.calendar, known);
        d.done();
    } else {
        r.map("default");
    }
    for (const auto& [type, node] : r.entries("policies")) {
        MapReader p(node, r.file(), r.path_of("policies." + type));
        auto policy = read_policy(p);
        check_calendar(p, "calendar", policy.targets.calendar, known);
        for (const auto& [sev, t] : policy.by_severity) check_calendar(p, "severity", t.calendar, known);
        c.policies[type] = std::move(policy);
    }
    r.done();
    return c;
}

}  // namespace kartoteka::config
