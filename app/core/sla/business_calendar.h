#pragma once
/// Working-time arithmetic over a business calendar (issue 4): the real elapsed time whose local
/// wall-clock reading falls inside the day's working intervals, holidays excluded. Daylight-saving
/// changes count as the clock really runs: a skipped hour is not worked, a repeated hour inside the
/// hours is worked twice.
#include <cstdint>
#include <string>
#include <vector>

#include "config/sla_config.h"
#include "model/types.h"

namespace date { class time_zone; }

namespace kartoteka::sla {

/// The instants this arithmetic supports: 1900-01-01 to 2200-01-01 UTC.
constexpr model::Timestamp earliest_instant = -2208988800;
constexpr model::Timestamp latest_instant = 7258118400;

/// One calendar. The working intervals are expanded lazily to UTC segments with running sums, so
/// between() and add() are two binary searches once the span is cached. Not thread-safe, even through
/// these non-const calls: give each thread its own copy.
class BusinessCalendar {
public:
    /// @throws Error{config} when the time zone is unknown.
    explicit BusinessCalendar(config::CalendarConfig config);

    /// Every day 00:00-24:00 in UTC: elapsed time (used when no calendar is configured).
    static config::CalendarConfig always_open(const std::string& id = "24x7");

    const std::string& id() const { return m_config.id; }
    const config::CalendarConfig& config() const { return m_config; }

    /// Working seconds in [from, to); 0 when to is not after from.
    /// @throws Error{invalid} outside [earliest_instant, latest_instant].
    std::int64_t between(model::Timestamp from, model::Timestamp to);
    /// The instant at which `seconds` of working time have passed since `from` (from itself for 0).
    /// @throws Error{invalid} for negative seconds or a result beyond latest_instant.
    model::Timestamp add(model::Timestamp from, std::int64_t seconds);
    /// Whether the instant is inside working time.
    bool is_working(model::Timestamp t);

private:
    struct Segment {
        model::Timestamp begin;
        model::Timestamp end;
    };
    /// Expands the cached span so it covers [from, to] (aligned to chunks).
    void cover(model::Timestamp from, model::Timestamp to);
    /// The segments of [from, to) in UTC order, clipped to that range.
    std::vector<Segment> expand(model::Timestamp from, model::Timestamp to) const;
    void append_day(std::vector<Segment>& out, std::int32_t local_day, std::int64_t offset, model::Timestamp lo,
                    model::Timestamp hi) const;
    bool is_holiday(std::int32_t local_day) const;
    void rebuild_sums();
    /// Working seconds from the start of the cached span to t (t inside the span).
    std::int64_t sum_to(model::Timestamp t) const;

    config::CalendarConfig m_config;
    const date::time_zone* m_zone;
    std::vector<bool> m_yearly;  ///< month * 32 + day
    std::vector<std::int32_t> m_dated;  ///< sorted
    model::Timestamp m_from = 0;  ///< cached span [m_from, m_to)
    model::Timestamp m_to = 0;
    std::vector<Segment> m_segments;
    std::vector<std::int64_t> m_sums;  ///< m_sums[i] = working seconds before segment i; size n + 1
};

}  // namespace kartoteka::sla
