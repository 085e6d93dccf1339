// Offer scripts from a backend (issue 18: "a short script shown beside an offer"): the `script` field
// of an `offers` mapping, over a rest backend on loopback and an sql one in a real SQLite file, reaches
// the card's offer, the card's JSON, and the line the window shows for the offer that may be made now.
#include <boost/test/unit_test.hpp>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "card/card_json.h"
#include "connector_fixture.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

const char* script_text = "Family SIM: 4 lines for 990/month, first month free; ask about the children's phones";

const model::Offer* offer_named(const card::Card& c, const std::string& product) {
    for (const auto& o : c.offers)
        if (o.product == product) return &o;
    return nullptr;
}

/// The script is on the card's offer and in its JSON, a card number in it masked there.
void check_card(const card::Card& c, const std::string& source_name) {
    BOOST_TEST(card::to_string(source(c, source_name).status) == std::string("ok"), source(c, source_name).detail);
    const auto* family = offer_named(c, "Mobile Family");
    BOOST_REQUIRE(family);
    BOOST_TEST(family->script == script_text);
    BOOST_TEST(family->source_system == source_name);
    const auto* plain = offer_named(c, "Cloud Backup");
    BOOST_REQUIRE(plain);
    BOOST_TEST(plain->script.empty());  // a row without a script has none, not "null"
    const auto j = card::to_json(c);
    bool seen = false;
    for (const auto& o : j["offers"])
        if (o["product"] == "Mobile Family") seen = o["script"] == script_text;
    BOOST_TEST(seen);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(offer_scripts)

BOOST_AUTO_TEST_CASE(a_rest_backends_offer_script_reaches_the_card) {
    LoopbackServer crm;
    serve_healthy(crm.server(), "C-1", "Petrov");
    crm.server().Get(R"(/customers/C-1/offers)", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(R"({"items":[{"id":"O-1","name":"Mobile Family","prio":1,"via":"phone","pitch":")") +
                            script_text + R"("},{"id":"O-2","name":"Cloud Backup","prio":2,"via":"email","pitch":null}]})",
                        "application/json");
    });
    Scene scene(rest_entry("crm", crm.url(), 20, 1000) +
                "        offers:\n"
                "          endpoint: /customers/{customer_id}/offers\n"
                "          list: /items\n"
                "          fields: {id: /id, product: /name, priority: /prio, channel: /via, script: /pitch}\n");
    const auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    check_card(*c, "crm");
}

BOOST_AUTO_TEST_CASE(an_sql_backends_offer_script_reaches_the_card) {
    TempDir dir;
    const std::string file = dir.file("campaigns.db");
    {
        soci::session s(*soci::factory_sqlite3(), "db=" + file);
        s << "CREATE TABLE subs (sub_no INTEGER PRIMARY KEY, surname TEXT, msisdn TEXT)";
        s << "CREATE TABLE campaign_offers (offer_no INTEGER, sub_no INTEGER, title TEXT, rank INTEGER, via TEXT, talk TEXT)";
        s << "INSERT INTO subs VALUES (7001, 'Ivanov', '+79161234567')";
        const std::string script = script_text;  // bound: its apostrophe is text, not SQL
        s << "INSERT INTO campaign_offers VALUES (1, 7001, 'Mobile Family', 1, 'phone', :script)", soci::use(script);
        s << "INSERT INTO campaign_offers VALUES (2, 7001, 'Cloud Backup', 2, 'email', NULL)";
    }
    Scene scene("  - name: campaigns\n    type: sql\n    priority: 5\n    timeout_ms: 3000\n    settings:\n"
                "      backend: sqlite3\n      connection: \"db=" + file + "\"\n      queries:\n"
                "        customer:\n"
                "          sql: SELECT sub_no, surname, msisdn FROM subs WHERE msisdn = :phone\n"
                "          fields: {id: sub_no, last_name: surname, phone: msisdn}\n"
                "        offers:\n"
                "          sql: SELECT offer_no, title, rank, via, talk FROM campaign_offers WHERE sub_no = :customer_id\n"
                "          fields: {id: offer_no, product: title, priority: rank, channel: via, script: talk}\n");
    const auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    check_card(*c, "campaigns");
}

BOOST_AUTO_TEST_SUITE_END()
