// Migration 13 (issue 18, m5) on a store that already has customers: their numbers' reversed digits,
// e-mails' local parts and names' Latin keys are filled, so the new searches find people stored before.
#include <boost/test/unit_test.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <functional>

#include "phone/phone_normalizer.h"
#include "search/customer_search.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/store.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

/// A store at schema version 12 with one customer written the way version 12 wrote them.
void make_version_12(soci::session& s, storage::Dialect dialect) {
    const auto& list = dialect == storage::Dialect::sqlite ? storage::sqlite_migrations() : storage::postgresql_migrations();
    s << "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for (const auto& m : list) {
        if (m.version > 12) continue;
        for (const auto& stmt : storage::split_statements(m.sql)) s << stmt;
        const std::string name = m.name;  // SOCI binds by reference: a named value, not a temporary
        s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(:v, :n, 0)", soci::use(m.version),
            soci::use(name);
    }
    s << "INSERT INTO customers(id, first_name, last_name, created_at, updated_at) VALUES(7, 'Юлия', 'Щербакова', 0, 0)";
    s << "INSERT INTO customer_phones(customer_id, e164, position) VALUES(7, '+79163691154', 0)";
    s << "INSERT INTO customer_emails(customer_id, email, position) VALUES(7, 'yu.sh@example.ru', 0)";
    for (const std::string key : {"щербакова юлия", "юлия щербакова", "юлия"})
        s << "INSERT INTO customer_name_keys(customer_id, name_key) VALUES(7, :k)", soci::use(key);
}

void check_found(const std::string& url) {
    storage::Database db(storage::StoreLocation::parse(url));  // applies 13
    BOOST_TEST(db.schema_version() >= 13);
    storage::Store store(db);
    phone::PhoneNormalizer ru("RU");
    search::CustomerSearch finder(store, ru);
    for (const char* q : {"369-11-54", "yu.sh", "Shcherbakova", "Yuliia Shcherbakova", "Щербакова"}) {
        const auto hits = finder.find(q, 5);
        BOOST_TEST((hits.size() == 1u && hits.front().customer.id == 7), q);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(search_keys_migration)

BOOST_AUTO_TEST_CASE(customers_stored_before_migration_13_are_found_by_the_new_keys) {
    {
        test::TempDir dir;
        const std::string file = dir.file("v12.db");
        {
            soci::session s(*soci::factory_sqlite3(), "db=" + file);
            make_version_12(s, storage::Dialect::sqlite);
        }
        BOOST_TEST_CONTEXT("store: SQLite") { check_found(file); }
    }
    if (auto pg = test::postgres_url()) {
        test::reset_postgres(*pg);
        {
            soci::session s(*soci::factory_postgresql(), *pg);
            make_version_12(s, storage::Dialect::postgresql);
        }
        BOOST_TEST_CONTEXT("store: PostgreSQL") { check_found(*pg); }
        test::reset_postgres(*pg);
    }
}

BOOST_AUTO_TEST_SUITE_END()
