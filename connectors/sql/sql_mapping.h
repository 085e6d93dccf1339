#pragma once
/// How a legacy database's rows become model records: per entity a query with named parameters
/// (:phone :email :id :customer_id) and a column for each field, with an optional value map and
/// default (applied to each item of a list field such as unsubscribed). Times may be integer epoch
/// seconds, ISO text or SQL dates; quiet hours HH:MM text or a SQL TIME.
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/yaml_reader.h"
#include "connector/record_rows.h"

namespace kartoteka::connectors::sql {

struct ColumnMap {
    std::string column;
    std::map<std::string, std::string> map;  ///< database value -> ours; "*" = any other
    std::optional<std::string> fallback;
};

struct QueryMapping {
    std::string sql;
    std::vector<std::string> params;  ///< the named parameters the query uses, in order of appearance
    std::map<std::string, ColumnMap> fields;
};

/// The :name parameters of a statement (PostgreSQL "::type" casts and quoted text are skipped).
std::vector<std::string> named_parameters(const std::string& sql);

/// Reads {sql, fields} strictly; `allowed` are the parameter names the query may use.
/// @throws Error{config}
QueryMapping read_query(config::MapReader r, const std::string& entity, const std::vector<std::string>& allowed);

/// @throws ConnectorError{bad_data} naming the field when a value cannot be read.
connector::Row map_row(const soci::row& row, const QueryMapping& mapping);

}  // namespace kartoteka::connectors::sql
