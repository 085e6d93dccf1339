#include "util/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

namespace kartoteka::util {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc{} && ptr == s.data() + pos + len;
}

std::optional<date::sys_days> read_ymd(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, m) || !read_int(s, 8, 2, d)) return std::nullopt;
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return date::sys_days{ymd};
}

}  // namespace

std::string format_iso(model::Timestamp t) {
    return date::format("%Y-%m-%dT%H:%M:%SZ", date::sys_seconds{std::chrono::seconds{t}});
}

std::string format_date(model::Date d) {
    return date::format("%Y-%m-%d", date::sys_days{date::days{d}});
}

namespace {

/// A reading before its zone is applied: seconds since the epoch as if the wall clock were UTC.
struct Reading {
    long long wall = 0;
    std::optional<long> offset;  ///< seconds east of UTC; nullopt = no zone given
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// "Z", "z", "UTC", "GMT", "+hh", "+hhmm", "+hh:mm" (or '-'), the whole of `z`.
std::optional<long> read_zone(std::string_view z) {
    if (z == "Z" || z == "z" || z == "UTC" || z == "GMT") return 0L;
    if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
    int oh = 0, om = 0;
    if (!read_int(z, 1, 2, oh)) return std::nullopt;
    if (z.size() == 5 && !read_int(z, 3, 2, om)) return std::nullopt;
    if (z.size() == 6 && (z[3] != ':' || !read_int(z, 4, 2, om))) return std::nullopt;
    if (z.size() > 6 || z.size() == 4 || oh > 23 || om > 59) return std::nullopt;
    return (oh * 3600L + om * 60L) * (z[0] == '+' ? 1 : -1);
}

/// The ISO grammar shared by parse_iso and parse_instant (see parse_instant).
std::optional<Reading> read_iso(std::string_view s) {
    auto day = read_ymd(s);
    if (!day) return std::nullopt;
    Reading r;
    r.wall = std::chrono::duration_cast<std::chrono::seconds>(day->time_since_epoch()).count();
    if (s.size() == 10) return r;
    int hh = 0, mm = 0, ss = 0;
    if (s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':') return std::nullopt;
    if (!read_int(s, 11, 2, hh) || !read_int(s, 14, 2, mm)) return std::nullopt;
    std::size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        if (!read_int(s, 17, 2, ss)) return std::nullopt;
        pos = 19;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {  // a fraction of any length, dropped
            const std::size_t first = ++pos;
            while (pos < s.size() && is_digit(s[pos])) ++pos;
            if (pos == first) return std::nullopt;
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    r.wall += hh * 3600L + mm * 60L + ss;
    if (pos < s.size() && s[pos] == ' ') ++pos;  // "2026-11-27 11:00:00 +0300", "... UTC"
    if (pos == s.size()) return s[pos - 1] == ' ' ? std::nullopt : std::optional<Reading>(r);
    r.offset = read_zone(s.substr(pos));
    if (!r.offset) return std::nullopt;
    return r;
}

/// "[-]digits[.digits]": epoch seconds, or milliseconds from 12 integer digits on.
std::optional<model::Timestamp> read_epoch(std::string_view s) {
    const bool negative = !s.empty() && s[0] == '-';
    const std::string_view body = s.substr(negative ? 1 : 0);
    const auto dot = body.find('.');
    const std::string_view whole = body.substr(0, dot);
    if (whole.empty() || whole.size() > 16 || !std::all_of(whole.begin(), whole.end(), is_digit)) return std::nullopt;
    if (dot != std::string_view::npos) {
        const std::string_view frac = body.substr(dot + 1);
        if (frac.empty() || !std::all_of(frac.begin(), frac.end(), is_digit)) return std::nullopt;
    }
    long long n = 0;
    auto [ptr, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), n);
    if (ec != std::errc{} || ptr != whole.data() + whole.size()) return std::nullopt;
    const bool fraction = dot != std::string_view::npos && body.find_first_not_of("0", dot + 1) != std::string_view::npos;
    if (whole.size() >= 12) return negative ? -(n / 1000) - ((n % 1000 != 0 || fraction) ? 1 : 0) : n / 1000;
    return negative ? -n - (fraction ? 1 : 0) : n;  // floor, like every other reading
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<model::Timestamp> parse_iso(std::string_view s) {
    const auto r = read_iso(s);
    if (!r) return std::nullopt;
    if (r->offset) return r->wall - *r->offset;
    if (s.size() == 10) return r->wall;  // a bare date: midnight UTC
    return std::nullopt;                 // a time without a zone is ambiguous at our own edges
}

std::optional<model::Timestamp> parse_instant(std::string_view text, const date::time_zone& zone) {
    const std::string_view s = trimmed(text);
    if (!s.empty() && (is_digit(s[0]) || s[0] == '-') && s.find_first_not_of("-.0123456789") == std::string_view::npos &&
        (s.size() < 5 || s[4] != '-'))
        return read_epoch(s);
    const auto r = read_iso(s);
    if (!r) return std::nullopt;
    if (r->offset) return r->wall - *r->offset;
    // Wall-clock time in the source's zone; in a repeated DST hour the earlier reading wins.
    const date::local_seconds local{std::chrono::seconds{r->wall}};
    return zone.to_sys(local, date::choose::earliest).time_since_epoch().count();
}

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;
    }
}

namespace {

/// zone.tab, read once: country -> its zones in the table's order. Beside the zone files the tz
/// library reads (USE_OS_TZDB), so both come from one tzdata.
const std::map<std::string, std::vector<std::string>>& zones_by_country() {
    static const auto table = [] {
        std::map<std::string, std::vector<std::string>> out;
        std::ifstream in("/usr/share/zoneinfo/zone.tab");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream fields(line);
            std::string country, coordinates, zone;
            if (fields >> country >> coordinates >> zone) out[country].push_back(zone);
        }
        return out;
    }();
    return table;
}

}  // namespace

std::string zone_of_country(const std::string& country, model::Timestamp at) {
    const auto& table = zones_by_country();
    const auto it = table.find(country);
    if (it == table.end()) return "";
    const date::sys_seconds when{std::chrono::seconds{at}};
    std::optional<std::chrono::seconds> offset;
    for (const auto& name : it->second) {
        const auto* zone = find_zone(name);
        if (!zone) return "";
        const auto here = zone->get_info(when).offset;
        if (offset && *offset != here) return "";
        offset = here;
    }
    return it->second.front();
}

std::optional<model::Date> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    auto day = read_ymd(text);
    if (!day) return std::nullopt;
    return static_cast<model::Date>(day->time_since_epoch().count());
}

model::Date date_of(model::Timestamp t) {
    return static_cast<model::Date>(
        date::floor<date::days>(date::sys_seconds{std::chrono::seconds{t}}).time_since_epoch().count());
}

model::Timestamp start_of(model::Date d) { return static_cast<model::Timestamp>(d) * 86400; }

model::Timestamp system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace kartoteka::util
