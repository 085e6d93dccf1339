#include "storage/database.h"

#include <cctype>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <chrono>
#include <regex>
#include <thread>
#include <set>

#include "error.h"
#include "storage/migrations.h"
#include "storage/search_keys.h"
#include "storage/store_util.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::storage {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string expand_home(const std::string& path) {
    if (!starts_with(path, "~/")) return path;
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + path.substr(1) : path;
}

const std::vector<Migration>& migrations_for(Dialect d) {
    return d == Dialect::sqlite ? sqlite_migrations() : postgresql_migrations();
}

// An advisory lock key so two seats starting at once against one server do not migrate twice.
constexpr long long migration_lock_key = 0x4b617274;  // "Kart"

/// The migrations recorded, read with plain SELECTs: no write lock, so opening a store that is up to
/// date never waits for, nor blocks, a long write elsewhere. Empty when the table does not exist yet.
std::set<int> applied_versions(soci::session& s, Dialect dialect) {
    int tables = 0;
    if (dialect == Dialect::sqlite)
        s << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", soci::into(tables);
    else
        s << "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' "
             "AND table_schema = current_schema()", soci::into(tables);
    std::set<int> applied;
    if (tables == 0) return applied;
    int v = 0;
    soci::statement st = (s.prepare << "SELECT version FROM schema_migrations", soci::into(v));
    st.execute();
    while (st.fetch()) applied.insert(v);
    return applied;
}

}  // namespace

std::vector<std::string> split_statements(const std::string& sql) {
    std::vector<std::string> out;
    std::string current;
    std::size_t pos = 0;
    bool in_body = false;
    while (pos < sql.size()) {
        auto nl = sql.find('\n', pos);
        std::string line = sql.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? sql.size() : nl + 1;
        auto first = line.find_first_not_of(" \t\r");
        if (!in_body && (first == std::string::npos || line.compare(first, 2, "--") == 0)) continue;
        current += line;
        current += '\n';
        // A PL/pgSQL body between $$ and $$ has ';' at its line ends: only the one after it ends the statement.
        for (auto d = line.find("$$"); d != std::string::npos; d = line.find("$$", d + 2)) in_body = !in_body;
        auto last = line.find_last_not_of(" \t\r");
        if (!in_body && last != std::string::npos && line[last] == ';') {
            out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
    return out;
}

StoreLocation StoreLocation::parse(const std::string& text) {
    StoreLocation loc;
    if (starts_with(text, "postgresql://") || starts_with(text, "postgres://") ||
        text.find("dbname=") != std::string::npos || text.find("host=") != std::string::npos) {
        loc.dialect = Dialect::postgresql;
        loc.target = text;
    } else {
        loc.dialect = Dialect::sqlite;
        loc.target = expand_home(starts_with(text, "sqlite:") ? text.substr(7) : text);
    }
    return loc;
}

std::string StoreLocation::describe() const {
    if (dialect == Dialect::sqlite) return "SQLite file " + target;
    // Hide passwords in both URI (user:secret@) and key=value (password=secret) forms.
    std::string s = std::regex_replace(target, std::regex(R"(://([^:/@]+):[^@]*@)"), "://$1:***@");
    s = std::regex_replace(s, std::regex(R"(password\s*=\s*\S+)"), "password=***");
    return "PostgreSQL " + s;
}

std::string StoreLocation::conninfo(const std::string& password) const {
    if (password.empty() || dialect != Dialect::postgresql) return target;
    if (starts_with(target, "postgres")) {
        // A URI takes the password as a query parameter, percent-encoded (RFC 3986), after any
        // parameters it already has (?sslmode=require).
        std::string enc;
        for (unsigned char c : password) {
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') enc += static_cast<char>(c);
            else {
                static const char* hex = "0123456789ABCDEF";
                enc += '%';
                enc += hex[c >> 4];
                enc += hex[c & 15];
            }
        }
        return target + (target.find('?') == std::string::npos ? "?password=" : "&password=") + enc;
    }
    // key=value form: a quoted value, with \ and ' escaped (libpq "Parameter Key Words").
    std::string quoted = "'";
    for (char c : password) {
        if (c == '\\' || c == '\'') quoted += '\\';
        quoted += c;
    }
    return target + " password=" + quoted + "'";
}

Database::Database(const StoreLocation& location, const std::string& password) : m_location(location) {
    try {
        if (m_location.dialect == Dialect::sqlite) {
            namespace fs = std::filesystem;
            fs::path p(m_location.target);
            if (p.has_parent_path()) fs::create_directories(p.parent_path());
            m_session = std::make_unique<soci::session>(*soci::factory_sqlite3(),
                                                        "db=" + m_location.target + " timeout=10");
            configure_sqlite();
        } else {
            m_session = std::make_unique<soci::session>(*soci::factory_postgresql(), m_location.conninfo(password));
            // "already exists, skipping" notices are noise on every start; warnings still show.
            *m_session << "SET client_min_messages = warning";
        }
    } catch (const soci::soci_error& e) {
        throw Error(ErrorKind::storage, "cannot open " + m_location.describe() + ": " + e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        throw Error(ErrorKind::storage, "cannot open " + m_location.describe() + ": " + e.what());
    }
    migrate();
}

Database::~Database() = default;

void Database::configure_sqlite() {
    soci::session& s = *m_session;
    // WAL: readers (the GUI's loaders) never block the writer. foreign_keys is per connection.
    // synchronous=FULL: what an agent was told is saved survives a power cut, not only a crash.
    // Switching a new file to WAL needs an exclusive lock and does not wait on the busy handler: two
    // connections opening one new file at once (the GUI's workers) retry instead of failing.
    for (int attempt = 0;; ++attempt) {
        try {
            s << "PRAGMA journal_mode=WAL";
            break;
        } catch (const soci::soci_error&) {
            if (attempt == 100) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA busy_timeout=10000";
}

void Database::refuse_seat_migration(int at, int known) {
    if (m_location.dialect != Dialect::postgresql) return;
    // Seats never own tables nor create in the schema (migration 7 revokes it): only the owner migrates.
    int may_create = 0;
    *m_session << "SELECT CASE WHEN has_schema_privilege(current_schema(), 'CREATE') THEN 1 ELSE 0 END",
        soci::into(may_create);
    if (may_create) return;
    throw Error(ErrorKind::storage, m_location.describe() + " is at schema version " + std::to_string(at) +
                                        " and this program needs " + std::to_string(known) +
                                        ": the database owner runs kartoteka-cli admin migrate");
}

void Database::grant_to_seats() {
    // What seats may touch is granted after every run, so tables later migrations add are covered too.
    soci::indicator ind = soci::i_ok;
    std::string fn;
    *m_session << "SELECT CAST(to_regproc('kartoteka_apply_grants') AS TEXT)", soci::into(fn, ind);
    if (ind == soci::i_ok) *m_session << "SELECT kartoteka_apply_grants()";
}

std::string Database::busy_message(const std::string& why) const {
    return m_location.describe() + " is busy: another program is writing to it and holds its write lock" + why +
           "; try again when that write is done";
}

int Database::program_schema_version(Dialect dialect) {
    const auto& list = migrations_for(dialect);
    return list.empty() ? 0 : list.back().version;
}

void Database::migrate() {
    soci::session& s = *m_session;
    const int known = program_schema_version(m_location.dialect);
    try {
        // Most opens find every migration applied: that is decided by reading, without any lock.
        const std::set<int> seen = applied_versions(s, m_location.dialect);
        const int seen_newest = seen.empty() ? 0 : *seen.rbegin();
        const auto& list = migrations_for(m_location.dialect);
        const bool complete = std::all_of(list.begin(), list.end(), [&](const Migration& m) { return seen.count(m.version) > 0; });
        if (seen_newest > known)
            throw Error(ErrorKind::storage,
                        m_location.describe() + " has schema version " + std::to_string(seen_newest) +
                            ", newer than this program knows (" + std::to_string(known) +
                            "); upgrade Kartoteka before opening it");
        if (complete && !seen.empty()) {
            m_version = seen_newest;
            return;
        }
        refuse_seat_migration(seen_newest, known);
    } catch (const soci::soci_error& e) {
        if (is_busy(e)) throw Error(ErrorKind::storage, busy_message(""));
        throw Error(ErrorKind::storage, "cannot open " + m_location.describe() + ": " + e.what());
    }
    try {
        if (m_location.dialect == Dialect::postgresql)
            s << "SELECT pg_advisory_lock(" << migration_lock_key << ")";
        s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
        // Apply every known migration not yet recorded (not only those above the newest): branches merged
        // in parallel may land a lower version after a higher one.
        // Two connections of one program (the GUI's workers) or two programs may open a SQLite file at
        // once: the check and the migrations run under one write lock, so only one of them migrates.
        const bool sqlite = m_location.dialect == Dialect::sqlite;
        if (sqlite) s << "BEGIN IMMEDIATE";
        std::set<int> applied;
        {
            int v = 0;
            soci::statement st = (s.prepare << "SELECT version FROM schema_migrations", soci::into(v));
            st.execute();
            while (st.fetch()) applied.insert(v);
        }
        const int newest = applied.empty() ? 0 : *applied.rbegin();
        if (newest > known) {
            if (sqlite) s << "ROLLBACK";
            throw Error(ErrorKind::storage,
                        m_location.describe() + " has schema version " + std::to_string(newest) +
                            ", newer than this program knows (" + std::to_string(known) +
                            "); upgrade Kartoteka before opening it");
        }
        int current = newest;
        std::vector<const Migration*> committed;
        bool migrated = false;
        const auto log_applied = [&] {
            for (const Migration* m : committed)
                util::logger()->info("{}: applied migration {} ({})", m_location.describe(), m->version, m->name);
            committed.clear();
        };
        for (const Migration& m : migrations_for(m_location.dialect)) {
            if (applied.count(m.version)) continue;
            std::optional<soci::transaction> tx;  // SQLite: already inside the IMMEDIATE transaction
            if (!sqlite) tx.emplace(s);
            for (const std::string& stmt : split_statements(m.sql)) s << stmt;
            run_migration_code(m.version, s, m_location.dialect);  // what SQL alone cannot compute
            long long now = util::system_now();
            std::string name = m.name;
            s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(:v, :n, :t)",
                soci::use(m.version), soci::use(name), soci::use(now);
            current = std::max(current, m.version);
            // Logged once committed (on SQLite all commit together below): a rolled-back one was not applied.
            committed.push_back(&m);
            migrated = true;
            if (tx) {
                tx->commit();
                log_applied();
            }
        }
        if (sqlite) s << "COMMIT";
        log_applied();
        if (migrated && !sqlite) grant_to_seats();
        m_version = current;
        if (migrated) util::logger()->info("{}: schema now at version {}", m_location.describe(), current);
        if (m_location.dialect == Dialect::postgresql)
            s << "SELECT pg_advisory_unlock(" << migration_lock_key << ")";
    } catch (const soci::soci_error& e) {
        if (m_location.dialect == Dialect::sqlite) {
            try {
                s << "ROLLBACK";
            } catch (const soci::soci_error&) {
                // No transaction was open.
            }
        }
        if (is_busy(e)) throw Error(ErrorKind::storage, busy_message(" (it needs a schema migration, which waits for that write)"));
        throw Error(ErrorKind::storage, "cannot migrate " + m_location.describe() + ": " + e.what());
    }
}

}  // namespace kartoteka::storage
