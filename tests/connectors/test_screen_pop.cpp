// The screen pop endpoint (core) against a real loopback client, and end to end: `kartoteka-cli
// demo serve` as the backend, `kartoteka-cli serve` answering the card through the rest connector.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "card/card_json.h"
#include "connector/screen_pop_server.h"
#include "connector_fixture.h"
#include "demo_pop_scene.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

struct RunningPop {
    connector::ScreenPopServer server;
    int port = 0;
    std::thread thread;
    RunningPop()
        : server({0, "t0k3n-t0k3n-t0k3n"}, [](const std::string& phone) -> std::optional<nlohmann::json> {
              if (phone == kCallerPhone) return nlohmann::json{{"customer", {{"name", "Иванов Иван"}}}};
              if (phone == "garbage") throw Error(ErrorKind::invalid, "not a phone");
              return std::nullopt;
          }) {
        port = server.bind();
        thread = std::thread([this] { server.run(); });
    }
    ~RunningPop() {
        server.stop();
        thread.join();
    }
};

int get_status(int port, const std::string& path, const httplib::Headers& headers = {}) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2, 0);
    c.set_read_timeout(2, 0);
    auto r = c.Get(path, headers);
    return r ? r->status : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(secrets_compare_in_constant_time_and_correctly) {
    BOOST_TEST(connector::same_secret("abc", "abc"));
    BOOST_TEST(!connector::same_secret("abc", "abd"));
    BOOST_TEST(!connector::same_secret("abc", "abcd"));
    BOOST_TEST(!connector::same_secret("", "x"));
    BOOST_CHECK_THROW(connector::ScreenPopServer({0, ""}, [](const std::string&) { return std::nullopt; }), Error);
    // A short token is refused at start-up, saying why and never echoing it.
    try {
        connector::ScreenPopServer({0, "short-token"}, [](const std::string&) { return std::nullopt; });
        BOOST_FAIL("a weak token was accepted");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("at least 16") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("short-token") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(screen_pop_answers_the_card_to_the_token_holder_only) {
    RunningPop pop;
    const std::string q = "/pop?phone=%2B79161234567";
    httplib::Client c("127.0.0.1", pop.port);
    auto ok = c.Get(q + "&token=t0k3n-t0k3n-t0k3n");
    BOOST_REQUIRE(ok);
    BOOST_TEST(ok->status == 200);
    BOOST_TEST(nlohmann::json::parse(ok->body)["customer"]["name"] == "Иванов Иван");
    BOOST_TEST(get_status(pop.port, q, {{"X-Kartoteka-Token", "t0k3n-t0k3n-t0k3n"}}) == 200);
    BOOST_TEST(get_status(pop.port, q + "&token=wrong") == 401);
    BOOST_TEST(get_status(pop.port, q) == 401);
    BOOST_TEST(get_status(pop.port, "/pop?phone=%2B70000000000&token=t0k3n-t0k3n-t0k3n") == 404);
    BOOST_TEST(get_status(pop.port, "/pop?phone=garbage&token=t0k3n-t0k3n-t0k3n") == 400);
    BOOST_TEST(get_status(pop.port, "/pop?token=t0k3n-t0k3n-t0k3n") == 400);
}

// Issue 14: a PBX URL template substitutes the caller id without encoding it, so "+" arrives literally and
// HTML form decoding made it a space: "GET /pop?phone=+359888123456" on a Russian desk answered 400
// "' 359888123456' is not a valid phone number". The same bug class: RestComm/Restcomm-Connect#1039
// (an unencoded "+" became a space), FreePBX/superfecta#269 and FreePBX/superfecta#68 (the caller id put
// into a URL unencoded). Over the real loopback server and the real card service.
BOOST_AUTO_TEST_CASE(screen_pop_reads_an_unencoded_plus_as_a_plus) {
    Scene scene("  []\n");  // no backends: the card comes from the seat's store
    model::Customer bg;
    bg.last_name = "Петров";
    bg.phones = {"+359888123456"};
    scene.store().insert_customer(bg, 1700000000);
    connector::ScreenPopServer server({0, "t0k3n-t0k3n-t0k3n"}, [&](const std::string& phone) -> std::optional<nlohmann::json> {
        auto c = scene.service->by_phone(phone);
        if (!c) return std::nullopt;
        return card::to_json(*c);
    });
    const int port = server.bind();
    std::thread thread([&] { server.run(); });
    httplib::Client c("127.0.0.1", port);
    c.set_url_encode(false);  // send the target byte for byte, as a PBX template does
    c.set_read_timeout(5, 0);
    auto last_name = [&](const std::string& query, int status) {
        auto r = c.Get("/pop?" + query, {{"X-Kartoteka-Token", "t0k3n-t0k3n-t0k3n"}});
        BOOST_REQUIRE(r);
        BOOST_TEST(r->status == status, query << ": " << r->body);
        const auto j = nlohmann::json::parse(r->body, nullptr, false);
        return j.contains("customer") ? j["customer"]["last_name"].get<std::string>() : j.value("error", "");
    };
    BOOST_TEST(last_name("phone=+359888123456", 200) == "Петров");
    BOOST_TEST(last_name("token=x&phone=+359888123456&line=2", 200) == "Петров");
    BOOST_TEST(last_name("phone=%2B359888123456", 200) == "Петров");      // encoded: as before
    BOOST_TEST(last_name("phone=%2B359%20888%20123%20456", 200) == "Петров");
    BOOST_TEST(last_name("phone=+359+888+123+456", 200) == "Петров");     // form-encoded blanks
    BOOST_TEST(last_name("phone=00359+888+123+456", 200) == "Петров");
    BOOST_TEST(last_name("phone=%2B44+7911+123456", 404) == "no customer has this phone");  // valid, unknown
    BOOST_TEST(last_name("phone=sip:+359888123456@pbx.example.local;user=phone", 200) == "Петров");
    BOOST_TEST(last_name("phone=tel:///%2B359888123456", 200) == "Петров");
    BOOST_TEST(last_name("phone=+79161234567", 200) == "Иванов");
    BOOST_TEST(last_name("phone=8+(916)+123-45-67,+доб.+100", 200) == "Иванов");
    // A withheld caller is said to be one; an invalid one is refused without echoing the number.
    BOOST_TEST(last_name("phone=anonymous", 404).find("withheld") != std::string::npos);
    BOOST_TEST(last_name("phone=sip:anonymous@anonymous.invalid", 404).find("withheld") != std::string::npos);
    const std::string refused = last_name("phone=0888+123+456", 400);  // national in Bulgaria, not in Russia
    BOOST_TEST(refused.find("not a valid phone number") != std::string::npos, refused);
    BOOST_TEST(refused.find("123") == std::string::npos, refused);
    server.stop();
    thread.join();
}

BOOST_AUTO_TEST_CASE(screen_pop_refuses_oversized_requests) {
    RunningPop pop;
    const std::string q = "/pop?phone=%2B79161234567&token=t0k3n-t0k3n-t0k3n";
    httplib::Headers many;
    for (int i = 0; i < 40; ++i) many.emplace("X-Filler-" + std::to_string(i), "x");
    BOOST_TEST(get_status(pop.port, q, many) == 431);
    BOOST_TEST(get_status(pop.port, q, {{"X-Long", std::string(3000, 'a')}}) == 431);
    BOOST_TEST(get_status(pop.port, q + "&pad=" + std::string(3000, 'b')) == 414);
    httplib::Client c("127.0.0.1", pop.port);
    auto post = c.Post(q, std::string(4096, 'z'), "text/plain");
    BOOST_TEST((!post || post->status >= 400));
    BOOST_TEST(get_status(pop.port, q) == 200);  // still serving
}

BOOST_AUTO_TEST_CASE(screen_pop_errors_are_short_json_without_internal_text) {
    RunningPop pop;
    httplib::Client c("127.0.0.1", pop.port);
    c.set_read_timeout(2, 0);
    for (const std::string path : {"/pop?phone=%ff&token=t0k3n-t0k3n-t0k3n", "/nowhere", "/pop?phone=%ff"}) {
        auto r = c.Get(path);
        BOOST_REQUIRE(r);
        BOOST_TEST(r->status >= 400);
        BOOST_TEST(!r->has_header("EXCEPTION_WHAT"));
        const auto body = nlohmann::json::parse(r->body, nullptr, false);
        BOOST_TEST(body.is_object());
        BOOST_TEST(body.contains("error"));
        BOOST_TEST(r->body.size() < 200u);
    }
}

BOOST_AUTO_TEST_CASE(cli_serve_pops_the_card_gathered_through_demo_serve) {
    TempDir dir;
    const std::string backend_db = dir.file("backend.db"), seat_db = dir.file("seat.db");
    {
        storage::Database db(storage::StoreLocation::parse(backend_db));
        storage::Store store(db);
        model::Customer c;
        c.first_name = "Ivan";
        c.last_name = "Ivanov";
        c.phones = {kCallerPhone};
        c.emails = {"ivan@example.com"};
        store.insert_customer(c, 1700000000);
        model::ContactPreferences consent;  // served as the contact's custom fields
        consent.customer_id = c.id;
        consent.do_not_call = true;
        consent.unsubscribed = {model::Channel::sms};
        consent.quiet_hours = {21 * 60, 9 * 60};
        consent.timezone = "Europe/Moscow";
        store.save_preferences(consent);
        model::Ticket t;
        t.customer_id = c.id;
        t.subject = "Router keeps rebooting";
        t.severity = 4;
        t.created_at = 1790000000;
        store.insert_ticket(t);
    }
    {
        storage::Database db(storage::StoreLocation::parse(seat_db));  // this seat knows the caller too
        storage::Store store(db);
        model::Agent agent;  // config agent.login: the CLI acts as this agent (access and audit)
        agent.login = "operator";
        agent.name = "Operator";
        store.insert_agent(agent);
        model::Customer c;
        c.last_name = "Иванов";
        c.phones = {kCallerPhone};
        store.insert_customer(c, 1700000000);
    }
    DemoPopScene scene(dir, backend_db, seat_db, "s3cret-s3cret-s3cret");
    BOOST_REQUIRE(scene.up);
    const std::string& cli = scene.cli;
    const std::string& cfg = scene.cfg;
    httplib::Client c("127.0.0.1", scene.pop_port);
    c.set_read_timeout(5, 0);
    auto r = c.Get("/pop?phone=8%20916%20123-45-67", {{"X-Kartoteka-Token", "s3cret-s3cret-s3cret"}});
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 200);
    const auto card = nlohmann::json::parse(r->body, nullptr, false);
    BOOST_TEST(card["customer"]["last_name"] == "Иванов");  // local (50) outranks demo-helpdesk (20)
    BOOST_TEST(card["customer"]["first_name"] == "Ivan");    // a gap the backend filled
    BOOST_TEST(card["tickets"].size() == 1u);
    BOOST_TEST(card["tickets"][0]["source"] == "demo-helpdesk");
    BOOST_TEST(card["provenance"]["email"] == "demo-helpdesk");
    BOOST_TEST(card["preferences"]["do_not_call"] == true);  // the backend's refusal, none at this seat
    BOOST_TEST(card["preferences"]["unsubscribed"] == nlohmann::json::array({"sms"}));
    BOOST_TEST(card["provenance"]["preferences.do_not_call"] == "demo-helpdesk");
    BOOST_TEST(card["provenance"]["preferences.quiet_hours"] == "demo-helpdesk");
    auto tel = run(cli + " --config " + cfg + " --db " + seat_db + " tel:+79161234567");
    BOOST_TEST(tel.exit_code == 0);
    BOOST_TEST(tel.out.find("Router keeps rebooting") != std::string::npos);
    BOOST_TEST(tel.out.find("demo-helpdesk ok") != std::string::npos);
    const auto [pop_exit, backend_exit] = scene.stop();
    BOOST_TEST(pop_exit == 0);
    BOOST_TEST(backend_exit == 0);
    auto down = run(cli + " --config " + cfg + " --db " + seat_db + " card --phone +79161234567 --json");
    BOOST_TEST(down.exit_code == 0);  // the backend is gone: the local card still comes, the source marked
    const auto after = nlohmann::json::parse(down.out, nullptr, false);
    BOOST_REQUIRE(after.is_object());
    BOOST_TEST(after["customer"]["last_name"] == "Иванов");
    bool marked_down = false;
    for (const auto& s : after["sources"]) marked_down |= s["name"] == "demo-helpdesk" && s["status"] == "down";
    BOOST_TEST(marked_down);
}
