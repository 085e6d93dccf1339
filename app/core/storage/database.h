#pragma once
/// One connection to the local store: a SQLite file (the embedded default) or a PostgreSQL server,
/// through the same SOCI code. Opening applies pending migrations and refuses a newer database.
#include <memory>
#include <string>

namespace soci { class session; }

namespace kartoteka::storage {

enum class Dialect { sqlite, postgresql };

/// Where the store is: parsed from a --db value or the config's store.url.
struct StoreLocation {
    Dialect dialect = Dialect::sqlite;
    std::string target;  ///< SQLite file path, or libpq connection string / URI

    /// "postgresql://...", "postgres://..." or a libpq "key=value" string (host=, dbname=) is
    /// PostgreSQL; "sqlite:PATH" or anything else is a SQLite file path ("~/" expanded).
    static StoreLocation parse(const std::string& text);
    /// For messages: the path, or the connection string with any password hidden.
    std::string describe() const;
    /// The libpq connection string with the password added the way its form needs (a URI query
    /// parameter, percent-encoded; a quoted key=value pair); the target itself for SQLite.
    std::string conninfo(const std::string& password) const;
};

class Database {
public:
    /// Opens (creating a SQLite file and its folder if needed) and migrates.
    /// @param password for PostgreSQL, from the environment or keyring, never from YAML; may be empty.
    /// @throws Error{storage} naming the location when it cannot open, or when the database is newer
    ///         than this program.
    explicit Database(const StoreLocation& location, const std::string& password = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    soci::session& session() { return *m_session; }
    Dialect dialect() const { return m_location.dialect; }
    const StoreLocation& location() const { return m_location; }
    /// The schema version the database is at after opening.
    int schema_version() const { return m_version; }
    /// The newest schema version this program knows.
    static int program_schema_version(Dialect dialect);

private:
    void configure_sqlite();
    void migrate();
    /// On PostgreSQL, a connection that may not create in the schema (a seat) does not migrate: it is
    /// told to run admin migrate. @throws Error{storage}.
    void refuse_seat_migration(int at, int known);
    /// PostgreSQL: every table not listed as restricted is granted to the seat group (migration 7).
    void grant_to_seats();
    /// What a caller is told when SQLite's write lock stays taken past the busy timeout.
    std::string busy_message(const std::string& why) const;

    StoreLocation m_location;
    std::unique_ptr<soci::session> m_session;
    int m_version = 0;
};

}  // namespace kartoteka::storage
