// Identity merge across sources and the strict connectors configuration.
#include <boost/test/unit_test.hpp>

#include "connector/identity_merge.h"
#include "connector_fixture.h"
#include "error.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

connector::Contribution part(const std::string& name, int priority, model::Customer c) {
    connector::Contribution p;
    p.source = name;
    p.priority = priority;
    p.record.customer = std::move(c);
    return p;
}

model::Customer person(std::string first, std::string last, std::vector<std::string> phones,
                       std::vector<std::string> emails, std::vector<model::ExternalRef> refs = {}) {
    model::Customer c;
    c.first_name = std::move(first);
    c.last_name = std::move(last);
    c.phones = std::move(phones);
    c.emails = std::move(emails);
    c.refs = std::move(refs);
    return c;
}

connector::Lookup by_phone() {
    connector::Lookup l;
    l.phone = "+79161234567";
    return l;
}

std::string config_error(const std::string& yaml) {
    try {
        auto cfg = config::parse_config(yaml, "bad.yaml");
        connector::Registry reg;
        connectors::register_all(reg);
        reg.set_preset_dirs({source_path("config/presets")});
        reg.create_all(cfg.connectors);
    } catch (const Error& e) {
        BOOST_TEST(std::string(to_string(e.kind())) == "config");
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(records_merge_by_phone_email_and_reference_with_priority) {
    phone::PhoneNormalizer phones("RU");
    std::vector<connector::Contribution> parts;
    // crm knows the phone (in local notation) and an email; billing is linked to crm only by crm's id.
    parts.push_back(part("crm", 30, person("Ivan", "Ivanov", {"8 916 123-45-67"}, {"Ivan@Example.COM"}, {{"crm", "C-1"}})));
    parts.push_back(part("billing", 10, person("I.", "Ivanov-Billing", {}, {}, {{"crm", "C-1"}, {"billing", "B-9"}})));
    parts.push_back(part("helpdesk", 20, person("", "", {}, {"ivan@example.com"}, {{"helpdesk", "H-3"}})));
    parts.push_back(part("stranger", 99, person("Petr", "Petrov", {"+79990000000"}, {"p@x.org"})));
    std::vector<std::string> rejected;
    auto c = connector::merge_card(std::nullopt, 50, parts, by_phone(), phones, &rejected);
    BOOST_TEST(c.customer.first_name == "Ivan");  // crm (30) outranks billing (10)
    BOOST_TEST(c.customer.last_name == "Ivanov");
    BOOST_TEST(c.provenance["last_name"] == "crm");
    BOOST_TEST(c.customer.phones == std::vector<std::string>{"+79161234567"});
    BOOST_TEST(c.customer.emails == std::vector<std::string>{"ivan@example.com"});
    BOOST_TEST(c.customer.refs.size() == 3u);  // crm, billing, helpdesk: one identity
    BOOST_TEST(rejected == std::vector<std::string>{"stranger"});
}

BOOST_AUTO_TEST_CASE(the_local_store_wins_or_loses_by_its_configured_priority) {
    phone::PhoneNormalizer phones("RU");
    card::Card local;
    local.customer = person("Иван", "Иванов", {"+79161234567"}, {});
    local.customer.id = 7;
    std::vector<connector::Contribution> parts{part("crm", 60, person("Ivan", "Ivanov", {"+79161234567"}, {"i@x.ru"}))};
    auto low = connector::merge_card(local, 50, parts, by_phone(), phones);
    BOOST_TEST(low.customer.last_name == "Ivanov");
    BOOST_TEST(low.provenance["last_name"] == "crm");
    BOOST_TEST(low.customer.id == 7);
    auto high = connector::merge_card(local, 70, parts, by_phone(), phones);
    BOOST_TEST(high.customer.last_name == "Иванов");
    BOOST_TEST(high.provenance["last_name"] == "local");
    BOOST_TEST(high.provenance["email"] == "crm");  // a gap the local store had is filled, and says so
}

BOOST_AUTO_TEST_CASE(activity_from_sources_is_merged_without_duplicates) {
    phone::PhoneNormalizer phones("RU");
    card::Card local;
    local.customer = person("Иван", "Иванов", {"+79161234567"}, {});
    auto p = part("crm", 10, person("", "", {"+79161234567"}, {}));
    model::Interaction a;
    a.external_id = "I-1";
    a.occurred_at = 200;
    p.record.interactions = {a, a};
    auto c = connector::merge_card(local, 50, {p}, by_phone(), phones);
    BOOST_TEST(c.interactions.items.size() == 1u);
    BOOST_TEST(c.interactions.items[0].source_system == "crm");
    BOOST_TEST(c.interactions.total == 1);
}

BOOST_AUTO_TEST_CASE(connector_settings_are_validated_against_the_declaration) {
    const std::string head = "connectors:\n  - name: crm\n    type: rest\n    settings:\n      base_url: http://127.0.0.1:1\n";
    const std::string entities = "      entities:\n        customer: {endpoint: '/c?p={phone}', fields: {id: /id}}\n";
    BOOST_TEST(config_error(head + entities).empty());
    auto e = config_error(head + "      base_ulr: x\n" + entities);
    BOOST_TEST(e.find("bad.yaml:6") != std::string::npos);
    BOOST_TEST(e.find("base_ulr") != std::string::npos);
    e = config_error(head + "      retries: lots\n" + entities);
    BOOST_TEST(e.find("connectors[0].settings.retries") != std::string::npos);
    e = config_error(head + "      entities:\n        customer: {endpoint: '/c?p={fone}', fields: {id: /id}}\n");
    BOOST_TEST(e.find("{fone}") != std::string::npos);
    e = config_error(head + "      entities:\n        customer: {endpoint: /c, fields: {id: /id, shoe_size: /s}}\n");
    BOOST_TEST(e.find("shoe_size") != std::string::npos);
    e = config_error(head + "      auth: bearer\n" + entities);
    BOOST_TEST(e.find("secret_env") != std::string::npos);
    e = config_error("connectors:\n  - name: crm\n    type: soap\n");
    BOOST_TEST(e.find("unknown type 'soap'") != std::string::npos);
    e = config_error("connectors:\n  - {name: a, type: rest}\n  - {name: a, type: rest}\n");
    BOOST_TEST(e.find("used by two connectors") != std::string::npos);
    e = config_error(head + "      preset: nosuch\n" + entities);
    BOOST_TEST(e.find("no preset 'nosuch'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(shipped_configurations_and_presets_are_valid) {
    ::setenv("FRESHDESK_API_KEY", "k", 1);
    ::setenv("ZAMMAD_TOKEN", "t", 1);
    for (const char* f : {"config/kartoteka.yaml", "config/examples/demo-rest.yaml", "config/examples/legacy-billing-sql.yaml",
                          "config/examples/zammad-and-freshdesk.yaml"}) {
        BOOST_TEST_CONTEXT(f) {
            auto cfg = config::load_config(source_path(f));
            connector::Registry reg;
            connectors::register_all(reg);
            reg.set_preset_dirs(connector::default_preset_dirs(cfg.source_file));
            BOOST_CHECK_NO_THROW(reg.create_all(cfg.connectors));
        }
    }
    ::unsetenv("FRESHDESK_API_KEY");
    ::unsetenv("ZAMMAD_TOKEN");
}
