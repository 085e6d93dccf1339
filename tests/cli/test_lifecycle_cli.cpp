// kartoteka-cli lifecycle lost|returned|do-not-retain|show on a real SQLite file: the records change the
// status `card --json` shows, a return needs an order, and roles are enforced.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"
#include "util/time.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

constexpr model::Timestamp day = 86400;

/// A demo store; run() signs in as the shipped configuration's operator.
struct Desk : test::CliSeat {
    // The card reads the status at the real clock, so the history is laid out in the recent past.
    model::Timestamp now = util::system_now();

    Desk() : CliSeat("lifecycle.db") {
        auto r = run("demo seed --customers 60 --seed 5 --now " + util::format_iso(now - 30 * day));
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
    json card(long long id) const {
        auto r = run("card --id " + std::to_string(id) + " --json");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return json::parse(r.out)["status"];
    }
    json show(long long id) const {
        auto r = run("lifecycle show --customer " + std::to_string(id) + " --json");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return json::parse(r.out);
    }
    /// A customer who has ordered and was never lost or marked.
    long long ordinary_customer() const {
        for (long long id = 1; id <= 60; ++id) {
            const auto s = card(id);
            const std::string status = s["status"];
            if (!s["days_since_order"].is_null() && s["times_lost"] == 0 &&
                (status == "active" || status == "at_risk" || status == "sleeping"))
                return id;
        }
        BOOST_FAIL("no ordinary customer in the demo data");
        return 0;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_cli)

BOOST_AUTO_TEST_CASE(lost_returned_and_do_not_retain_show_on_the_card) {
    Desk desk;
    const long long id = desk.ordinary_customer();
    const std::string customer = " --customer " + std::to_string(id);
    const std::string lost_on = util::format_date(util::date_of(desk.now - 20 * day));

    auto r = desk.run("lifecycle lost" + customer + " --reason competitor --by operator2 --at " + lost_on +
                      " --note 'moved to a cheaper plan elsewhere'");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("lost by operator2") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("status now: lost") != std::string::npos, r.out);
    auto status = desk.card(id);
    BOOST_TEST(status["status"] == "lost");
    BOOST_TEST(status["lost_reason"] == "competitor");
    BOOST_TEST(status["lost_at"] == lost_on + "T00:00:00Z");
    BOOST_TEST(desk.show(id)["lost_by"] == "operator2");

    // A promise is not a return: refused until an order is recorded.
    r = desk.run("lifecycle returned" + customer + " --agent operator3");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("a return counts only after a new order") != std::string::npos, r.err);
    BOOST_TEST(desk.card(id)["status"] == "lost");
    r = desk.run("deal close" + customer + " --amount 49.90 --product 'Trial month' --now " +
                 util::format_iso(desk.now - 10 * day));
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = desk.run("lifecycle returned" + customer + " --agent operator3");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("won back by operator3") != std::string::npos, r.out);
    status = desk.card(id);
    BOOST_TEST(status["status"] == "returned");
    BOOST_TEST(status["extra_sensitive"] == true);
    BOOST_TEST(status["returned_at"] == util::format_iso(desk.now - 10 * day));
    BOOST_TEST(status["returned_by"].get<long long>() > 0);
    BOOST_TEST(desk.show(id)["returned_by"] == "operator3");
    BOOST_TEST(desk.run("lifecycle returned" + customer).exit_code == 2);  // already recorded

    // Do-not-retain: an operator may not; a supervisor may, and it is final.
    r = desk.run("lifecycle do-not-retain" + customer + " --reason 'Threatened staff'");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("may not mark a customer do-not-retain") != std::string::npos, r.err);
    BOOST_TEST(desk.card(id)["status"] == "returned");
    r = desk.run_as("supervisor", "lifecycle do-not-retain" + customer + " --reason 'Threatened staff'");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    status = desk.card(id);
    BOOST_TEST(status["status"] == "do_not_retain");
    BOOST_TEST(status["do_not_retain_note"] == "Threatened staff");

    const auto shown = desk.show(id);
    BOOST_TEST(shown["status"] == "do_not_retain");
    BOOST_TEST(shown["do_not_retain_by"] == "supervisor");
    BOOST_REQUIRE(shown["events"].size() == 3u);
    BOOST_TEST(shown["events"][0]["kind"] == "lost");
    BOOST_TEST(shown["events"][0]["agent"] == "operator2");
    BOOST_TEST(shown["events"][0]["note"] == "moved to a cheaper plan elsewhere");
    BOOST_TEST(shown["events"][1]["kind"] == "returned");
    BOOST_TEST(shown["events"][2]["kind"] == "do_not_retain");

    // Who typed each record is in the audit log.
    r = desk.run_as("supervisor", "audit list" + customer + " --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::vector<std::string> actions;
    for (const auto& e : json::parse(r.out)) actions.push_back(e["action"]);
    for (const char* a : {"record_loss", "record_return", "mark_do_not_retain"})
        BOOST_TEST((std::find(actions.begin(), actions.end(), a) != actions.end()), a);
}

BOOST_AUTO_TEST_CASE(bad_lifecycle_input_is_refused_with_a_reason) {
    Desk desk;
    const long long id = desk.ordinary_customer();
    const std::string customer = " --customer " + std::to_string(id);
    auto r = desk.run("lifecycle lost" + customer + " --reason bored --by operator");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("competitor, product, service") != std::string::npos, r.err);
    r = desk.run("lifecycle lost" + customer + " --reason product");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("--by LOGIN (who lost the customer) is required") != std::string::npos, r.err);
    BOOST_TEST(desk.run("lifecycle lost" + customer + " --reason product --by nobody").exit_code == 2);
    BOOST_TEST(desk.run("lifecycle lost" + customer + " --reason product --by operator --at tomorrow").exit_code == 2);
    BOOST_TEST(desk.run("lifecycle lost --customer 999999 --reason product --by operator").exit_code == 1);
    BOOST_TEST(desk.run("lifecycle returned" + customer).exit_code == 2);  // never lost
    BOOST_TEST(desk.run_as("service", "lifecycle lost" + customer + " --reason product --by operator").exit_code == 2);
    BOOST_TEST(desk.run_as("supervisor", "lifecycle do-not-retain" + customer).exit_code == 2);  // no reason
    BOOST_TEST(desk.show(id)["events"].empty());
    r = desk.run("--help");
    for (const char* c : {"lifecycle lost", "lifecycle returned", "lifecycle do-not-retain", "lifecycle show"})
        BOOST_TEST(r.out.find(c) != std::string::npos, c);
}

BOOST_AUTO_TEST_SUITE_END()
