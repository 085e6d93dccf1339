// The product presets against response samples transcribed from the vendors' API documentation
// (samples/README.md), served from a loopback server to the real rest connector.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "connector_fixture.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

std::string sample(const std::string& name) {
    std::ifstream in(source_path("tests/connectors/samples/" + name));
    std::ostringstream s;
    s << in.rdbuf();
    BOOST_REQUIRE(!s.str().empty());
    return s.str();
}

void serve_file(httplib::Server& s, const std::string& path, const std::string& file, const std::string& auth) {
    s.Get(path, [file, auth](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Authorization") != auth) {
            res.status = 401;
            return;
        }
        res.set_content(sample(file), "application/json");
    });
}

card::Card card_with_preset(const std::string& preset, const std::string& url) {
    Scene scene("  - name: " + preset + "\n    type: rest\n    priority: 60\n    settings:\n      preset: " + preset +
                "\n      base_url: " + url + "\n      secret_env: KARTOTEKA_TEST_VENDOR_KEY\n");
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    return *c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(zammad_preset_reads_the_documented_user_and_ticket_shapes) {
    ::setenv("KARTOTEKA_TEST_VENDOR_KEY", "zt0ken", 1);
    LoopbackServer srv;
    serve_file(srv.server(), "/api/v1/users/search", "zammad_users_search.json", "Token token=zt0ken");
    serve_file(srv.server(), "/api/v1/tickets/search", "zammad_tickets.json", "Token token=zt0ken");
    auto c = card_with_preset("zammad", srv.url());
    BOOST_TEST(card::to_string(source(c, "zammad").status) == std::string("ok"));
    BOOST_TEST(c.customer.last_name == "Bell");  // zammad (60) outranks the local store (50)
    BOOST_TEST(c.provenance["last_name"] == "zammad");
    const model::ExternalRef ref{"zammad", "10"};
    BOOST_TEST((std::find(c.customer.refs.begin(), c.customer.refs.end(), ref) != c.customer.refs.end()));
    BOOST_REQUIRE(tickets_from(c, "zammad") == 2);
    const auto& open = c.tickets[0].external_id == "9" ? c.tickets[0] : c.tickets[1];
    const auto& closed = c.tickets[0].external_id == "9" ? c.tickets[1] : c.tickets[0];
    BOOST_TEST(open.subject == "Need more information!");
    BOOST_TEST(std::string(model::to_string(open.status)) == "open");
    BOOST_TEST(open.severity == 4);                 // priority 3 high
    BOOST_TEST(open.created_at == 1635908239);      // 2021-11-03T02:57:19.141Z
    BOOST_TEST(std::string(model::to_string(closed.status)) == "closed");
    BOOST_TEST(closed.resolved_at == 1620147437);   // close_at 2021-05-04T16:57:17.920Z
    ::unsetenv("KARTOTEKA_TEST_VENDOR_KEY");
}

BOOST_AUTO_TEST_CASE(freshdesk_preset_reads_the_documented_contact_and_ticket_shapes) {
    ::setenv("KARTOTEKA_TEST_VENDOR_KEY", "fdkey", 1);
    LoopbackServer srv;
    const std::string basic = "Basic ZmRrZXk6WA==";  // "fdkey:X"
    serve_file(srv.server(), "/api/v2/contacts", "freshdesk_contacts.json", basic);
    srv.server().Get("/api/v2/tickets", [basic](const httplib::Request& req, httplib::Response& res) {
        BOOST_TEST(req.get_param_value("requester_id") == "434");
        const bool first = req.get_param_value("page") == "1" && req.get_param_value("per_page") == "100";
        if (req.get_header_value("Authorization") != basic) res.status = 401;
        else res.set_content(first ? sample("freshdesk_tickets.json") : "[]", "application/json");
    });
    auto c = card_with_preset("freshdesk", srv.url());
    BOOST_TEST(card::to_string(source(c, "freshdesk").status) == std::string("ok"));
    BOOST_TEST(c.customer.first_name == "Clark");
    BOOST_TEST(c.customer.last_name == "Kent");
    BOOST_TEST(c.customer.language == "en");
    BOOST_TEST(c.customer.emails.size() == 2u);  // email and other_emails
    BOOST_REQUIRE(tickets_from(c, "freshdesk") == 2);
    for (const auto& t : c.tickets) {
        if (t.external_id == "20") {
            BOOST_TEST(std::string(model::to_string(t.status)) == "open");
            BOOST_TEST(t.severity == 2);
            BOOST_TEST(t.problem_type == "Refund");
            BOOST_TEST(t.description == "The kettle leaks after a week.");
        } else {
            BOOST_TEST(std::string(model::to_string(t.status)) == "closed");
            BOOST_TEST(t.severity == 5);  // urgent
        }
    }
    ::unsetenv("KARTOTEKA_TEST_VENDOR_KEY");
}
