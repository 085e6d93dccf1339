// The rest connector's transport and mapping features against real loopback servers: kept-alive
// connections, retries, the circuit breaker, pagination, authentication from the environment.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>

#include "connector_fixture.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

std::shared_ptr<connector::Connector> make_rest(connector::Registry& reg, const std::string& settings_yaml) {
    auto cfg = config::parse_config("connectors:\n  - name: src\n    type: rest\n    settings:\n" + settings_yaml, "t.yaml");
    connectors::register_all(reg);
    return reg.create(cfg.connectors.at(0));
}

connector::Deadline soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(3); }

connector::Lookup caller() {
    connector::Lookup l;
    l.phone = kCallerPhone;
    return l;
}

}  // namespace

BOOST_AUTO_TEST_CASE(connections_are_kept_alive_and_reused) {
    LoopbackServer srv;
    std::mutex m;
    std::set<int> ports;
    int requests = 0;
    srv.server().Get("/customers", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m);
        ports.insert(req.remote_port);
        ++requests;
        res.set_content(customer_json("C-1", "Petrov"), "application/json");
    });
    connector::Registry reg;
    auto c = make_rest(reg, "      base_url: " + srv.url() +
                                "\n      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
                                "          list: /data\n          fields: {id: /id}\n");
    for (int i = 0; i < 6; ++i) BOOST_TEST(c->fetch(caller(), soon()).customer.has_value());
    BOOST_TEST(requests == 6);
    BOOST_TEST(ports.size() == 1u);  // one TCP connection served all six
}

BOOST_AUTO_TEST_CASE(retryable_failures_are_retried_then_succeed) {
    LoopbackServer srv;
    std::atomic<int> hits{0};
    srv.server().Get("/customers", [&](const httplib::Request&, httplib::Response& res) {
        if (++hits < 3) res.status = 503;
        else res.set_content(customer_json("C-1", "Petrov"), "application/json");
    });
    connector::Registry reg;
    auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      retries: 2\n      retry_backoff_ms: 5\n"
                            "      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
                            "          list: /data\n          fields: {id: /id, last_name: /last}\n");
    auto rec = c->fetch(caller(), soon());
    BOOST_REQUIRE(rec.customer);
    BOOST_TEST(rec.customer->last_name == "Petrov");
    BOOST_TEST(hits == 3);
}

BOOST_AUTO_TEST_CASE(bad_data_is_not_retried) {
    LoopbackServer srv;
    std::atomic<int> hits{0};
    srv.server().Get("/customers", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.set_content("{not json", "application/json");
    });
    connector::Registry reg;
    auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      retries: 3\n"
                            "      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
                            "          fields: {id: /id}\n");
    BOOST_CHECK_THROW(c->fetch(caller(), soon()), connector::ConnectorError);
    BOOST_TEST(hits == 1);
}

BOOST_AUTO_TEST_CASE(the_circuit_breaker_stops_calling_a_failing_backend) {
    LoopbackServer srv;
    std::atomic<int> hits{0};
    srv.server().Get("/customers", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 500;
    });
    connector::Registry reg;
    auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      retries: 0\n      breaker_failures: 2\n"
                            "      breaker_cooldown_ms: 60000\n"
                            "      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
                            "          fields: {id: /id}\n");
    std::string last;
    for (int i = 0; i < 5; ++i) {
        try {
            c->fetch(caller(), soon());
        } catch (const connector::ConnectorError& e) {
            last = e.what();
            BOOST_TEST(connector::to_string(e.failure()) == std::string("down"));
        }
    }
    BOOST_TEST(hits == 2);
    BOOST_TEST(last.find("circuit open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pagination_by_page_offset_and_next_link) {
    LoopbackServer srv;
    auto item = [](int n) { return R"({"id":"T)" + std::to_string(n) + R"(","subject":"s","created":"2026-01-01T00:00:00Z"})"; };
    srv.server().Get("/paged", [&](const httplib::Request& req, httplib::Response& res) {
        const int page = std::stoi(req.get_param_value("page"));
        BOOST_TEST(req.get_param_value("per_page") == "2");
        std::string body = page == 1 ? "[" + item(1) + "," + item(2) + "]" : page == 2 ? "[" + item(3) + "]" : "[]";
        res.set_content(body, "application/json");
    });
    srv.server().Get("/offset", [&](const httplib::Request& req, httplib::Response& res) {
        const int off = std::stoi(req.get_param_value("offset"));
        std::string body = off == 0 ? "[" + item(1) + "," + item(2) + "]" : off == 2 ? "[" + item(3) + "]" : "[]";
        res.set_content(body, "application/json");
    });
    srv.server().Get("/linked", [&](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_param("cursor")) res.set_content(R"({"items":[)" + item(1) + R"(],"links":{"next":")" + srv.url() + R"(/linked?cursor=b"}})", "application/json");
        else res.set_content(R"({"items":[)" + item(2) + "," + item(3) + R"(],"links":{"next":null}})", "application/json");
    });
    const std::map<std::string, std::string> modes = {
        {"/paged", "{mode: page, param: page, size_param: per_page, size: 2}"},
        {"/offset", "{mode: offset, param: offset, size: 2}"},
        {"/linked", "{mode: next_link, next: /links/next}"}};
    for (const auto& [path, pagination] : modes) {
        BOOST_TEST_CONTEXT("pagination " << pagination) {
            connector::Registry reg;
            auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      entities:\n        tickets:\n"
                                    "          endpoint: " + path + "\n          list: " +
                                    (path == "/linked" ? "/items" : "\"\"") + "\n          fields: {id: /id, subject: /subject, created_at: /created}\n"
                                    "          pagination: " + pagination + "\n");
            auto rec = c->fetch(caller(), soon());
            BOOST_REQUIRE(rec.tickets.size() == 3u);
            BOOST_TEST(rec.tickets[2].external_id == "T3");
            BOOST_TEST(rec.tickets[0].created_at == 1767225600);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_next_link_to_another_host_is_not_followed) {
    LoopbackServer srv;
    srv.server().Get("/linked", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"items":[],"next":"http://evil.example/steal"})", "application/json");
    });
    connector::Registry reg;
    auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      entities:\n        tickets:\n"
                            "          endpoint: /linked\n          list: /items\n          fields: {id: /id}\n"
                            "          pagination: {mode: next_link}\n");
    BOOST_CHECK_THROW(c->fetch(caller(), soon()), connector::ConnectorError);
}

BOOST_AUTO_TEST_CASE(auth_secrets_come_from_the_environment) {
    ::setenv("KARTOTEKA_TEST_SECRET", "s3cret", 1);
    LoopbackServer srv;
    srv.server().Get("/customers", [&](const httplib::Request& req, httplib::Response& res) {
        const bool ok = req.get_header_value("Authorization") == "Bearer s3cret" ||
                        req.get_header_value("Authorization") == "Basic YWdlbnQ6czNjcmV0" ||  // agent:s3cret
                        req.get_header_value("X-Api-Key") == "Token token=s3cret";
        if (!ok) res.status = 401;
        else res.set_content(customer_json("C-1", "Petrov"), "application/json");
    });
    const std::string entities = "      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
                                 "          list: /data\n          fields: {id: /id}\n";
    for (const std::string auth : {"auth: bearer", "auth: basic\n      auth_user: agent",
                                   "auth: header\n      auth_header: X-Api-Key\n      auth_prefix: 'Token token='"}) {
        BOOST_TEST_CONTEXT(auth) {
            connector::Registry reg;
            auto c = make_rest(reg, "      base_url: " + srv.url() + "\n      " + auth +
                                    "\n      secret_env: KARTOTEKA_TEST_SECRET\n" + entities);
            BOOST_TEST(c->fetch(caller(), soon()).customer.has_value());
        }
    }
    connector::Registry reg;
    auto none = make_rest(reg, "      base_url: " + srv.url() + "\n" + entities);
    BOOST_CHECK_THROW(none->fetch(caller(), soon()), connector::ConnectorError);
    ::unsetenv("KARTOTEKA_TEST_SECRET");
}
