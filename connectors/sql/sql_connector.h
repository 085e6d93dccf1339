#pragma once
/// The `sql` connector: any database SOCI reaches (SQLite and PostgreSQL built in, other backends
/// through SOCI's loader), read with one query per entity and written back with one statement per
/// outbox kind, all declared in YAML.
#include <soci/soci.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "connector/connector.h"
#include "sql_mapping.h"

namespace kartoteka::connectors::sql {

struct SqlSettings {
    std::string backend;     ///< "sqlite3", "postgresql", or another SOCI backend name
    std::string connection;  ///< the backend's connection string (password added from the environment)
    std::map<std::string, QueryMapping> queries;   ///< customer, interactions, offers, tickets, preferences
    std::map<std::string, std::string> writeback;  ///< interaction, offer_outcome, complaint -> statement
    /// The zone of the database's times that carry none (timestamp without time zone, DATETIME text
    /// without an offset, DATE); from the `timezone` setting, UTC by default.
    const date::time_zone* zone = nullptr;
};

class SqlConnector : public connector::Connector {
public:
    SqlConnector(std::string name, SqlSettings settings);

    connector::Capabilities capabilities() const override;
    connector::SourceRecord fetch(const connector::Lookup& lookup, connector::Deadline deadline) override;
    std::string deliver(const connector::Delivery& delivery, connector::Deadline deadline) override;
    std::vector<model::Customer> find_customers(const connector::Lookup& lookup, connector::Deadline deadline) override;
    /// Reads the `directory` query in batches (LIMIT and OFFSET appended to its ORDER BY changed_at),
    /// each batch's cursor its newest changed_at: a later run starts there (:since), re-reading that
    /// second's rows, which the desk's upsert by backend id makes harmless.
    void read_directory(const std::string& cursor, std::chrono::milliseconds page_timeout,
                        const connector::DirectorySink& sink) override;

    /// Rows per directory batch.
    static constexpr int kDirectoryBatch = 2000;

private:
    using Vars = std::map<std::string, std::string>;
    Vars vars_for(const connector::Lookup& lookup) const;
    /// A pooled session (or a new one: PostgreSQL gets libpq's connect_timeout from the deadline), with
    /// the time left until `deadline` as the server's statement_timeout, so a hung or slow backend
    /// database is cancelled by the server itself instead of pinning a thread past the card's timeout.
    std::unique_ptr<soci::session> acquire(connector::Deadline deadline);
    void release(std::unique_ptr<soci::session> s);
    /// The query's rows as the database prints them (sql_rows.h); none when a parameter has no value.
    std::vector<CellRow> run(soci::session& s, const QueryMapping& q, const std::map<std::string, std::string>& vars);
    connector::Row map(const CellRow& row, const QueryMapping& q) const { return map_row(row, q, *m_settings.zone); }

    std::string m_name;
    SqlSettings m_settings;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<soci::session>> m_idle;  ///< a session serves one thread at a time
};

}  // namespace kartoteka::connectors::sql
