// The connector contract over real loopback servers: for every fault a backend can show, the rest of
// the card is complete and that source is marked.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <functional>

#include "connector_fixture.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

struct Fault {
    const char* name;
    std::function<void(httplib::Server&)> install;
    card::SourceStatus expected;
    std::string extra_settings;
};

void answer(httplib::Server& s, const std::string& body, int status = 200) {
    s.Get("/customers", [body, status](const httplib::Request&, httplib::Response& res) {
        res.status = status;
        res.set_content(body, "application/json");
    });
}

std::vector<Fault> faults() {
    using S = card::SourceStatus;
    std::string deep = R"({"data":[{"id":"H-1","x":)";
    for (int i = 0; i < 60; ++i) deep += "[";
    for (int i = 0; i < 60; ++i) deep += "]";
    deep += "}]}";
    return {
        {"slower than the timeout", [](httplib::Server& s) {
             s.Get("/customers", [](const httplib::Request&, httplib::Response& res) {
                 std::this_thread::sleep_for(std::chrono::milliseconds(700));
                 res.set_content(customer_json("H-1", "Slow"), "application/json");
             });
         }, S::timed_out, ""},
        {"HTTP 500", [](httplib::Server& s) { answer(s, "{}", 500); }, S::down, ""},
        {"HTTP 429", [](httplib::Server& s) { answer(s, "{}", 429); }, S::down, ""},
        {"HTTP 401", [](httplib::Server& s) { answer(s, "{}", 401); }, S::down, ""},
        {"malformed JSON", [](httplib::Server& s) { answer(s, R"({"data":[{"id":"H-1",)"); }, S::bad_data, ""},
        {"truncated body", [](httplib::Server& s) {
             s.Get("/customers", [](const httplib::Request&, httplib::Response& res) {
                 res.set_content_provider(4000, "application/json", [](std::size_t, std::size_t, httplib::DataSink& sink) {
                     sink.write(R"({"data":[{"id":"H-1")", 19);
                     return false;  // the server drops the connection mid-body
                 });
             });
         }, S::down, ""},
        {"body over the limit", [](httplib::Server& s) { answer(s, customer_json("H-1", std::string(5000, 'x'))); },
         S::bad_data, "      max_body_bytes: 1000\n"},
        {"JSON nested too deep", [deep](httplib::Server& s) { answer(s, deep); }, S::bad_data, "      max_json_depth: 16\n"},
        {"number beyond a double", [](httplib::Server& s) { answer(s, R"({"data":[{"id":"H-1","first":1e999}]})"); },
         S::bad_data, ""},
        {"wrong field type", [](httplib::Server& s) { answer(s, R"({"data":[{"id":"H-1","first":{"a":1}}]})"); },
         S::bad_data, ""},
        {"list where an object is expected", [](httplib::Server& s) { answer(s, R"({"data":"nope"})"); }, S::bad_data, ""},
        // A record that cannot be read costs only itself (issue 14): the source stays ok, its ticket is
        // left out and the detail says so.
        {"ticket time not a time", [](httplib::Server& s) {
             serve_customer(s, "H-1", "Ivanov");
             s.Get(R"(/customers/([^/]+)/tickets)", [](const httplib::Request&, httplib::Response& res) {
                 res.set_content(R"([{"id":"T","subject":"x","created":"yesterday","state":"new"}])", "application/json");
             });
         }, S::ok, ""},
        {"enum value outside the map", [](httplib::Server& s) {
             serve_customer(s, "H-1", "Ivanov");
             s.Get(R"(/customers/([^/]+)/tickets)", [](const httplib::Request&, httplib::Response& res) {
                 res.set_content(R"([{"id":"T","subject":"x","created":"2026-01-01T00:00:00Z","state":"weird"}])", "application/json");
             });
         }, S::ok, ""},
    };
}

void check_rest_of_card(const card::Card& c, const std::string& faulty, card::SourceStatus expected) {
    BOOST_TEST(has_interaction(c, "local call"));
    BOOST_TEST(c.customer.last_name == "Иванов");  // local outranks both backends
    BOOST_TEST(c.provenance.at("last_name") == "local");
    BOOST_TEST(tickets_from(c, "crm") == 1);
    BOOST_TEST(tickets_from(c, faulty) == 0);
    BOOST_REQUIRE(!source(c, "crm").name.empty());
    BOOST_TEST(card::to_string(source(c, "crm").status) == "ok");
    BOOST_REQUIRE(!source(c, faulty).name.empty());
    BOOST_TEST(card::to_string(source(c, faulty).status) == card::to_string(expected));
    BOOST_TEST(!source(c, faulty).detail.empty());
    // The reason is shown to the agent and logged: the caller's number (in the lookup's query) is not in it.
    BOOST_TEST(source(c, faulty).detail.find("79161234567") == std::string::npos);
    const bool has_email = std::find(c.customer.emails.begin(), c.customer.emails.end(), "ivan@example.com") != c.customer.emails.end();
    BOOST_TEST(has_email);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_fault_leaves_the_rest_of_the_card_complete) {
    for (const auto& f : faults()) {
        BOOST_TEST_CONTEXT("fault: " << f.name) {
            LoopbackServer crm, bad;
            serve_healthy(crm.server(), "C-1", "Petrov");
            f.install(bad.server());
            Scene scene(rest_entry("crm", crm.url(), 20, 1000) + rest_entry("helpdesk", bad.url(), 10, 250, f.extra_settings));
            std::vector<card::Card> updates;
            auto c = scene.service->by_phone(kCallerPhone, [&](const card::Card& u) { updates.push_back(u); });
            BOOST_REQUIRE(c);
            check_rest_of_card(*c, "helpdesk", f.expected);
            BOOST_TEST(updates.size() >= 2u);  // the local card at once, then as sources answered
            BOOST_TEST(has_interaction(updates.front(), "local call"));
        }
    }
}

BOOST_AUTO_TEST_CASE(backend_down) {
    LoopbackServer crm;
    serve_healthy(crm.server(), "C-1", "Petrov");
    Scene scene(rest_entry("crm", crm.url(), 20, 1000) +
                rest_entry("helpdesk", "http://127.0.0.1:" + std::to_string(dead_port()), 10, 500));
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    check_rest_of_card(*c, "helpdesk", card::SourceStatus::down);
}

BOOST_AUTO_TEST_CASE(a_slow_source_does_not_hold_back_the_others) {
    LoopbackServer crm, slow;
    serve_healthy(crm.server(), "C-1", "Petrov");
    slow.server().Get("/customers", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        res.set_content(customer_json("H-1", "Slow"), "application/json");
    });
    Scene scene(rest_entry("crm", crm.url(), 20, 1000) + rest_entry("helpdesk", slow.url(), 10, 400));
    std::vector<card::Card> updates;
    scene.service->by_phone(kCallerPhone, [&](const card::Card& u) { updates.push_back(u); });
    // Some update shows crm's answer while helpdesk is still pending: crm was not held back.
    bool crm_first = false;
    for (const auto& u : updates)
        crm_first |= source(u, "crm").status == card::SourceStatus::ok && source(u, "helpdesk").status == card::SourceStatus::pending;
    BOOST_TEST(crm_first);
    BOOST_TEST(card::to_string(source(updates.back(), "helpdesk").status) == std::string("timed_out"));
}

BOOST_AUTO_TEST_CASE(a_failing_source_shows_its_last_answer_as_stale) {
    LoopbackServer crm;
    serve_healthy(crm.server(), "C-1", "Petrov");
    std::atomic<bool> broken{false};
    LoopbackServer help;
    help.server().Get("/customers", [&](const httplib::Request&, httplib::Response& res) {
        if (broken) res.status = 503;
        else res.set_content(customer_json("H-7", "Helpdesk"), "application/json");
    });
    help.server().Get(R"(/customers/([^/]+)/tickets)", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(tickets_json("H-7"), "application/json");
    });
    Scene scene(rest_entry("crm", crm.url(), 20, 1000) + rest_entry("helpdesk", help.url(), 10, 1000));
    auto first = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(first);
    BOOST_TEST(tickets_from(*first, "helpdesk") == 1);
    broken = true;
    auto second = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(second);
    const auto st = source(*second, "helpdesk");
    BOOST_TEST(card::to_string(st.status) == std::string("stale"));
    BOOST_TEST(st.as_of == 1800000000);
    BOOST_TEST(tickets_from(*second, "helpdesk") == 1);  // still shown, marked stale
}
