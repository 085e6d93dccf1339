#pragma once
/// Instants and dates as text: ISO 8601 in UTC at the edges (CLI, JSON, YAML), integers inside.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/types.h"

namespace kartoteka::util {

/// "2015-03-27T11:00:00Z".
std::string format_iso(model::Timestamp t);
/// "2015-03-27".
std::string format_date(model::Date d);

/// Accepts "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+hh:mm"/"-hh:mm", optional fractional seconds
/// (dropped), and a bare "YYYY-MM-DD" (midnight UTC). Rejects everything else, including impossible
/// dates such as 2015-02-30.
std::optional<model::Timestamp> parse_iso(std::string_view text);
std::optional<model::Date> parse_date(std::string_view text);

/// Whole milliseconds since `start` on the monotonic clock (latencies for logs and source status).
inline long ms_since(std::chrono::steady_clock::time_point start) {
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
}

model::Date date_of(model::Timestamp t);           ///< the UTC calendar date of an instant
model::Timestamp start_of(model::Date d);          ///< midnight UTC of a date

/// The time source. Injected everywhere time matters so rules and the SLA engine are testable
/// without sleeps (GUIDE rule 3).
using Clock = std::function<model::Timestamp()>;
/// The real clock.
model::Timestamp system_now();

}  // namespace kartoteka::util
