#include "sql_mapping.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "connector/connector.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connectors::sql {
namespace {

using connector::ConnectorError;
using connector::Failure;


bool is_time_field(const std::string& f) {
    return f == "at" || f == "valid_from" || f == "valid_until" || f == "as_of" || f == "opened" || f == "closed" ||
           (f.size() > 3 && f.compare(f.size() - 3, 3, "_at") == 0);
}

bool is_time_of_day_field(const std::string& f) { return f == "quiet_from" || f == "quiet_to"; }
bool is_list_field(const std::string& f) { return f == "allowed_channels" || f == "unsubscribed"; }

/// Julian day numbers SQLite's date functions accept and print (0001-01-01 .. 9999-12-31): as epoch
/// seconds these would all fall in January-March 1970, which no card record does.
constexpr double julian_first = 1721425.5, julian_last = 5373484.5, julian_epoch = 2440587.5;

/// A time field's value as epoch seconds: integers are epoch seconds, reals julian days (in their
/// range) or epoch seconds, text goes to the one instant parser in the source's zone.
std::string as_time(const Cell& cell, const std::string& field, const std::string& column, const date::time_zone& zone) {
    if (cell.type == CellType::real) {
        const double v = std::strtod(cell.text.c_str(), nullptr);
        if (v >= julian_first && v <= julian_last)
            return std::to_string(static_cast<long long>(std::floor((v - julian_epoch) * 86400.0 + 0.5)));
    }
    if (auto t = util::parse_instant(cell.text, zone)) return std::to_string(*t);
    // The reason names the field, never the value: it reaches the source strip and the log.
    throw ConnectorError(Failure::bad_data, "field '" + field + "' (column '" + column + "'): not a time", false);
}

/// A time-of-day field read from a date-time: its "HH:MM".
std::string as_time_of_day(const Cell& cell) {
    return cell.type == CellType::datetime && cell.text.size() >= 16 ? cell.text.substr(11, 5) : cell.text;
}

/// The column map applied to one value; `value` itself when there is none.
std::string mapped(const std::string& value, const ColumnMap& m, const std::string& field) {
    if (m.map.empty()) return value;
    auto it = m.map.find(value);
    if (it == m.map.end()) it = m.map.find("*");
    if (it == m.map.end())
        throw ConnectorError(Failure::bad_data, "field '" + field + "': a value not in its map", false);
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

namespace {

/// Calls on_param(name, begin, end) for each :name parameter of the statement, skipping quoted text
/// and PostgreSQL "::type" casts.
template <class F>
void scan_parameters(const std::string& sql, F&& on_param) {
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
            if (j > i + 1) on_param(sql.substr(i + 1, j - i - 1), i, j);
            i = j - 1;
        }
    }
}

}  // namespace

std::vector<std::string> named_parameters(const std::string& sql) {
    std::vector<std::string> out;
    scan_parameters(sql, [&](const std::string& name, std::size_t, std::size_t) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    });
    return out;
}

std::string to_positional(const std::string& sql, const std::vector<std::string>& params) {
    std::string out;
    std::size_t done = 0;
    scan_parameters(sql, [&](const std::string& name, std::size_t begin, std::size_t end) {
        const auto at = std::find(params.begin(), params.end(), name) - params.begin();
        out += sql.substr(done, begin - done) + "$" + std::to_string(at + 1);
        done = end;
    });
    return out + sql.substr(done);
}

bool QueryMapping::uses(const std::string& param) const {
    for (const auto& st : statements)
        if (std::find(st.params.begin(), st.params.end(), param) != st.params.end()) return true;
    return false;
}

QueryMapping read_query(config::MapReader r, const std::string& entity, const std::vector<std::string>& allowed) {
    QueryMapping q;
    const auto texts = r.has("sql") && r.node()["sql"].IsSequence() ? r.get_string_list("sql")
                                                                    : std::vector<std::string>{r.require_string("sql")};
    if (texts.empty()) r.fail("sql", "give at least one statement");
    for (const auto& text : texts) {
        Statement st{text, named_parameters(text)};
        for (const auto& p : st.params)
            if (std::find(allowed.begin(), allowed.end(), p) == allowed.end()) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? ":" : " :") + a;
                r.fail("sql", "unknown parameter :" + p + " (use " + list + ")");
            }
        q.statements.push_back(std::move(st));
    }
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

connector::Row map_row(const CellRow& row, const QueryMapping& mapping, const date::time_zone& zone) {
    connector::Row out;
    for (const auto& [field, m] : mapping.fields) {
        // Not captured as m: clang (the fuzz build) does not yet let lambdas capture structured bindings.
        const std::string& column = m.column;
        auto col = std::find_if(row.begin(), row.end(), [&column](const auto& c) { return c.first == column; });
        if (col == row.end())
            throw ConnectorError(Failure::bad_data, "field '" + field + "': the query returns no column '" + m.column + "'", false);
        if (!col->second) {  // NULL
            if (m.fallback) out[field] = *m.fallback;
            continue;
        }
        Cell cell = *col->second;
        if (is_time_of_day_field(field)) cell.text = as_time_of_day(cell);
        if (!m.map.empty()) {  // the map reads the database's value as text, whatever its SQL type
            cell.text = is_list_field(field) ? mapped_list(cell.text, m, field) : mapped(cell.text, m, field);
            cell.type = CellType::text;
        } else if (is_list_field(field)) {
            cell.text = mapped_list(cell.text, m, field);
        }
        out[field] = is_time_field(field) ? as_time(cell, field, m.column, zone) : cell.text;
    }
    return out;
}

}  // namespace kartoteka::connectors::sql
