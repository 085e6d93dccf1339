#include <boost/test/unit_test.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <mutex>
#include <thread>

#include "error.h"
#include "store_fixture.h"
#include "storage/migrations.h"
#include "storage/store_util.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(fresh_database_is_at_the_program_version_and_reopens) {
    test::TempDir dir;
    auto loc = storage::StoreLocation::parse(dir.file("m.db"));
    int version = 0;
    {
        storage::Database db(loc);
        version = db.schema_version();
        BOOST_TEST(version == storage::Database::program_schema_version(storage::Dialect::sqlite));
    }
    storage::Database again(loc);  // no migration re-applied, no error
    BOOST_TEST(again.schema_version() == version);
    BOOST_TEST(storage::Database::program_schema_version(storage::Dialect::sqlite) ==
               storage::Database::program_schema_version(storage::Dialect::postgresql));
}

BOOST_AUTO_TEST_CASE(a_newer_database_is_refused_with_a_clear_message) {
    auto check = [](const storage::StoreLocation& loc) {
        {
            storage::Database db(loc);
            db.session() << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(9999, 'future', 0)";
        }
        try {
            storage::Database db(loc);
            BOOST_FAIL("a newer database was opened");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::storage));
            BOOST_TEST(std::string(e.what()).find("newer than this program") != std::string::npos, e.what());
        }
    };
    test::TempDir dir;
    check(storage::StoreLocation::parse(dir.file("future.db")));
    if (auto pg = test::postgres_url()) {
        test::reset_postgres(*pg);
        check(storage::StoreLocation::parse(*pg));
    }
}

BOOST_AUTO_TEST_CASE(sqlite_runs_in_wal_with_foreign_keys) {
    test::TempDir dir;
    storage::Database db(storage::StoreLocation::parse(dir.file("w.db")));
    std::string mode;
    int fk = 0;
    db.session() << "PRAGMA journal_mode", soci::into(mode);
    db.session() << "PRAGMA foreign_keys", soci::into(fk);
    BOOST_TEST(mode == "wal");
    BOOST_TEST(fk == 1);
}

BOOST_AUTO_TEST_CASE(store_location_parsing) {
    BOOST_TEST((storage::StoreLocation::parse("postgresql://u@h/db").dialect == storage::Dialect::postgresql));
    BOOST_TEST((storage::StoreLocation::parse("host=/tmp dbname=k").dialect == storage::Dialect::postgresql));
    BOOST_TEST((storage::StoreLocation::parse("sqlite:/tmp/x.db").target == "/tmp/x.db"));
    BOOST_TEST(storage::StoreLocation::parse("postgresql://u:secret@h/db").describe().find("secret") == std::string::npos);
    BOOST_TEST(storage::StoreLocation::parse("host=h password=secret").describe().find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(statement_splitting) {
    auto v = storage::split_statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a(x);\n");
    BOOST_TEST(v.size() == 2u);
    // A PL/pgSQL body's lines end with ';' too: the statement ends after its closing $$.
    v = storage::split_statements("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n    PERFORM 1;\n"
                                  "    -- a comment inside\nEND $$;\nDO $$ BEGIN PERFORM 2; END $$;\nSELECT 3;\n");
    BOOST_REQUIRE(v.size() == 3u);
    BOOST_TEST(v[0].find("PERFORM 1;\n    -- a comment inside\nEND $$;") != std::string::npos, v[0]);
    BOOST_TEST(v[1] == "DO $$ BEGIN PERFORM 2; END $$;\n");
}

BOOST_AUTO_TEST_CASE(unopenable_store_names_itself) {
    try {
        storage::Database db(storage::StoreLocation::parse("/proc/no/such/dir/k.db"));
        BOOST_FAIL("opened");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("/proc/no/such/dir/k.db") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(opening_an_up_to_date_store_takes_no_write_lock_and_a_busy_one_says_so) {
    test::TempDir dir;
    auto loc = storage::StoreLocation::parse(dir.file("busy.db"));
    { storage::Database first(loc); }  // created and migrated
    // Another program in the middle of a long write (issue 17: every open used to wait 10 s for it).
    soci::session writer(*soci::factory_sqlite3(), "db=" + loc.target + " timeout=1");
    writer << "BEGIN IMMEDIATE";
    writer << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(-1, 'held', 0)";
    {
        storage::Database reader(loc);  // used to fail after 10 s: "cannot migrate ... database is locked"
        int n = 0;
        reader.session() << "SELECT count(*) FROM schema_migrations", soci::into(n);
        BOOST_TEST(n > 0);
        // A write must wait for the lock; after the busy timeout it is refused as busy, not as broken.
        reader.session() << "PRAGMA busy_timeout=200";
        try {
            storage::guarded("save", [&] { reader.session() << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(-2, 'x', 0)"; });
            BOOST_FAIL("wrote through another connection's write lock");
        } catch (const Error& e) {
            BOOST_TEST(std::string(e.what()).find("busy") != std::string::npos);
            BOOST_TEST(std::string(e.what()).find("INSERT") == std::string::npos);  // no statement, no values
        }
    }
    writer << "ROLLBACK";
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(two_connections_opening_a_new_file_at_once_migrate_it_once) {
    // The GUI opens two workers on the same file at start-up; only one may migrate.
    for (int round = 0; round < 5; ++round) {
        test::TempDir dir;
        const auto loc = storage::StoreLocation::parse(dir.file("race.db"));
        std::string errors;
        std::mutex m;
        auto open = [&] {
            try {
                storage::Database db(loc);
            } catch (const std::exception& e) {
                std::lock_guard lock(m);
                errors += e.what();
            }
        };
        std::thread a(open), b(open);
        a.join();
        b.join();
        BOOST_TEST(errors.empty(), errors);
    }
}
