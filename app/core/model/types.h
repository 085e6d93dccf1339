#pragma once
/// Small value types shared by the whole model.
#include <cstdint>
#include <optional>
#include <string>

namespace kartoteka::model {

/// Seconds since 1970-01-01T00:00:00Z. Stored as an integer in every SQL dialect, so comparisons and
/// indexes behave the same on SQLite and PostgreSQL.
using Timestamp = std::int64_t;

/// Days since 1970-01-01 (a calendar date with no time of day), for due dates.
using Date = std::int32_t;

/// Money in minor units (kopecks, stotinki, pence) so sums are exact.
using Money = std::int64_t;

/// Row id in the local store; 0 means "not stored yet".
using Id = std::int64_t;

}  // namespace kartoteka::model
