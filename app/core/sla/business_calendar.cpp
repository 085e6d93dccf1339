#include "sla/business_calendar.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>

#include "error.h"
#include "util/time.h"

namespace kartoteka::sla {
namespace {

constexpr std::int64_t day_seconds = 86400;
/// The cache grows in aligned chunks of about 97 days: big enough that a board touches few chunks,
/// small enough that the first call costs little.
constexpr std::int64_t chunk_seconds = std::int64_t{1} << 23;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void check_range(model::Timestamp t) {
    if (t < earliest_instant || t > latest_instant)
        throw Error(ErrorKind::invalid, "instant " + std::to_string(t) +
                                            " is outside the supported range 1900-01-01 .. 2200-01-01");
}

}  // namespace

BusinessCalendar::BusinessCalendar(config::CalendarConfig config)
    : m_config(std::move(config)), m_zone(nullptr), m_yearly(13 * 32, false) {
    try {
        m_zone = date::locate_zone(m_config.timezone);
    } catch (const std::exception&) {
        throw Error(ErrorKind::config, "calendar '" + m_config.id + "': unknown time zone '" + m_config.timezone + "'");
    }
    for (const auto& [m, d] : m_config.yearly_holidays)
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) m_yearly[static_cast<std::size_t>(m * 32 + d)] = true;
    m_dated = m_config.dated_holidays;
    std::sort(m_dated.begin(), m_dated.end());
}

config::CalendarConfig BusinessCalendar::always_open(const std::string& id) {
    config::CalendarConfig c;
    c.id = id;
    c.timezone = "UTC";
    for (auto& day : c.hours) day = {{0, 86400}};
    return c;
}

bool BusinessCalendar::is_holiday(std::int32_t local_day) const {
    const date::year_month_day ymd{date::sys_days{date::days{local_day}}};
    const auto m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    if (m_yearly[m * 32 + d]) return true;
    return std::binary_search(m_dated.begin(), m_dated.end(), local_day);
}

void BusinessCalendar::append_day(std::vector<Segment>& out, std::int32_t local_day, std::int64_t offset,
                                  model::Timestamp lo, model::Timestamp hi) const {
    // A dated entry of `days:` wins over the weekday and over holidays (a worked Saturday, a holiday
    // that is worked after all, a shortened day).
    const auto dated = m_config.days.find(local_day);
    if (dated == m_config.days.end() && is_holiday(local_day)) return;
    const unsigned wd = date::weekday{date::sys_days{date::days{local_day}}}.c_encoding();
    const auto& intervals = dated != m_config.days.end() ? dated->second : m_config.hours[wd];
    const std::int64_t midnight = std::int64_t{local_day} * day_seconds - offset;  // as if the offset held all day
    for (const auto& iv : intervals) {
        // Only the part of the interval during which this offset is in force is real: that is how a
        // skipped hour drops out and a repeated hour is counted once under each offset.
        const model::Timestamp b = std::max(lo, midnight + iv.begin);
        const model::Timestamp e = std::min(hi, midnight + iv.end);
        if (b >= e) continue;
        if (!out.empty() && out.back().end == b) out.back().end = e;
        else out.push_back({b, e});
    }
}

std::vector<BusinessCalendar::Segment> BusinessCalendar::expand(model::Timestamp from, model::Timestamp to) const {
    std::vector<Segment> out;
    model::Timestamp t = from;
    while (t < to) {
        // One UTC offset holds over [t, piece_end): local time runs monotonically inside it.
        const auto info = m_zone->get_info(date::sys_seconds{std::chrono::seconds{t}});
        const model::Timestamp piece_end = std::min<model::Timestamp>(to, info.end.time_since_epoch().count());
        const std::int64_t offset = info.offset.count();
        const auto first_day = floor_div(t + offset, day_seconds);
        const auto last_day = floor_div(piece_end + offset - 1, day_seconds);
        for (auto d = first_day; d <= last_day; ++d) append_day(out, static_cast<std::int32_t>(d), offset, t, piece_end);
        t = piece_end;
    }
    return out;
}

void BusinessCalendar::rebuild_sums() {
    m_sums.assign(m_segments.size() + 1, 0);
    for (std::size_t i = 0; i < m_segments.size(); ++i)
        m_sums[i + 1] = m_sums[i] + (m_segments[i].end - m_segments[i].begin);
}

void BusinessCalendar::cover(model::Timestamp from, model::Timestamp to) {
    const model::Timestamp lo = floor_div(from, chunk_seconds) * chunk_seconds;
    const model::Timestamp hi = (floor_div(to, chunk_seconds) + 1) * chunk_seconds;
    if (m_from == m_to) {
        m_segments = expand(lo, hi);
        m_from = lo, m_to = hi;
        rebuild_sums();
        return;
    }
    if (lo >= m_from && hi <= m_to) return;
    if (lo < m_from) {
        auto front = expand(lo, m_from);
        if (!front.empty() && !m_segments.empty() && front.back().end == m_segments.front().begin) {
            m_segments.front().begin = front.back().begin;
            front.pop_back();
        }
        m_segments.insert(m_segments.begin(), front.begin(), front.end());
        m_from = lo;
    }
    if (hi > m_to) {
        auto back = expand(m_to, hi);
        auto it = back.begin();
        if (it != back.end() && !m_segments.empty() && m_segments.back().end == it->begin) m_segments.back().end = (it++)->end;
        m_segments.insert(m_segments.end(), it, back.end());
        m_to = hi;
    }
    rebuild_sums();
}

std::int64_t BusinessCalendar::sum_to(model::Timestamp t) const {
    auto it = std::partition_point(m_segments.begin(), m_segments.end(), [t](const Segment& s) { return s.end <= t; });
    const auto i = static_cast<std::size_t>(it - m_segments.begin());
    if (it == m_segments.end()) return m_sums[i];
    return m_sums[i] + std::max<std::int64_t>(0, t - it->begin);
}

std::int64_t BusinessCalendar::between(model::Timestamp from, model::Timestamp to) {
    if (to <= from) return 0;
    check_range(from);
    check_range(to);
    cover(from, to);
    return sum_to(to) - sum_to(from);
}

model::Timestamp BusinessCalendar::add(model::Timestamp from, std::int64_t seconds) {
    if (seconds < 0) throw Error(ErrorKind::invalid, "working time to add must not be negative");
    check_range(from);
    if (seconds == 0) return from;
    cover(from, from);
    for (;;) {
        const std::int64_t target = sum_to(from) + seconds;
        if (target <= m_sums.back()) {
            // The first segment whose running total reaches the target holds the answer.
            auto it = std::lower_bound(m_sums.begin() + 1, m_sums.end(), target);
            const auto j = static_cast<std::size_t>(it - (m_sums.begin() + 1));
            return m_segments[j].begin + (target - m_sums[j]);
        }
        if (m_to > latest_instant)
            throw Error(ErrorKind::invalid, "calendar '" + id() + "': " + std::to_string(seconds) +
                                                " working seconds after " + util::format_iso(from) +
                                                " fall beyond 2200-01-01");
        // Grow geometrically so a long span costs a few expansions, not one per chunk.
        cover(from, m_to + std::max<model::Timestamp>(m_to - m_from, chunk_seconds));
    }
}

bool BusinessCalendar::is_working(model::Timestamp t) {
    check_range(t);
    cover(t, t);
    auto it = std::partition_point(m_segments.begin(), m_segments.end(), [t](const Segment& s) { return s.end <= t; });
    return it != m_segments.end() && it->begin <= t;
}

}  // namespace kartoteka::sla
