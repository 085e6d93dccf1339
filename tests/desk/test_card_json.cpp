// One card model and one JSON for it: `kartoteka-cli card --json` and the screen-pop endpoint
// (`kartoteka-cli serve`) answer the same card through the desk, with each ticket's `ref` (the
// backend's own number) and `sla` (state, target, due_at, left_s). Real processes on loopback: a
// help desk (`demo serve`, Freshdesk-shaped) and the seat's pop endpoint.
#include <boost/test/unit_test.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "connector_fixture.h"
#include "demo_pop_scene.h"
#include "loopback_server.h"
#include "storage/database.h"
#include "storage/store.h"
#include "test_support.h"

using namespace kartoteka;
using namespace kartoteka::test;
using nlohmann::json;

namespace {

/// What may differ between two openings of the same card a moment apart: latencies and fetch times,
/// the working seconds left (compared separately), the timeline's volatile order of equal instants.
json stable(json card) {
    for (auto& s : card["sources"]) {
        s.erase("latency_ms");
        s.erase("as_of");
    }
    for (auto& t : card["tickets"])
        if (t["sla"].is_object()) t["sla"].erase("left_s");
    return card;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(card_json)

BOOST_AUTO_TEST_CASE(card_json_and_the_pop_endpoint_answer_the_same_card_with_ticket_ref_and_sla) {
    TempDir dir;
    const std::string backend_db = dir.file("backend.db"), seat_db = dir.file("seat.db");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    {
        storage::Database db(storage::StoreLocation::parse(backend_db));
        storage::Store store(db);
        model::Customer c;
        c.first_name = "Ivan";
        c.last_name = "Ivanov";
        c.phones = {kCallerPhone};
        store.insert_customer(c, 1700000000);
        model::Ticket t;
        t.customer_id = c.id;
        t.subject = "Router keeps rebooting";
        t.severity = 4;
        t.created_at = now - 600;  // ten minutes ago: the first-response clock runs
        store.insert_ticket(t);
    }
    {
        storage::Database db(storage::StoreLocation::parse(seat_db));
        storage::Store store(db);
        model::Agent agent{0, "operator", "Operator", model::Role::operator_, 0, true};
        store.insert_agent(agent);
    }
    DemoPopScene scene(dir, backend_db, seat_db, "card-json-token-0123456789");
    BOOST_REQUIRE(scene.up);
    const std::string& cli = scene.cli;
    const std::string& cfg = scene.cfg;

    httplib::Client c("127.0.0.1", scene.pop_port);
    c.set_read_timeout(5, 0);
    // The first pop links the caller only the help desk knows to a local record; the second finds it
    // here, as the CLI then does.
    auto first = c.Get("/pop?phone=%2B79161234567", {{"X-Kartoteka-Token", "card-json-token-0123456789"}});
    BOOST_REQUIRE(first);
    BOOST_TEST(first->status == 200);
    auto r = c.Get("/pop?phone=%2B79161234567", {{"X-Kartoteka-Token", "card-json-token-0123456789"}});
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 200);
    const auto popped = json::parse(r->body, nullptr, false);
    BOOST_REQUIRE(popped.is_object());
    BOOST_TEST(popped["customer"]["id"] == json::parse(first->body)["customer"]["id"]);
    // The caller only the help desk knew was linked locally by the pop: the CLI finds the same record.
    auto printed = run(cli + " --config " + cfg + " --db " + seat_db + " card --phone '8 (916) 123-45-67' --json");
    BOOST_TEST(printed.exit_code == 0);
    const auto carded = json::parse(printed.out, nullptr, false);
    BOOST_REQUIRE(carded.is_object());
    const auto [pop_exit, backend_exit] = scene.stop();
    BOOST_TEST(pop_exit == 0);
    BOOST_TEST(backend_exit == 0);

    BOOST_TEST(popped["customer"]["id"].get<long long>() > 0);
    BOOST_REQUIRE(popped["tickets"].size() == 1u);
    const auto& t = popped["tickets"][0];
    BOOST_TEST(t["id"] == 0);  // not a local ticket: its number is the backend's
    BOOST_TEST(t["ref"]["system"] == "demo-helpdesk");
    BOOST_TEST(!t["ref"]["id"].get<std::string>().empty());
    BOOST_TEST(t["sla"]["state"] == "ok");
    BOOST_TEST(t["sla"]["target"] == "first_response");
    BOOST_TEST(t["sla"]["due_at"].is_string());
    BOOST_TEST(t["sla"]["left_s"].get<long long>() > 0);
    // The same card either way, but for what moves with the clock.
    BOOST_TEST(stable(popped).dump() == stable(carded).dump());
    const long long left_pop = t["sla"]["left_s"], left_cli = carded["tickets"][0]["sla"]["left_s"];
    BOOST_TEST(left_pop - left_cli >= 0);
    BOOST_TEST(left_pop - left_cli < 120);
}

BOOST_AUTO_TEST_SUITE_END()
