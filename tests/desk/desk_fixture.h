#pragma once
/// The desk suites' scene: one desk over a fresh SQLite file, then over the test PostgreSQL server when
/// one is given, with its clock pinned.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "desk/desk.h"
#include "test_support.h"

namespace kartoteka::test {

inline constexpr model::Timestamp kNow = 1795000000;  // 2026-11-18T09:46:40Z, a Wednesday

/// The desk over a fresh SQLite file, then over the test PostgreSQL server when one is given.
inline void for_each_desk(const std::string& yaml, const std::function<void(desk::Desk&)>& body) {
    auto make = [&](const std::string& store) {
        auto cfg = config::parse_config(yaml, "desk-test.yaml");
        desk::DeskOptions o;
        o.store_override = store;
        o.store_password = "";
        o.clock = [] { return kNow; };
        return std::make_unique<desk::Desk>(std::move(cfg), o);
    };
    {
        test::TempDir dir;
        auto d = make(dir.file("desk.db"));
        BOOST_TEST_CONTEXT("store: SQLite") { body(*d); }
    }
    if (auto pg = test::postgres_url()) {
        test::reset_postgres(*pg);
        {
            auto d = make(*pg);
            BOOST_TEST_CONTEXT("store: PostgreSQL") { body(*d); }
        }
        // The suites share one test database: leave it empty for the next (the load test seeds its own
        // agents into an empty store only).
        test::reset_postgres(*pg);
    }
}

}  // namespace kartoteka::test
