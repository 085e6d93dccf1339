#pragma once
/// Reading a query's rows as the database's own text (issue 14). SOCI's dynamic row turns every
/// date/time column into a std::tm, which keeps neither a timestamptz's offset nor an SQLite
/// DATETIME's "T...Z" (SOCI's parser stops at the 'T'): "2026-11-27T11:00:00Z" came out as midnight,
/// and a timestamptz as its wall clock in the server's TimeZone. So SQLite and PostgreSQL are read
/// through their native handles (the SOCI session's own connection), every value as the text the
/// database prints, and that text goes to the one instant parser. Other SOCI backends keep SOCI's row.
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kartoteka::connectors::sql {

/// What reading a value needs to know of its SQL type.
enum class CellType {
    text,      ///< as printed by the database (PostgreSQL: every non-numeric type, dates included)
    integer,   ///< whole number (for a time field: epoch seconds)
    real,      ///< floating point (for a time field: a julian day in SQLite's range, else epoch seconds)
    datetime,  ///< SOCI's std::tm printed "YYYY-MM-DD HH:MM:SS", zone-less (other backends only)
};

struct Cell {
    std::string text;
    CellType type = CellType::text;
};

/// One row: its columns in select order, name and value (nullopt for NULL and for blobs).
using CellRow = std::vector<std::pair<std::string, std::optional<Cell>>>;

/// Strings for a statement's named parameters (kept alive in `keep`); unknown names bind "".
soci::values bind_named(const std::vector<std::string>& params, const std::map<std::string, std::string>& vars,
                        std::vector<std::string>& keep);

/// Runs `sql` (with :name parameters bound from `vars`, in the order of `params`) and reads every row.
/// @throws ConnectorError (down, timed_out, rejected) converted from the database's error, or
///         soci::soci_error from SOCI's generic path.
std::vector<CellRow> read_rows(soci::session& session, const std::string& backend, const std::string& sql,
                               const std::vector<std::string>& params, const std::map<std::string, std::string>& vars,
                               const std::string& where);

}  // namespace kartoteka::connectors::sql
