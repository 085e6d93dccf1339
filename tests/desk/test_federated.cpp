// Federated search and directory sync (issue 15), on SQLite and on PostgreSQL: a help desk on loopback
// that knows a caller the store does not, a slow source that must not hold up local hits, and a CRM
// (a real SQLite file) whose customers are copied into the local index and found with the CRM gone.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "connector_fixture.h"
#include "desk_fixture.h"
#include "error.h"
#include "loopback_server.h"

using namespace kartoteka;
using test::for_each_desk;

namespace {

const std::string kOperator = "agent: {login: operator}\n";
const char* kStrangerPhone = "+79165550101";

/// The operator and one local customer (Иванов, the fixture's caller).
void seed(desk::Desk& d) {
    d.with_store([](storage::Store& s) {
        model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
        s.insert_agent(op);
        model::Customer c;
        c.first_name = "Иван";
        c.last_name = "Иванов";
        c.phones = {test::kCallerPhone};
        s.insert_customer(c, test::kNow - 86400);
    });
}

/// A help desk that knows Petr Petrov (HD-7) by phone, e-mail and name; `delay` before each answer.
void serve_helpdesk(httplib::Server& s, std::chrono::milliseconds delay = {}) {
    s.Get("/users/HD-7", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"users":{"id":"HD-7","name":"Petr Petrov","phone":"+7 916 555-01-01","email":"Petr@Example.com"}})",
                        "application/json");
    });
    s.Get("/users", [delay](const httplib::Request& req, httplib::Response& res) {
        if (delay.count()) std::this_thread::sleep_for(delay);
        const bool him = req.get_param_value("phone") == kStrangerPhone || req.get_param_value("email") == "petr@example.com" ||
                         req.get_param_value("name").rfind("Petr", 0) == 0;
        res.set_content(him ? R"({"users":[{"id":"HD-7","name":"Petr Petrov","phone":"+7 916 555-01-01","email":"Petr@Example.com"}]})"
                            : R"({"users":[]})",
                        "application/json");
    });
}

std::string helpdesk_entry(const std::string& name, const std::string& url, int timeout_ms) {
    return "  - name: " + name + "\n    type: rest\n    priority: 20\n    timeout_ms: " + std::to_string(timeout_ms) +
           "\n    settings:\n      base_url: " + url +
           "\n      retries: 0\n      read_timeout_ms: 2000\n      connect_timeout_ms: 200\n      entities:\n"
           "        customer:\n"
           "          endpoints: [\"/users/{id}\", \"/users?phone={phone}\", \"/users?email={email}\", \"/users?name={name}\"]\n"
           "          list: /users\n"
           "          fields: {id: /id, name: /name, phone: /phone, email: /email}\n";
}

const search::Hit* hit_from(const std::vector<search::Hit>& hits, const std::string& source) {
    for (const auto& h : hits)
        if (h.source == source) return &h;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(federated_search)

BOOST_AUTO_TEST_CASE(a_caller_only_the_help_desk_knows_is_found_by_phone_email_and_name) {
    test::LoopbackServer helpdesk;
    serve_helpdesk(helpdesk.server());
    for_each_desk(kOperator + "connectors:\n" + helpdesk_entry("helpdesk", helpdesk.url(), 1000), [](desk::Desk& d) {
        seed(d);
        for (const std::string q : {"8 916 555-01-01", "Petr@Example.com", "Petr"}) {
            BOOST_TEST_CONTEXT("query " << q) {
                const auto r = d.search_all(q, 20);
                BOOST_TEST(r.complete);
                BOOST_REQUIRE(r.sources.size() == 1u);
                BOOST_TEST((r.sources[0].status == card::SourceStatus::ok));
                const auto* h = hit_from(r.hits, "helpdesk");
                BOOST_REQUIRE(h);
                BOOST_TEST(h->customer.id == 0);  // nobody stored them yet
                BOOST_TEST(h->customer.last_name == "Petrov");
                BOOST_TEST(h->customer.phones.at(0) == kStrangerPhone);  // normalized as on the card
                BOOST_REQUIRE(h->ref);
                BOOST_TEST(h->ref->system == "helpdesk");
                BOOST_TEST(h->ref->external_id == "HD-7");
            }
        }
        // The local caller still comes from the store alone: the help desk does not know them.
        const auto local = d.search("8 916 123-45-67", 20);
        BOOST_REQUIRE(local.size() == 1u);
        BOOST_TEST(local[0].source == "local");

        // Opening the help desk's hit opens the card like a pop and keeps the caller locally.
        desk::CardRequest open;
        open.ref = model::ExternalRef{"helpdesk", "HD-7"};
        const auto c = d.open_card(open, desk::Origin::window);
        BOOST_REQUIRE(c);
        BOOST_TEST(c->customer.id > 0);
        BOOST_TEST(c->customer.last_name == "Petrov");
        // Found again: one hit, the local record, which the help desk also knows.
        const auto again = d.search(kStrangerPhone, 20);
        BOOST_REQUIRE(again.size() == 1u);
        BOOST_TEST(again[0].source == "local");
        BOOST_TEST(again[0].customer.id == c->customer.id);
        BOOST_TEST(again[0].also_in == std::vector<std::string>{"helpdesk"});
    });
}

BOOST_AUTO_TEST_CASE(a_slow_source_is_marked_and_never_holds_up_local_hits_or_the_others) {
    test::LoopbackServer fast, slow;
    serve_helpdesk(fast.server());
    serve_helpdesk(slow.server(), std::chrono::milliseconds(1500));
    const std::string yaml = kOperator + "connectors:\n" + helpdesk_entry("slow", slow.url(), 300) +
                             helpdesk_entry("fast", fast.url(), 1000) +
                             helpdesk_entry("down", "http://127.0.0.1:" + std::to_string(test::dead_port()), 1000);
    for_each_desk(yaml, [](desk::Desk& d) {
        seed(d);
        std::vector<desk::SearchResult> updates;
        const auto r = d.search_all("Ив", 20, [&](const desk::SearchResult& u) { updates.push_back(u); });
        // The first update is the store's hit, while every source is still pending.
        BOOST_REQUIRE(updates.size() >= 2u);
        BOOST_REQUIRE(updates.front().hits.size() == 1u);
        BOOST_TEST(updates.front().hits[0].customer.last_name == "Иванов");
        for (const auto& s : updates.front().sources) BOOST_TEST((s.status == card::SourceStatus::pending));
        // Every source ends marked: the slow one timed out, the dead one down, the fast one answered.
        BOOST_TEST(r.complete);
        BOOST_REQUIRE(r.sources.size() == 3u);
        auto status = [&r](const std::string& name) {
            for (const auto& s : r.sources)
                if (s.name == name) return s.status;
            return card::SourceStatus::pending;
        };
        BOOST_TEST((status("slow") == card::SourceStatus::timed_out));
        BOOST_TEST((status("down") == card::SourceStatus::down));
        BOOST_TEST((status("fast") == card::SourceStatus::ok));
        // The slow source settled last: the fast one's answer was handed over before it.
        BOOST_TEST(updates.back().complete);
        BOOST_TEST(updates.size() == 4u);
    });
}

BOOST_AUTO_TEST_CASE(search_json_names_each_hits_source_and_a_backends_ref) {
    test::LoopbackServer helpdesk;
    serve_helpdesk(helpdesk.server());
    test::TempDir dir;
    const std::string config = dir.file("seat.yaml");
    test::write_file(config, kOperator + "connectors:\n" + helpdesk_entry("helpdesk", helpdesk.url(), 1000));
    const std::string cli = test::binary("app/cli/kartoteka-cli") + " --config " + config + " --db " + dir.file("seat.db") + " ";
    BOOST_REQUIRE(test::run(cli + "agent add --login operator --name Olga --role admin").exit_code == 0);
    auto r = test::run(cli + "search --json Petr@Example.com");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto hits = nlohmann::json::parse(r.out);
    BOOST_REQUIRE(hits.size() == 1u);
    BOOST_TEST(hits[0]["source"] == "helpdesk");
    BOOST_TEST(hits[0]["ref"]["system"] == "helpdesk");
    BOOST_TEST(hits[0]["ref"]["id"] == "HD-7");
    // Opened by that reference, the caller is kept locally; the next search lists the local record.
    auto card = test::run(cli + "card --ref helpdesk:HD-7 --json");
    BOOST_REQUIRE_MESSAGE(card.exit_code == 0, card.err);
    r = test::run(cli + "search --json " + kStrangerPhone);
    const auto after = nlohmann::json::parse(r.out);
    BOOST_REQUIRE(after.size() == 1u);
    BOOST_TEST(after[0]["source"] == "local");
    BOOST_TEST(!after[0].contains("ref"), r.out);  // its references are the record's own: "refs"
    BOOST_TEST(after[0]["also_in"][0] == "helpdesk");
}

BOOST_AUTO_TEST_SUITE_END()
