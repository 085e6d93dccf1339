#define BOOST_TEST_MODULE kartoteka retention rules
#include <boost/test/unit_test.hpp>

#include "test_support.h"

namespace {

/// Leaves the shared test PostgreSQL server as the suite found it: empty. Later suites (the load test)
/// seed it themselves and must not inherit this suite's handful of agents and customers.
struct LeavePostgresEmpty {
    ~LeavePostgresEmpty() {
        if (auto pg = kartoteka::test::postgres_url()) kartoteka::test::reset_postgres(*pg);
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(LeavePostgresEmpty);
