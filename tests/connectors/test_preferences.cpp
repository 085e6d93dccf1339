// Contact preferences from connectors: a consent system's answer over a real loopback server, merged
// with what agents edited locally; a refusal from any source wins and says where it came from.
#include <boost/test/unit_test.hpp>

#include "card/card_json.h"
#include "connector/preferences_merge.h"
#include "connector_fixture.h"
#include "error.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

using model::Channel;

/// A consent system keyed by the caller's phone, with no customer records of its own: only preferences.
std::string consent_entry(const std::string& url, int priority) {
    return "  - name: consent\n    type: rest\n    priority: " + std::to_string(priority) +
           "\n    timeout_ms: 1000\n    settings:\n      base_url: " + url +
           "\n      retries: 0\n      read_timeout_ms: 300\n      connect_timeout_ms: 200\n"
           "      entities:\n"
           "        preferences:\n"
           "          endpoint: /consent?phone={phone}\n"
           "          list: /subject\n"
           "          fields:\n"
           "            allowed_channels: /channels/allowed\n"
           "            unsubscribed: {pointer: /channels/opted_out, map: {voice: phone, text: sms, mail: email, post: letter}}\n"
           "            preferred_channel: /channels/preferred\n"
           "            do_not_call: /dnc\n"
           "            written_only: /written_only\n"
           "            quiet_from: /quiet/from\n"
           "            quiet_to: /quiet/to\n"
           "            timezone: /quiet/zone\n"
           "            irritants: /notes\n";
}

/// Serves `body` at /consent for the caller (an empty subject for anyone else).
void serve_consent(httplib::Server& s, const std::string& body) {
    s.Get("/consent", [body](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.get_param_value("phone") == kCallerPhone ? body : R"({"subject":null})", "application/json");
    });
}

/// The crm entry of the fixture with a preferences endpoint per customer.
std::string crm_with_preferences(const std::string& url, int priority) {
    return rest_entry("crm", url, priority, 1000) +
           "        preferences:\n"
           "          endpoint: /customers/{customer_id}/preferences\n"
           "          fields:\n"
           "            allowed_channels: /allowed\n"
           "            unsubscribed: /unsubscribed\n"
           "            preferred_channel: /preferred\n"
           "            written_only: /written_only\n"
           "            calls_themselves: {pointer: /leave_alone, as: text, map: {J: \"true\", N: \"false\"}}\n"
           "            quiet_from: /quiet_from\n"
           "            quiet_to: /quiet_to\n"
           "            timezone: /tz\n"
           "            irritants: /irritants\n";
}

/// Local preferences as an agent saved them at the desk: phone and email allowed, calls welcome.
void save_local_allowed(storage::Store& store, model::Id customer) {
    model::ContactPreferences p;
    p.customer_id = customer;
    p.allowed_channels = {Channel::phone, Channel::email};
    p.preferred_channel = Channel::phone;
    p.irritants = "local: hates hold music";
    store.save_preferences(p);
}

model::Offer phone_offer(model::Id customer) {
    model::Offer o;
    o.customer_id = customer;
    o.product = "Fibre 500";
    o.priority = 5;
    o.channel = Channel::phone;
    return o;
}

model::ContactPreferences prefs(std::set<Channel> allowed, std::set<Channel> unsubscribed, bool dnc = false) {
    model::ContactPreferences p;
    p.allowed_channels = std::move(allowed);
    p.unsubscribed = std::move(unsubscribed);
    p.do_not_call = dnc;
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(refusals_from_any_source_win_and_name_their_sources) {
    auto local = prefs({Channel::phone, Channel::email, Channel::sms}, {Channel::letter});
    local.preferred_channel = Channel::sms;
    local.irritants = "local note";
    auto consent = prefs({Channel::email, Channel::sms, Channel::chat}, {Channel::sms}, true);
    consent.written_only = true;
    consent.preferred_channel = Channel::email;
    auto crm = prefs({}, {});
    crm.quiet_hours = {22 * 60, 8 * 60};
    crm.timezone = "Europe/Sofia";
    std::map<std::string, std::string> prov;
    const auto p = connector::combine_preferences({{"local", 50, local}, {"consent", 10, consent}, {"crm", 5, crm}}, prov);
    BOOST_TEST(p.do_not_call);
    BOOST_TEST(p.written_only);
    BOOST_TEST(!p.calls_themselves);
    BOOST_TEST((p.unsubscribed == std::set<Channel>{Channel::sms, Channel::letter}));
    BOOST_TEST((p.allowed_channels == std::set<Channel>{Channel::email, Channel::sms}));
    // The local favourite (sms) is unsubscribed at the consent system: the next source's (email) stands.
    BOOST_REQUIRE(p.preferred_channel.has_value());
    BOOST_TEST(std::string(model::to_string(*p.preferred_channel)) == "email");
    // Some quiet hours beat none, with their own zone; irritants by priority.
    BOOST_TEST(p.quiet_hours.from_minute == 22 * 60);
    BOOST_TEST(p.timezone == "Europe/Sofia");
    BOOST_TEST(p.irritants == "local note");
    BOOST_TEST(prov["preferences.do_not_call"] == "consent");
    BOOST_TEST(prov["preferences.written_only"] == "consent");
    BOOST_TEST(prov["preferences.unsubscribed.sms"] == "consent");
    BOOST_TEST(prov["preferences.unsubscribed.letter"] == "local");
    BOOST_TEST(prov["preferences.allowed_channels"] == "local, consent");
    BOOST_TEST(prov["preferences.preferred_channel"] == "consent");
    BOOST_TEST(prov["preferences.quiet_hours"] == "crm");
    BOOST_TEST(prov["preferences.irritants"] == "local");
    BOOST_TEST(prov["preferences"] == "local, consent, crm");
    BOOST_TEST(!prov.count("preferences.calls_themselves"));
}

BOOST_AUTO_TEST_CASE(allowed_lists_that_do_not_overlap_allow_nothing) {
    std::map<std::string, std::string> prov;
    const auto p = connector::combine_preferences(
        {{"local", 50, prefs({Channel::phone}, {})}, {"consent", 10, prefs({Channel::email}, {})}}, prov);
    // An empty allowed list would read as "every channel": each one is refused by name instead.
    for (int i = 0; i <= static_cast<int>(Channel::web); ++i) {
        const auto ch = static_cast<Channel>(i);
        BOOST_TEST_CONTEXT(model::to_string(ch)) {
            BOOST_TEST(!retention::check_preferences(ch, p).eligible);
        }
    }
    BOOST_TEST(prov["preferences.unsubscribed.phone"] == "consent");
    BOOST_TEST(prov["preferences.unsubscribed.email"] == "local");
    BOOST_TEST(prov["preferences.unsubscribed.web"] == "local, consent");
}

BOOST_AUTO_TEST_CASE(rest_preferences_appear_in_the_assembled_card) {
    LoopbackServer crm;
    serve_healthy(crm.server(), "C-1", "Petrov");
    crm.server().Get(R"(/customers/([^/]+)/preferences)", [](const httplib::Request& req, httplib::Response& res) {
        if (req.matches[1] != "C-1") {
            res.status = 404;
            return;
        }
        res.set_content(R"({"allowed":["email","sms"],"unsubscribed":"letter, chat","preferred":"email","written_only":"yes",
                           "leave_alone":"J","quiet_from":"21:30","quiet_to":"08:00","tz":"Asia/Yekaterinburg",
                           "irritants":"Calls during dinner"})",
                        "application/json");
    });
    Scene scene(crm_with_preferences(crm.url(), 20));
    const auto caps = scene.registry.create(scene.config.connectors.at(0))->capabilities();
    BOOST_TEST(caps.count(connector::Capability::preferences) == 1u);
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(card::to_string(source(*c, "crm").status) == std::string("ok"));
    const auto& p = c->preferences;
    BOOST_TEST((p.allowed_channels == std::set<Channel>{Channel::email, Channel::sms}));
    BOOST_TEST((p.unsubscribed == std::set<Channel>{Channel::letter, Channel::chat}));
    BOOST_REQUIRE(p.preferred_channel.has_value());
    BOOST_TEST(std::string(model::to_string(*p.preferred_channel)) == "email");
    BOOST_TEST(p.written_only);
    BOOST_TEST(p.calls_themselves);
    BOOST_TEST(!p.do_not_call);
    BOOST_TEST(p.quiet_hours.from_minute == 21 * 60 + 30);
    BOOST_TEST(p.quiet_hours.to_minute == 8 * 60);
    BOOST_TEST(p.timezone == "Asia/Yekaterinburg");
    BOOST_TEST(p.irritants == "Calls during dinner");
    BOOST_TEST(p.customer_id == scene.customer_id);
    BOOST_TEST(c->provenance["preferences"] == "crm");  // the local store has no preferences row
    BOOST_TEST(c->provenance["preferences.written_only"] == "crm");
    BOOST_TEST(tickets_from(*c, "crm") == 1);
    const auto json = card::to_json(*c);
    BOOST_TEST(json["preferences"]["written_only"] == true);
    BOOST_TEST(json["provenance"]["preferences.quiet_hours"] == "crm");
}

BOOST_AUTO_TEST_CASE(a_consent_refusal_wins_over_a_local_allowed) {
    LoopbackServer consent;
    serve_consent(consent.server(), R"({"subject":{"channels":{"allowed":["phone","email","sms"],"opted_out":["text"],
                                        "preferred":null},"dnc":true,"written_only":false,"quiet":null,"notes":null}})");
    Scene scene(consent_entry(consent.url(), 10));  // below the local store's 50
    save_local_allowed(scene.store(), scene.customer_id);
    auto offer = phone_offer(scene.customer_id);
    scene.store().insert_offer(offer);
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(card::to_string(source(*c, "consent").status) == std::string("ok"));
    const auto& p = c->preferences;
    BOOST_TEST(p.do_not_call);
    BOOST_TEST((p.unsubscribed == std::set<Channel>{Channel::sms}));
    BOOST_TEST((p.allowed_channels == std::set<Channel>{Channel::phone, Channel::email}));
    BOOST_TEST(p.irritants == "local: hates hold music");  // not a refusal: the local store outranks consent
    BOOST_TEST(c->provenance["preferences.do_not_call"] == "consent");
    BOOST_TEST(c->provenance["preferences.unsubscribed.sms"] == "consent");
    BOOST_TEST(c->provenance["preferences.allowed_channels"] == "local, consent");
    BOOST_TEST(c->provenance["preferences"] == "local, consent");
    // The card's own offer by phone, allowed by the local preferences, is refused and says by whom.
    BOOST_REQUIRE(c->offers.size() == 1u);
    BOOST_REQUIRE(c->retention.offers.size() == 1u);
    BOOST_TEST(!c->retention.offers[0].eligible);
    BOOST_TEST(c->retention.offers[0].rule == "do_not_call");
    BOOST_TEST(c->retention.offers[0].reason.find("(consent)") != std::string::npos);
    // The merged preferences keep the local row's version: an agent's save from this card is no conflict.
    BOOST_TEST(p.version == 1);
    auto edited = p;
    BOOST_CHECK_NO_THROW(scene.store().save_preferences(edited));
    BOOST_TEST(scene.store().preferences_for(scene.customer_id).version == 2);
}

BOOST_AUTO_TEST_CASE(a_local_refusal_is_kept_when_the_consent_source_outranks_it) {
    LoopbackServer consent;
    serve_consent(consent.server(), R"({"subject":{"channels":{"allowed":[],"opted_out":[]},"dnc":false}})");
    Scene scene(consent_entry(consent.url(), 90));  // above the local store's 50
    model::ContactPreferences local;
    local.customer_id = scene.customer_id;
    local.do_not_call = true;
    scene.store().save_preferences(local);
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->preferences.do_not_call);
    BOOST_TEST(c->provenance["preferences.do_not_call"] == "local");
}

BOOST_AUTO_TEST_CASE(malformed_preferences_mark_their_source_and_keep_the_rest_of_the_card) {
    struct Bad {
        const char* name;
        std::string body;
        std::string field;  ///< named in the source's detail
    };
    const std::vector<Bad> bad = {
        {"unknown channel", R"({"subject":{"channels":{"allowed":["phone","fax"]}}})", "allowed_channels"},
        {"unknown channel outside the map", R"({"subject":{"channels":{"opted_out":["pigeon"]}}})", "unsubscribed"},
        {"malformed HH:MM", R"({"subject":{"quiet":{"from":"25:00","to":"08:00"}}})", "quiet_from"},
        {"time as a number", R"({"subject":{"quiet":{"from":"21:00","to":800}}})", "quiet_to"},
        {"half the quiet hours", R"({"subject":{"quiet":{"from":"21:00"}}})", "quiet_to"},
        {"not an IANA zone", R"({"subject":{"quiet":{"from":"21:00","to":"08:00","zone":"Mars/Olympus"}}})", "timezone"},
        {"a flag of the wrong type", R"({"subject":{"dnc":{"value":true}}})", "do_not_call"},
        {"a flag that is no yes or no", R"({"subject":{"dnc":"perhaps"}})", "do_not_call"},
        {"a list of objects", R"({"subject":{"channels":{"allowed":[{"name":"phone"}]}}})", "allowed_channels"},
        {"two records for one customer", R"({"subject":[{"dnc":true},{"dnc":false}]})", "one record"},
    };
    for (const auto& b : bad) {
        BOOST_TEST_CONTEXT("payload: " << b.name) {
            LoopbackServer crm, consent;
            serve_healthy(crm.server(), "C-1", "Petrov");
            serve_consent(consent.server(), b.body);
            Scene scene(rest_entry("crm", crm.url(), 20, 1000) + consent_entry(consent.url(), 10));
            save_local_allowed(scene.store(), scene.customer_id);
            auto c = scene.service->by_phone(kCallerPhone);
            BOOST_REQUIRE(c);
            const auto st = source(*c, "consent");
            BOOST_TEST(card::to_string(st.status) == std::string("bad_data"));
            BOOST_TEST(st.detail.find(b.field) != std::string::npos, "detail: " << st.detail);
            // The rest of the card: the local part, crm's answer, the local preferences untouched.
            BOOST_TEST(card::to_string(source(*c, "crm").status) == std::string("ok"));
            BOOST_TEST(tickets_from(*c, "crm") == 1);
            BOOST_TEST(has_interaction(*c, "local call"));
            BOOST_TEST(c->customer.last_name == "Иванов");
            BOOST_TEST((c->preferences.allowed_channels == std::set<Channel>{Channel::phone, Channel::email}));
            BOOST_TEST(c->preferences.irritants == "local: hates hold music");
            BOOST_TEST(!c->provenance.count("preferences.allowed_channels"));
        }
    }
}

BOOST_AUTO_TEST_CASE(preferences_mappings_are_checked_when_configured) {
    auto error = [](const std::string& entry) {
        try {
            connector::Registry reg;
            connectors::register_all(reg);
            reg.create_all(config::parse_config("connectors:\n" + entry, "bad.yaml").connectors);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string head = "  - name: consent\n    type: rest\n    settings:\n      base_url: http://127.0.0.1:1\n"
                             "      entities:\n        preferences:\n          endpoint: /consent?phone={phone}\n";
    BOOST_TEST(error(head + "          fields: {do_not_call: /dnc}\n") == "");  // no 'id': one record per customer
    BOOST_TEST(error(head + "          fields: {opt_in: /x}\n").find("not a field of preferences") != std::string::npos);
    BOOST_TEST(error(head + "          fields: {}\n").find("at least one field") != std::string::npos);
}
