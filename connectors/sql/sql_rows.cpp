#include "sql_rows.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "connector/connector.h"
#include "sql_mapping.h"

namespace kartoteka::connectors::sql {
namespace {

using connector::ConnectorError;
using connector::Failure;

std::string value_of(const std::map<std::string, std::string>& vars, const std::string& name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
}

// PostgreSQL's built-in type OIDs (catalog/pg_type.dat; fixed since the types exist).
constexpr Oid bool_oid = 16, bytea_oid = 17, int8_oid = 20, int2_oid = 21, int4_oid = 23, oid_oid = 26, float4_oid = 700,
              float8_oid = 701, numeric_oid = 1700;

/// A floating-point value as SOCI printed it before (so a map keyed "2" still matches a REAL 2.0).
std::string real_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

CellType pg_type(Oid t) {
    if (t == int8_oid || t == int2_oid || t == int4_oid || t == oid_oid) return CellType::integer;
    if (t == float4_oid || t == float8_oid || t == numeric_oid) return CellType::real;
    return CellType::text;  // timestamptz comes with its offset, timestamp and date without a zone
}

ConnectorError pg_error(PGconn* conn, const PGresult* res, const std::string& where) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state ? state : "";
    std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    const std::string what = where + ": " + message;
    // Cancelled at our statement_timeout: slow, not broken.
    if (code == "57014") return ConnectorError(Failure::timed_out, what, true);
    if (PQstatus(conn) != CONNECTION_OK || code.rfind("08", 0) == 0) return ConnectorError(Failure::down, what, true);
    if (code.rfind("42", 0) == 0)  // syntax error, no such table or column, no privilege
        return ConnectorError(Failure::rejected, what + " (check the query in the configuration)", false);
    if (code.rfind("53", 0) == 0 || code.rfind("57", 0) == 0 || code == "40001" || code == "40P01")
        return ConnectorError(Failure::down, what, true);  // out of resources, shutting down, serialization
    return ConnectorError(Failure::down, what, false);
}

std::vector<CellRow> read_postgresql(PGconn* conn, const std::string& sql, const std::vector<std::string>& params,
                                     const std::map<std::string, std::string>& vars, const std::string& where) {
    const std::string text = to_positional(sql, params);
    std::vector<std::string> values;
    for (const auto& p : params) values.push_back(value_of(vars, p));
    std::vector<const char*> pointers;
    for (const auto& v : values) pointers.push_back(v.c_str());
    // Text results: every value as PostgreSQL prints it, a timestamptz with its offset.
    std::unique_ptr<PGresult, decltype(&PQclear)> res(
        PQexecParams(conn, text.c_str(), static_cast<int>(pointers.size()), nullptr, pointers.data(), nullptr, nullptr, 0),
        &PQclear);
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK) return {};
    if (status != PGRES_TUPLES_OK) throw pg_error(conn, res.get(), where);
    const int columns = PQnfields(res.get()), rows = PQntuples(res.get());
    std::vector<CellRow> out(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
        auto& row = out[static_cast<std::size_t>(r)];
        for (int c = 0; c < columns; ++c) {
            std::optional<Cell> cell;
            const Oid type = PQftype(res.get(), c);
            if (!PQgetisnull(res.get(), r, c) && type != bytea_oid) {
                cell = Cell{std::string(PQgetvalue(res.get(), r, c), static_cast<std::size_t>(PQgetlength(res.get(), r, c))),
                            pg_type(type)};
                // NUMERIC stays as PostgreSQL printed it, exact: a balance or a long id must not pass
                // through a double (util::parse_money reads "1500.5000"); only floats are reformatted.
                if (cell->type == CellType::real && type != numeric_oid)
                    cell->text = real_text(std::strtod(cell->text.c_str(), nullptr));
                if (type == bool_oid) cell = Cell{cell->text == "t" ? "1" : "0", CellType::integer};  // as SOCI gave it
            }
            row.emplace_back(PQfname(res.get(), c), std::move(cell));
        }
    }
    return out;
}

ConnectorError sqlite_error(sqlite_api::sqlite3* db, int rc, const std::string& where) {
    const std::string what = where + ": " + sqlite_api::sqlite3_errmsg(db);
    const int primary = rc & 0xff;
    const bool busy = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    return ConnectorError(Failure::down, what, busy);  // a locked file frees up; a bad query does not
}

std::vector<CellRow> read_sqlite(sqlite_api::sqlite3* db, const std::string& sql, const std::vector<std::string>& params,
                                 const std::map<std::string, std::string>& vars, const std::string& where) {
    sqlite_api::sqlite3_stmt* raw = nullptr;
    if (int rc = sqlite_api::sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr); rc != SQLITE_OK) {
        sqlite_api::sqlite3_finalize(raw);
        throw sqlite_error(db, rc, where);
    }
    std::unique_ptr<sqlite_api::sqlite3_stmt, decltype(&sqlite_api::sqlite3_finalize)> stmt(raw, &sqlite_api::sqlite3_finalize);
    std::vector<std::string> values;  // alive until the statement is finalized (SQLITE_STATIC)
    values.reserve(params.size());
    for (const auto& p : params) {
        values.push_back(value_of(vars, p));
        const int index = sqlite_api::sqlite3_bind_parameter_index(raw, (":" + p).c_str());
        if (index > 0) sqlite_api::sqlite3_bind_text(raw, index, values.back().c_str(), -1, SQLITE_STATIC);
    }
    std::vector<CellRow> out;
    const int columns = sqlite_api::sqlite3_column_count(raw);
    for (;;) {
        const int rc = sqlite_api::sqlite3_step(raw);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) throw sqlite_error(db, rc, where);
        CellRow row;
        for (int c = 0; c < columns; ++c) {
            std::optional<Cell> cell;
            // The storage class of this value (SQLite types values, not columns): a DATETIME column
            // may hold ISO text, unix seconds or a julian day.
            const int type = sqlite_api::sqlite3_column_type(raw, c);
            if (type == SQLITE_FLOAT) {
                cell = Cell{real_text(sqlite_api::sqlite3_column_double(raw, c)), CellType::real};
            } else if (type == SQLITE_INTEGER || type == SQLITE_TEXT) {
                const auto* text = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(raw, c));
                const auto size = static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(raw, c));
                cell = Cell{std::string(text ? text : "", size), type == SQLITE_INTEGER ? CellType::integer : CellType::text};
            }
            row.emplace_back(sqlite_api::sqlite3_column_name(raw, c), std::move(cell));
        }
        out.push_back(std::move(row));
    }
    return out;
}

/// Any other SOCI backend: SOCI's dynamic row, date-times as zone-less wall-clock text.
std::vector<CellRow> read_generic(soci::session& s, const std::string& sql, const std::vector<std::string>& params,
                                  const std::map<std::string, std::string>& vars) {
    std::vector<std::string> keep;
    soci::values v = bind_named(params, vars, keep);
    std::vector<CellRow> out;
    soci::rowset<soci::row> rs = (s.prepare << sql, soci::use(v));
    for (const auto& r : rs) {
        CellRow row;
        for (std::size_t i = 0; i < r.size(); ++i) {
            std::optional<Cell> cell;
            if (r.get_indicator(i) != soci::i_null) switch (r.get_properties(i).get_data_type()) {
                case soci::dt_string: cell = Cell{r.get<std::string>(i), CellType::text}; break;
                case soci::dt_integer: cell = Cell{std::to_string(r.get<int>(i)), CellType::integer}; break;
                case soci::dt_long_long: cell = Cell{std::to_string(r.get<long long>(i)), CellType::integer}; break;
                case soci::dt_unsigned_long_long:
                    cell = Cell{std::to_string(r.get<unsigned long long>(i)), CellType::integer};
                    break;
                case soci::dt_double: cell = Cell{real_text(r.get<double>(i)), CellType::real}; break;
                case soci::dt_date: {
                    const std::tm tm = r.get<std::tm>(i);
                    char buf[40];
                    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
                    cell = Cell{buf, CellType::datetime};
                    break;
                }
                default: break;  // blobs and xml are not card data
                }
            row.emplace_back(r.get_properties(i).get_name(), std::move(cell));
        }
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

soci::values bind_named(const std::vector<std::string>& params, const std::map<std::string, std::string>& vars,
                        std::vector<std::string>& keep) {
    soci::values v;
    keep.reserve(params.size());
    for (const auto& p : params) {
        keep.push_back(value_of(vars, p));
        v.set(p, keep.back());
    }
    return v;
}

std::vector<CellRow> read_rows(soci::session& session, const std::string& backend, const std::string& sql,
                               const std::vector<std::string>& params, const std::map<std::string, std::string>& vars,
                               const std::string& where) {
    // SOCI's backend libraries do not export their classes' type information, so no dynamic_cast:
    // the session names its backend, and the connector made it from that backend's own factory.
    const std::string name = session.get_backend_name();
    if (backend == "postgresql" && name == "postgresql")
        return read_postgresql(static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_, sql, params,
                               vars, where);
    if (backend == "sqlite3" && name == "sqlite3")
        return read_sqlite(static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_, sql, params, vars,
                           where);
    return read_generic(session, sql, params, vars);
}

}  // namespace kartoteka::connectors::sql
