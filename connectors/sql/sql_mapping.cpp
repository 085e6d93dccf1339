#include "sql_mapping.h"

#include <algorithm>
#include <cstdio>

#include "connector/connector.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connectors::sql {
namespace {

using connector::ConnectorError;
using connector::Failure;


bool is_time_field(const std::string& f) {
    return f == "at" || f == "valid_from" || f == "valid_until" || (f.size() > 3 && f.compare(f.size() - 3, 3, "_at") == 0);
}

bool is_time_of_day_field(const std::string& f) { return f == "quiet_from" || f == "quiet_to"; }
bool is_list_field(const std::string& f) { return f == "allowed_channels" || f == "unsubscribed"; }

/// The column's value as text; a SQL TIME read for a time-of-day field is "HH:MM" (SOCI gives it as a
/// date-time), any other date-time is epoch seconds.
std::optional<std::string> column_text(const soci::row& row, std::size_t i, const std::string& field) {
    if (row.get_indicator(i) == soci::i_null) return std::nullopt;
    switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_integer: return std::to_string(row.get<int>(i));
    case soci::dt_long_long: return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", row.get<double>(i));
        return std::string(buf);
    }
    case soci::dt_date: {
        std::tm tm = row.get<std::tm>(i);
        if (is_time_of_day_field(field)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
            return std::string(buf);
        }
        return std::to_string(static_cast<long long>(timegm(&tm)));
    }
    default: return std::nullopt;  // blobs and xml are not card data
    }
}

std::string as_time(const std::string& v, const std::string& field) {
    const bool digits = !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && v.size() < 19) return v;
    if (auto t = util::parse_iso(v)) return std::to_string(*t);
    if (auto t = util::parse_iso(v.size() == 19 && v[10] == ' ' ? v.substr(0, 10) + "T" + v.substr(11) + "Z" : ""))
        return std::to_string(*t);  // SQL "YYYY-MM-DD hh:mm:ss" text, read as UTC
    throw ConnectorError(Failure::bad_data, "field '" + field + "': value '" + v + "' is not a time", false);
}

/// The column map applied to one value; `value` itself when there is none.
std::string mapped(const std::string& value, const ColumnMap& m, const std::string& field) {
    if (m.map.empty()) return value;
    auto it = m.map.find(value);
    if (it == m.map.end()) it = m.map.find("*");
    if (it == m.map.end())
        throw ConnectorError(Failure::bad_data, "field '" + field + "': value '" + value + "' is not in its map", false);
    return it->second;
}

/// A list column ("phone, sms" or one per line) with the map applied to each item, joined by '\n'.
std::string mapped_list(const std::string& value, const ColumnMap& m, const std::string& field) {
    std::string out, item;
    auto flush = [&] {
        const std::string t = util::trim(item);
        if (!t.empty()) out += (out.empty() ? "" : "\n") + mapped(t, m, field);
        item.clear();
    };
    for (char c : value) {
        if (c == ',' || c == '\n') flush();
        else item += c;
    }
    flush();
    return out;
}

}  // namespace

std::vector<std::string> named_parameters(const std::string& sql) {
    std::vector<std::string> out;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') quote = c;
        else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') ++i;  // a PostgreSQL cast
        else if (c == ':' && (i == 0 || sql[i - 1] != ':')) {
            std::size_t j = i + 1;
            while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) ++j;
            const std::string name = sql.substr(i + 1, j - i - 1);
            if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
            i = j - 1;
        }
    }
    return out;
}

QueryMapping read_query(config::MapReader r, const std::string& entity, const std::vector<std::string>& allowed) {
    QueryMapping q;
    q.sql = r.require_string("sql");
    q.params = named_parameters(q.sql);
    for (const auto& p : q.params)
        if (std::find(allowed.begin(), allowed.end(), p) == allowed.end())
            r.fail("sql", "unknown parameter :" + p + " (use :phone :email :id :customer_id)");
    const auto& known = connector::mappable_fields(entity);
    config::MapReader fields = r.map("fields");
    for (const auto& [name, node] : r.entries("fields")) {
        if (std::find(known.begin(), known.end(), name) == known.end()) fields.fail(name, "not a field of " + entity);
        ColumnMap m;
        if (node.IsScalar()) {
            m.column = node.Scalar();
        } else {
            config::MapReader f = fields.map(name);
            m.column = f.require_string("column");
            for (const auto& [from, to] : f.entries("map")) {
                if (!to.IsScalar()) f.fail("map", "each entry maps one database value to one of ours");
                m.map[from] = to.Scalar();
            }
            if (f.has("default")) m.fallback = f.get_string("default", "");
            f.done();
        }
        q.fields[name] = std::move(m);
    }
    if (connector::has_record_ids(entity) && !q.fields.count("id"))
        r.fail("fields", "map at least 'id' (the database's own id for the record)");
    if (!connector::has_record_ids(entity) && q.fields.empty()) r.fail("fields", "map at least one field of " + entity);
    r.done();
    return q;
}

connector::Row map_row(const soci::row& row, const QueryMapping& mapping) {
    connector::Row out;
    for (const auto& [field, m] : mapping.fields) {
        std::optional<std::string> value;
        bool found = false;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (row.get_properties(i).get_name() != m.column) continue;
            found = true;
            value = column_text(row, i, field);
            break;
        }
        if (!found)
            throw ConnectorError(Failure::bad_data, "field '" + field + "': the query returns no column '" + m.column + "'", false);
        if (value) value = is_list_field(field) ? mapped_list(*value, m, field) : mapped(*value, m, field);
        if (!value) value = m.fallback;
        if (!value) continue;
        out[field] = is_time_field(field) ? as_time(*value, field) : *value;
    }
    return out;
}

}  // namespace kartoteka::connectors::sql
