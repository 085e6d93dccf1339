// The sql connector's search-box lookup and its customer directory (directory sync).
#include <algorithm>
#include <charconv>

#include "sql_connector.h"
#include "sql_errors.h"
#include "util/time.h"

namespace kartoteka::connectors::sql {
namespace {

/// The row's customer, or the reason it cannot be read (which names a field, never a value).
std::optional<model::Customer> read_customer(const connector::Row& row, const std::string& source,
                                             std::vector<connector::Skipped>& skipped) {
    if (auto it = row.find("id"); it == row.end() || it->second.empty()) {
        skipped.push_back({"directory", "a row without an id"});
        return std::nullopt;
    }
    return connector::to_customer(row, source);
}

long long changed_at_of(const connector::Row& row) {
    long long t = 0;
    if (auto it = row.find("changed_at"); it != row.end())
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), t);
    return t;
}

/// "YYYY-MM-DD HH:MM:SS" in UTC: what SQLite's datetime() prints and PostgreSQL reads as a timestamp.
std::string sql_time(long long t) {
    std::string iso = util::format_iso(t);  // 2015-03-27T11:00:00Z
    if (iso.size() >= 19) iso = iso.substr(0, 10) + " " + iso.substr(11, 8);
    return iso;
}

}  // namespace

std::vector<model::Customer> SqlConnector::find_customers(const connector::Lookup& lookup, connector::Deadline deadline) {
    auto it = m_settings.queries.find("customer");
    if (it == m_settings.queries.end()) return {};
    auto session = acquire(deadline);
    std::vector<model::Customer> out;
    try {
        for (const auto& row : run(*session, it->second, vars_for(lookup))) {
            try {
                out.push_back(connector::to_customer(map(row, it->second), m_name));
            } catch (const connector::ConnectorError& e) {
                if (e.failure() != connector::Failure::bad_data) throw;  // one unreadable match costs itself
            }
        }
    } catch (const soci::soci_error& e) {
        throw from_soci(e, m_name);
    }
    release(std::move(session));
    return out;
}

void SqlConnector::read_directory(const std::string& cursor, std::chrono::milliseconds page_timeout,
                                  const connector::DirectorySink& sink) {
    auto it = m_settings.queries.find("directory");
    if (it == m_settings.queries.end())
        throw connector::ConnectorError(connector::Failure::rejected, m_name + " has no directory query", false);
    const QueryMapping& q = it->second;
    long long since = 0;
    std::from_chars(cursor.data(), cursor.data() + cursor.size(), since);
    long long offset = 0;  // rows of the `since` second already read in this run
    for (;;) {
        const Statement& st = q.statements.front();
        const std::string sql = st.sql + " LIMIT " + std::to_string(kDirectoryBatch) + " OFFSET " + std::to_string(offset);
        const Vars vars{{"since", std::to_string(since)}, {"since_iso", sql_time(since)}};
        auto session = acquire(std::chrono::steady_clock::now() + page_timeout);
        std::vector<CellRow> rows;
        try {
            rows = read_rows(*session, m_settings.backend, sql, st.params, vars, m_name);
        } catch (const soci::soci_error& e) {
            throw from_soci(e, m_name);
        }
        release(std::move(session));
        connector::DirectoryBatch batch;
        long long newest = since, at_newest = 0;
        for (const auto& raw : rows) {
            try {
                const auto row = map(raw, q);
                const long long t = changed_at_of(row);
                if (t > newest) newest = t, at_newest = 0;
                if (t == newest) ++at_newest;
                if (auto c = read_customer(row, m_name, batch.skipped)) batch.customers.push_back(std::move(*c));
            } catch (const connector::ConnectorError& e) {
                if (e.failure() != connector::Failure::bad_data) throw;
                batch.skipped.push_back({"directory", e.what()});
            }
        }
        // The next batch starts at the newest second read, past the rows of that second already read;
        // without :since the query is the whole list and the offset walks it.
        const bool keyed = q.uses("since") || q.uses("since_iso");
        if (!keyed || newest == since) offset += static_cast<long long>(rows.size());
        else offset = at_newest;
        since = newest;
        batch.cursor = keyed ? std::to_string(since) : std::string();
        const bool last = static_cast<int>(rows.size()) < kDirectoryBatch;
        sink(std::move(batch));
        if (last) return;
    }
}

}  // namespace kartoteka::connectors::sql
