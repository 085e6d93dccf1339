// kartoteka-cli sla show / reassign / escalate / set (issue 19) on a real demo SQLite file: the board's
// ticket actions headless, supervisors only, version-checked, and visible in `sla show`.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "test_support.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

struct DemoCentre : test::CliSeat {
    DemoCentre() : CliSeat("demo.db") {}
    json json_of(const std::string& login, const std::string& args) const {
        auto r = run_as(login, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, args + ": " + r.err);
        return json::parse(r.out);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ticket_cli)

BOOST_AUTO_TEST_CASE(a_supervisor_reassigns_escalates_and_re_prioritises_from_the_command_line) {
    DemoCentre c;
    auto seeded = c.run_as("supervisor", "demo seed --customers 300 --seed 3");
    BOOST_REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.err);
    const auto board = c.json_of("supervisor", "sla board --json --no-record");
    BOOST_REQUIRE(!board["tickets"].empty());
    const auto id = std::to_string(board["tickets"][0]["ticket_id"].get<long long>());
    auto shown = c.json_of("supervisor", "sla show --json --ticket " + id);
    BOOST_TEST(!shown["customer"].get<std::string>().empty());
    BOOST_TEST(!shown["calendar"]["id"].get<std::string>().empty());
    BOOST_TEST(!shown["targets"].empty());
    const auto version = std::to_string(shown["version"].get<int>());

    auto operator_try = c.run_as("operator", "sla escalate --ticket " + id);
    BOOST_TEST(operator_try.exit_code != 0);
    BOOST_TEST(operator_try.err.find("may not reassign") != std::string::npos, operator_try.err);

    auto moved = c.run_as("supervisor", "sla reassign --ticket " + id + " --to operator2 --version " + version +
                                            " --note 'on leave'");
    BOOST_REQUIRE_MESSAGE(moved.exit_code == 0, moved.err);
    shown = c.json_of("supervisor", "sla show --json --ticket " + id);
    BOOST_TEST(shown["owner"] == "operator2");
    BOOST_TEST(shown["history"].back()["kind"] == "changed");
    BOOST_TEST(shown["history"].back()["note"].get<std::string>().find("-> operator2: on leave") != std::string::npos);
    // The same version again: another seat's change came first.
    auto stale = c.run_as("supervisor", "sla set --ticket " + id + " --severity 5 --version " + version);
    BOOST_TEST(stale.exit_code != 0);
    BOOST_TEST(stale.err.find("changed at another seat") != std::string::npos, stale.err);
    auto set = c.run_as("supervisor", "sla set --ticket " + id + " --severity 5");
    BOOST_REQUIRE_MESSAGE(set.exit_code == 0, set.err);
    BOOST_TEST(c.json_of("supervisor", "sla show --json --ticket " + id)["severity"] == 5);
    auto bad = c.run_as("supervisor", "sla set --ticket " + id + " --problem-type weather");
    BOOST_TEST(bad.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
