#pragma once
/// How a legacy database's rows become model records: per entity a query with named parameters
/// (:phone :email :id :customer_id) and a column for each field, with an optional value map and
/// default (applied to each item of a list field such as unsubscribed). The map reads the database's
/// value as text, so text enums map onto numeric fields. Times may be integer epoch seconds, a julian
/// day (SQLite REAL), any text util::parse_instant reads (a time without a zone is in the connector's
/// `timezone`) or SQL dates and timestamps; quiet hours HH:MM text or a SQL TIME.
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/yaml_reader.h"
#include "connector/record_rows.h"
#include "sql_rows.h"

namespace date { class time_zone; }

namespace kartoteka::connectors::sql {

struct ColumnMap {
    std::string column;
    std::map<std::string, std::string> map;  ///< database value -> ours; "*" = any other
    std::optional<std::string> fallback;
};

/// One statement and the named parameters it uses, in order of appearance.
struct Statement {
    std::string sql;
    std::vector<std::string> params;
};

struct QueryMapping {
    /// `sql:` one statement or a list: the first whose parameters all have a value runs (a customer
    /// looked up by :phone on a call, by :name from the search box), as rest's `endpoints` list.
    std::vector<Statement> statements;
    std::map<std::string, ColumnMap> fields;
    /// Every parameter some statement uses.
    bool uses(const std::string& param) const;
};

/// The :name parameters of a statement (PostgreSQL "::type" casts and quoted text are skipped).
std::vector<std::string> named_parameters(const std::string& sql);
/// The statement with each :name replaced by $n, n its 1-based place in `params` (libpq's notation).
std::string to_positional(const std::string& sql, const std::vector<std::string>& params);

/// Reads {sql (one or a list), fields} strictly; `allowed` are the parameter names the query may use.
/// @throws Error{config}
QueryMapping read_query(config::MapReader r, const std::string& entity, const std::vector<std::string>& allowed);

/// One row mapped to fields; times without a zone are read in `zone`, the connector's.
/// @throws ConnectorError{bad_data} naming the field (never the value) when a value cannot be read.
connector::Row map_row(const CellRow& row, const QueryMapping& mapping, const date::time_zone& zone);

}  // namespace kartoteka::connectors::sql
