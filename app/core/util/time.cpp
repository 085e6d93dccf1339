#include "util/time.h"

#include <date/date.h>

#include <charconv>
#include <chrono>

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

std::optional<model::Timestamp> parse_iso(std::string_view s) {
    auto day = read_ymd(s);
    if (!day) return std::nullopt;
    auto base = std::chrono::duration_cast<std::chrono::seconds>(day->time_since_epoch()).count();
    if (s.size() == 10) return base;
    int hh = 0, mm = 0, ss = 0;
    if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
    if (!read_int(s, 11, 2, hh) || !read_int(s, 14, 2, mm) || !read_int(s, 17, 2, ss)) return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds: accepted, dropped
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
    long offset = 0;
    if (pos == s.size()) return std::nullopt;  // an instant without a zone is ambiguous
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
        offset = 0;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (oh * 3600L + om * 60L) * (s[pos] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    return base + hh * 3600L + mm * 60L + ss - offset;
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
