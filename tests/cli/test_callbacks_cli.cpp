// kartoteka-cli callbacks and record contact --disposition on a real SQLite file (issue 18): a time on
// the centre's clock stored as its instant, the promising agent's list, reassignment by a supervisor
// only, a reminder announced once, and disposition codes checked against the shipped configuration.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "test_support.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

const std::string kNow = " --now 2026-11-30T10:00:00Z";

/// A demo store; run() signs in as operator (centre zone Europe/Moscow, UTC+3).
struct Seat : test::CliSeat {
    Seat() : CliSeat("callbacks.db") {
        auto r = run("demo seed --customers 20 --seed 3 --now 2026-11-01T00:00:00Z");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(callbacks_cli)

BOOST_AUTO_TEST_CASE(a_callback_on_the_centres_clock_is_the_promising_agents_until_a_supervisor_moves_it) {
    Seat seat;
    auto r = seat.run("callbacks add --id 3 --at '2026-12-01 18:00' --note 'after payday'" + kNow);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "callback #1 at 2026-12-01 18:00 (2026-12-01T15:00:00Z) for operator\n", r.out);
    r = seat.run("callbacks list --json" + kNow);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto list = json::parse(r.out);
    BOOST_REQUIRE(list.size() == 1u);
    BOOST_TEST(list[0]["due_at"] == "2026-12-01T15:00:00Z");
    BOOST_TEST(list[0]["due_local"] == "2026-12-01 18:00");
    BOOST_TEST(list[0]["agent"] == "operator");
    BOOST_TEST(list[0]["note"] == "after payday");
    // An operator may neither move it nor read another's list; a supervisor may.
    r = seat.run_as("operator2", "callbacks reassign 1 --to operator2" + kNow);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("may not manage other agents' callbacks") != std::string::npos, r.err);
    r = seat.run_as("supervisor", "callbacks reassign 1 --to operator2" + kNow);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "callback #1 now operator2's\n", r.out);
    r = seat.run_as("supervisor", "callbacks list --agent operator2 --json" + kNow);
    BOOST_TEST(json::parse(r.out).size() == 1u);
    r = seat.run("callbacks list" + kNow);
    BOOST_TEST(r.out == "no open callbacks\n", r.out);
    r = seat.run("callbacks add --id 3 --at '2026-11-29 18:00'" + kNow);  // yesterday
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("has already passed") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(record_contact_keeps_a_known_disposition_and_its_callback_and_reminds_once) {
    Seat seat;
    auto r = seat.run("record contact --id 4 --summary 'nobody there' --disposition no_anwser" + kNow);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("'no_anwser' is not a disposition: one of resolved,") != std::string::npos, r.err);
    r = seat.run("record contact --id 4 --summary 'asked to call tomorrow' --disposition callback_scheduled "
                 "--callback-at '2026-12-01 10:00'" + kNow);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("contact logged: callback_scheduled") != std::string::npos, r.out);
    r = seat.run("card --id 4 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(json::parse(r.out)["interactions"]["items"][0]["disposition"] == "callback_scheduled");
    // 10:00 Moscow is 07:00 UTC; two minutes before, the reminder comes up, and only once.
    r = seat.run("callbacks remind --json --now 2026-12-01T06:58:30Z");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto due = json::parse(r.out);
    BOOST_REQUIRE(due.size() == 1u);
    BOOST_TEST(due[0]["note"] == "asked to call tomorrow");
    r = seat.run("callbacks remind --now 2026-12-01T06:59:00Z");
    BOOST_TEST(r.out == "no open callbacks\n", r.out);
    r = seat.run("callbacks done 1 --now 2026-12-01T07:05:00Z");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = seat.run("callbacks done 1 --now 2026-12-01T07:06:00Z");
    BOOST_TEST(r.exit_code != 0);
    BOOST_TEST(r.err.find("is already done") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
