#pragma once
/// Instants and dates as text: ISO 8601 in UTC at the edges (CLI, JSON, YAML), integers inside.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/types.h"

namespace date { class time_zone; }

namespace kartoteka::util {

/// "2015-03-27T11:00:00Z".
std::string format_iso(model::Timestamp t);
/// "2015-03-27".
std::string format_date(model::Date d);

/// Our own edges (CLI arguments, JSON, YAML): the grammar of parse_instant, but a time must carry its
/// zone, a bare "YYYY-MM-DD" is midnight UTC and epoch numbers are refused. Rejects impossible dates
/// such as 2015-02-30.
std::optional<model::Timestamp> parse_iso(std::string_view text);

/// The one reader of instants that come from outside (connectors, imports), issue 14. Accepts
/// ISO 8601 / RFC 3339 as backends really send it:
///  - "YYYY-MM-DD" then "T", "t" or a space, then "HH:MM" or "HH:MM:SS", with a fraction of any length
///    after "." or "," (dropped: instants are whole seconds);
///  - then a zone: "Z"/"z", "+hh:mm", "+hhmm" (Jira), "+hh" (PostgreSQL), or "UTC"/"GMT", optionally
///    after one space ("2026-11-27 11:00:00 +0300"), or none;
///  - a time without a zone, or a bare date (its midnight), is wall-clock time in `zone`, the source's
///    own zone (a skipped DST hour moves forward, a repeated one reads as the earlier instant);
///  - a number "[-]digits[.digits]" is epoch seconds, or epoch milliseconds from 12 integer digits on
///    (1e11 seconds would be the year 5138; 1e11 milliseconds is 1973).
/// Surrounding whitespace is ignored. Anything else, impossible dates included, is nullopt.
std::optional<model::Timestamp> parse_instant(std::string_view text, const date::time_zone& zone);

/// The IANA zone of that name (tzdata), or nullptr for an unknown name.
const date::time_zone* find_zone(const std::string& name);
/// The zone a country's clocks keep at `at`, from tzdata's own country table (zone.tab): "BG" ->
/// "Europe/Sofia"; for a country of several zones that all keep one UTC offset then, the first listed
/// ("DE": Berlin and Busingen); "" for a country whose zones differ ("RU", "US", "ES" with the Canaries),
/// one zone.tab does not list, or when the table cannot be read.
std::string zone_of_country(const std::string& country, model::Timestamp at);
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
