// The rest connector over HTTPS against a real TLS server on loopback (httplib::SSLServer) with a
// certificate authority made at test time: a server the system does not trust is refused with a clear
// TLS error and the card marks that source down; trusting its CA with ca_file lets it in; the host name
// is checked too.
#include <boost/test/unit_test.hpp>

#include <atomic>

#include "connector_fixture.h"
#include "error.h"
#include "loopback_server.h"
#include "test_pki.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

/// A healthy helpdesk behind TLS that counts the requests reaching its handlers.
struct TlsBackend {
    TempDir dir;
    PkiFiles pki;
    std::unique_ptr<LoopbackServer> https;
    std::atomic<int> handled{0};

    explicit TlsBackend(const std::string& san = "IP:127.0.0.1,DNS:localhost") : pki(make_test_pki(dir, san)) {
        https = std::make_unique<LoopbackServer>(pki.server_cert, pki.server_key);
        https->server().set_pre_routing_handler([this](const httplib::Request&, httplib::Response&) {
            ++handled;
            return httplib::Server::HandlerResponse::Unhandled;
        });
        serve_healthy(https->server(), "H-1", "Helpdesk");
    }
    std::string entry(const std::string& extra = "") const { return rest_entry("helpdesk", https->url(), 10, 1500, extra); }
};

card::Card card_of(Scene& scene) {
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    return *c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_server_signed_by_an_unknown_ca_is_refused_with_a_clear_tls_error) {
    TlsBackend backend;
    BOOST_TEST(backend.https->url().rfind("https://127.0.0.1:", 0) == 0u);
    Scene scene(backend.entry());
    const card::Card c = card_of(scene);
    const auto st = source(c, "helpdesk");
    BOOST_TEST_MESSAGE("refused as: " << st.detail);
    BOOST_TEST(card::to_string(st.status) == std::string("down"));
    BOOST_TEST(st.detail.find("TLS") != std::string::npos, st.detail);
    BOOST_TEST(st.detail.find("certificate is not trusted") != std::string::npos, st.detail);
    BOOST_TEST(st.detail.find("ca_file") != std::string::npos, st.detail);
    BOOST_TEST(tickets_from(c, "helpdesk") == 0);
    BOOST_TEST(has_interaction(c, "local call"));  // the rest of the card is there
    BOOST_TEST(c.customer.last_name == "Иванов");
    BOOST_TEST(backend.handled == 0);  // not one request (nor the phone number in it) reached that server
}

BOOST_AUTO_TEST_CASE(the_same_server_is_accepted_once_ca_file_names_its_ca) {
    TlsBackend backend;
    Scene scene(backend.entry("      ca_file: " + backend.pki.ca_cert + "\n"));
    const card::Card c = card_of(scene);
    const auto st = source(c, "helpdesk");
    BOOST_TEST(card::to_string(st.status) == std::string("ok"), st.detail);
    BOOST_TEST(tickets_from(c, "helpdesk") == 1);
    const bool has_email = std::find(c.customer.emails.begin(), c.customer.emails.end(), "ivan@example.com") != c.customer.emails.end();
    BOOST_TEST(has_email);  // the backend's record, read over TLS
    BOOST_TEST(backend.handled >= 2);
}

BOOST_AUTO_TEST_CASE(a_trusted_ca_does_not_vouch_for_a_certificate_naming_another_host) {
    TlsBackend backend("DNS:helpdesk.example.com");
    Scene scene(backend.entry("      ca_file: " + backend.pki.ca_cert + "\n"));
    const auto st = source(card_of(scene), "helpdesk");
    BOOST_TEST_MESSAGE("refused as: " << st.detail);
    BOOST_TEST(card::to_string(st.status) == std::string("down"));
    BOOST_TEST(st.detail.find("does not name this host") != std::string::npos, st.detail);
    BOOST_TEST(backend.handled == 0);
}

BOOST_AUTO_TEST_CASE(verify_tls_false_connects_but_is_reported_as_a_warning) {
    TlsBackend backend;
    Scene scene(backend.entry("      verify_tls: no\n"));
    BOOST_TEST(card::to_string(source(card_of(scene), "helpdesk").status) == std::string("ok"));
    const auto warnings = scene.registry.warnings(scene.config.connectors.at(0));
    BOOST_REQUIRE(warnings.size() == 1u);
    BOOST_TEST(warnings[0].key == "connectors[0].settings.verify_tls");
    BOOST_TEST(warnings[0].line == 11);  // the line of `verify_tls: no` in the generated entry
    BOOST_TEST(warnings[0].message.find("ca_file") != std::string::npos, warnings[0].message);
}

BOOST_AUTO_TEST_CASE(a_missing_ca_file_is_a_configuration_error_not_a_down_source) {
    TlsBackend backend;
    BOOST_CHECK_EXCEPTION(Scene(backend.entry("      ca_file: /nonexistent/ca.pem\n")), Error, [](const Error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("settings.ca_file") != std::string::npos, what);
        BOOST_TEST(what.find("/nonexistent/ca.pem") != std::string::npos, what);
        return e.kind() == ErrorKind::config;
    });
}
