// Issue 14 on the rest connector against a real loopback server: times in every notation help desks
// send (Jira's "+0300" after milliseconds, Zendesk's and Freshdesk's "Z", Zammad's milliseconds,
// ServiceNow's zone-less text, epoch numbers), a ticket that cannot be read costing only itself, and
// a field map reading the backend's value as text.
#include <boost/test/unit_test.hpp>

#include "connector_fixture.h"
#include "util/time.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

/// A caller the local store does not know: only the help desk can say who they are.
const char* kDeskOnlyPhone = "+79990001122";
constexpr model::Timestamp kRaised = 1795777200;  // 2026-11-27T11:00:00Z

std::string desk_entry(const std::string& url, const std::string& extra = "") {
    return "  - name: desk\n    type: rest\n    priority: 10\n    timeout_ms: 2000\n    settings:\n      base_url: " + url +
           "\n      retries: 0\n" + extra +
           "      entities:\n"
           "        customer:\n"
           "          endpoint: /users?phone={phone}\n"
           "          fields: {id: /id, name: /name, phone: /phone}\n"
           "        tickets:\n"
           "          endpoint: /users/{customer_id}/issues\n"
           "          list: /issues\n"
           "          fields:\n"
           "            id: /key\n"
           "            subject: /summary\n"
           "            created_at: /created\n"
           "            severity: {pointer: /priority, map: {lowest: 1, low: 2, medium: 3, high: 4, highest: 5}}\n";
}

void serve_desk(httplib::Server& s, const std::string& issues) {
    s.Get("/users", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("phone") == kDeskOnlyPhone)
            res.set_content(R"([{"id":"U-7","name":"Olga Smirnova","phone":"+79990001122"}])", "application/json");
        else
            res.set_content("[]", "application/json");
    });
    s.Get("/users/U-7/issues", [issues](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"issues":)" + issues + "}", "application/json");
    });
}

const model::Ticket* ticket(const card::Card& c, const std::string& id) {
    for (const auto& t : c.tickets)
        if (t.external_id == id) return &t;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rest_times)

// The issue's case: Jira's "2026-11-27T14:00:00.000+0300" used to fail the whole source, and with it
// the only source that knew the caller ("no customer has the phone").
BOOST_AUTO_TEST_CASE(a_jira_time_is_read_and_the_caller_is_found) {
    LoopbackServer desk;
    serve_desk(desk.server(), R"([{"key":"SUP-1","summary":"Router","created":"2026-11-27T14:00:00.000+0300","priority":"high"}])");
    Scene scene(desk_entry(desk.url()));
    auto c = scene.service->by_phone(kDeskOnlyPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->customer.last_name == "Smirnova");
    BOOST_TEST(card::to_string(source(*c, "desk").status) == std::string("ok"));
    BOOST_TEST(source(*c, "desk").detail == "");
    const auto* t = ticket(*c, "SUP-1");
    BOOST_REQUIRE(t);
    BOOST_TEST(util::format_iso(t->created_at) == "2026-11-27T11:00:00Z");
    BOOST_TEST(t->severity == 4);  // "high" through the map, no `as:` needed
}

BOOST_AUTO_TEST_CASE(every_notation_a_help_desk_sends_is_the_same_instant) {
    LoopbackServer desk;
    serve_desk(desk.server(), R"([
        {"key":"zendesk","created":"2026-11-27T11:00:00Z"},
        {"key":"zammad","created":"2026-11-27T11:00:00.123Z"},
        {"key":"jira","created":"2026-11-27T14:00:00.000+0300"},
        {"key":"rfc3339","created":"2026-11-27T14:00:00+03:00"},
        {"key":"short-offset","created":"2026-11-27T14:00:00+03"},
        {"key":"lower-case","created":"2026-11-27t11:00:00z"},
        {"key":"micro","created":"2026-11-27 08:00:00.123456-03:00"},
        {"key":"ruby","created":"2026-11-27 14:00:00 +0300"},
        {"key":"servicenow","created":"2026-11-27 14:00:00"},
        {"key":"epoch-s","created":1795777200},
        {"key":"epoch-ms","created":1795777200000},
        {"key":"epoch-text","created":"1795777200"}])");
    // The desk's zone-less times are Moscow time.
    Scene scene(desk_entry(desk.url(), "      timezone: Europe/Moscow\n"));
    auto c = scene.service->by_phone(kDeskOnlyPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(source(*c, "desk").detail == "");
    BOOST_TEST(tickets_from(*c, "desk") == 12);
    for (const auto& t : c->tickets)
        BOOST_TEST(util::format_iso(t.created_at) == "2026-11-27T11:00:00Z", t.external_id);
}

BOOST_AUTO_TEST_CASE(a_ticket_that_cannot_be_read_costs_only_itself) {
    LoopbackServer desk;
    serve_desk(desk.server(), R"([
        {"key":"good","summary":"ok","created":"2026-11-27T11:00:00Z","priority":"low"},
        {"key":"bad-time","summary":"x","created":"27/11/2026 secret 4111111111111111","priority":"low"},
        {"key":"bad-priority","summary":"y","created":"2026-11-27T11:00:00Z","priority":"whenever"}])");
    Scene scene(desk_entry(desk.url()));
    auto c = scene.service->by_phone(kDeskOnlyPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->customer.last_name == "Smirnova");
    BOOST_TEST(card::to_string(source(*c, "desk").status) == std::string("ok"));
    BOOST_TEST(tickets_from(*c, "desk") == 1);
    BOOST_REQUIRE(ticket(*c, "good"));
    BOOST_TEST(ticket(*c, "good")->created_at == kRaised);
    BOOST_TEST(ticket(*c, "good")->severity == 2);
    const std::string detail = source(*c, "desk").detail;
    BOOST_TEST(detail == "2 tickets skipped (the first: field 'created_at' (/created): not a time)");
    BOOST_TEST(detail.find("4111") == std::string::npos);  // the reason names the field, never the value
}

BOOST_AUTO_TEST_CASE(the_timezone_setting_is_declared_and_validated) {
    connector::Registry reg;
    connectors::register_all(reg);
    for (const char* name : {"rest", "sql"}) {
        const auto* type = reg.find(name);
        BOOST_REQUIRE(type);
        int declared = 0;
        for (const auto& s : type->settings) declared += s.key == "timezone" && s.default_value == "UTC";
        BOOST_TEST(declared == 1, name);  // so `connectors describe` prints it
    }
    try {
        Scene bad(desk_entry("http://127.0.0.1:1", "      timezone: Europe/Atlantis\n"));
        BOOST_FAIL("an unknown zone was accepted");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("timezone") != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find("test.yaml") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
