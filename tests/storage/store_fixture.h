#pragma once
/// Runs a storage test body against every store we have: a SQLite file always, and the PostgreSQL
/// server in KARTOTEKA_TEST_PG when given (CI starts one). Each run starts from an empty database.
#include <boost/test/unit_test.hpp>

#include <functional>

#include "storage/database.h"
#include "storage/store.h"
#include "test_support.h"

namespace kartoteka::test {

inline void for_each_store(const std::function<void(storage::Store&)>& body) {
    {
        TempDir dir;
        storage::Database db(storage::StoreLocation::parse(dir.file("contract.db")));
        storage::Store store(db);
        BOOST_TEST_CONTEXT("store: SQLite") { body(store); }
    }
    if (auto pg = postgres_url()) {
        reset_postgres(*pg);
        storage::Database db(storage::StoreLocation::parse(*pg));
        storage::Store store(db);
        BOOST_TEST_CONTEXT("store: PostgreSQL") { body(store); }
    } else {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: PostgreSQL half of the contract skipped");
    }
}

}  // namespace kartoteka::test
