// Holdings and feedback from backends (issue 20): a rest backend on loopback and an sql one (a real
// SQLite file, and PostgreSQL when given), numbers masked as they come in, balances exact, the card's
// rules run on what they sent; a backend that goes down leaves its last good balances, marked stale
// with their age, never current.
#include <boost/test/unit_test.hpp>

#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <cmath>

#include "card/card_json.h"
#include "card/card_review.h"
#include "connector_fixture.h"
#include "loopback_server.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

std::string holdings_rest(const std::string& url, int timeout_ms = 1000) {
    return rest_entry("bank", url, 20, timeout_ms) +
           "        holdings:\n"
           "          endpoint: /customers/{customer_id}/products\n"
           "          list: /items\n"
           "          fields:\n"
           "            id: /id\n"
           "            kind: {pointer: /type, map: {CARD: card, ACC: account, PLAN: tariff}}\n"
           "            product: /name\n"
           "            number: /pan\n"
           "            balance: /balance/amount\n"
           "            currency: /balance/ccy\n"
           "            status: {pointer: /state, map: {open: active, frozen: blocked, closed: closed}}\n"
           "            opened: /opened\n"
           "            as_of: /balance/at\n"
           "        feedback:\n"
           "          endpoint: /customers/{customer_id}/ratings\n"
           "          fields: {id: /id, channel: /where, score: /stars, text: /comment, at: /when}\n";
}

const char* products_json = R"({"items":[
  {"id":"P1","type":"CARD","name":"Gold card","pan":"4111 1111 1111 1111","balance":{"amount":"12345.67","ccy":"rub","at":"2026-11-30T09:00:00Z"},"state":"open","opened":"2024-03-01"},
  {"id":"P2","type":"ACC","name":"Current account","pan":"40817810099910004312","balance":{"amount":-50.5,"ccy":"RUB","at":"2026-11-30T09:00:00Z"},"state":"frozen","opened":"2020-01-15"},
  {"id":"P3","type":"PLAN","name":"Tariff M","pan":null,"balance":null,"state":"open","opened":"2025-06-01"},
  {"id":"P4","type":"CARD","name":"Broken","pan":"1","balance":{"amount":"1.234","ccy":"RUB"},"state":"open"}]})";

const char* ratings_json = R"([{"id":"R1","where":"review","stars":3,"comment":"Slow delivery","when":"2026-11-20T10:00:00Z"},
  {"id":"R2","where":"survey","stars":4,"comment":"","when":"2026-11-25T10:00:00Z"}])";

void serve_bank(httplib::Server& s) {
    serve_healthy(s, "C-1", "Petrov");
    s.Get(R"(/customers/C-1/products)", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(products_json, "application/json");
    });
    s.Get(R"(/customers/C-1/ratings)", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(ratings_json, "application/json");
    });
}

const model::Holding* find(const card::Card& c, const std::string& product) {
    for (const auto& h : c.holdings)
        if (h.product == product) return &h;
    return nullptr;
}

/// Two how-are-you contacts rated 5 and 4 in the local store (the seeds' contact ratings).
void rate_locally(storage::Store& store, model::Id customer) {
    for (int score : {5, 4}) {
        model::ServiceContact c;
        c.customer_id = customer;
        c.status = model::ContactStatus::done;
        c.done_at = 1790000000 + score;
        c.answers.satisfaction = score;
        store.insert_contact(c);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(holdings)

BOOST_AUTO_TEST_CASE(rest_holdings_and_feedback_reach_the_card_masked_and_exact) {
    LoopbackServer bank;
    serve_bank(bank.server());
    Scene scene(holdings_rest(bank.url()));
    const auto caps = scene.registry.create(scene.config.connectors.at(0))->capabilities();
    BOOST_TEST(caps.count(connector::Capability::holdings) == 1u);
    BOOST_TEST(caps.count(connector::Capability::feedback) == 1u);
    rate_locally(scene.store(), scene.customer_id);
    model::Offer gold;
    gold.customer_id = scene.customer_id;
    gold.product = "Gold Card";
    gold.channel = model::Channel::email;
    scene.store().insert_offer(gold);

    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(card::to_string(source(*c, "bank").status) == std::string("ok"));
    // The unreadable record (three decimals) costs only itself and is named in the source strip.
    BOOST_TEST(source(*c, "bank").detail.find("1 holding skipped: field 'balance'") != std::string::npos,
               source(*c, "bank").detail);
    BOOST_REQUIRE(c->holdings.size() == 3u);
    const auto* card_h = find(*c, "Gold card");
    BOOST_REQUIRE(card_h);
    BOOST_TEST(card_h->number == "**** **** **** 1111");
    BOOST_REQUIRE(card_h->balance.has_value());
    BOOST_TEST(card_h->balance->minor == 1234567);
    BOOST_TEST(card_h->balance->currency == "RUB");
    BOOST_TEST(card_h->as_of == *util::parse_iso("2026-11-30T09:00:00Z"));
    BOOST_TEST(util::format_date(card_h->opened) == "2024-03-01");
    BOOST_TEST(!card_h->stale);
    const auto* account = find(*c, "Current account");
    BOOST_REQUIRE(account);
    BOOST_TEST(account->number == "****************4312");
    BOOST_TEST(account->balance->minor == -5050);  // a JSON number, read as decimal text
    BOOST_TEST(model::to_string(account->status) == std::string("blocked"));
    const auto* tariff = find(*c, "Tariff M");
    BOOST_REQUIRE(tariff);
    BOOST_TEST(!tariff->balance.has_value());
    BOOST_TEST(tariff->as_of == 1800000000);  // no time from the backend: when it was fetched

    // The local offer for the card the bank says they hold is suppressed, saying why.
    BOOST_REQUIRE(c->offers.size() == 1u);
    BOOST_TEST(model::to_string(c->offers[0].status) == std::string("suppressed"));
    BOOST_TEST(c->retention.offers.at(0).rule == "already_has_product");
    BOOST_TEST(c->retention.offers.at(0).reason.find("**** **** **** 1111") != std::string::npos);

    // Local contacts 5 and 4, the bank's review 3 and survey 4: (4.5 + 3 + 4) / 3 under the 4.5 warning.
    BOOST_TEST(c->feedback.size() == 2u);
    const auto& s = c->retention.satisfaction;
    BOOST_TEST(std::abs(s.index - 11.5 / 3) < 1e-9);
    BOOST_TEST(s.warning);
    BOOST_TEST(s.inputs.size() == 4u);
    const auto j = card::to_json(*c);
    BOOST_TEST(j.dump().find("4111 1111 1111 1111") == std::string::npos);
    BOOST_TEST(j["value"]["satisfaction"]["why"].size() == 7u);
}

BOOST_AUTO_TEST_CASE(a_backend_that_goes_down_leaves_stale_balances_with_their_age) {
    LoopbackServer bank;
    serve_bank(bank.server());
    const auto yaml = holdings_rest(bank.url(), 600);
    TempDir dir;
    storage::Database db(storage::StoreLocation::parse(dir.file("stale.db")));
    storage::Store store(db);
    model::Customer me;
    me.first_name = "Ivan";
    me.phones = {kCallerPhone};
    store.insert_customer(me, 1700000000);
    phone::PhoneNormalizer phones("RU");
    connector::Registry registry;
    connectors::register_all(registry);
    const auto cfg = config::parse_config("connectors:\n" + yaml, "test.yaml");
    std::atomic<model::Timestamp> now{*util::parse_iso("2026-11-30T10:00:00Z")};
    connector::CardAssembler assembler(registry.create_all(cfg.connectors), 50, phones, [&now] { return now.load(); });
    desk::CardService service(store, assembler, phones, 50, [&now] { return now.load(); });

    auto fresh = service.by_phone(kCallerPhone);
    BOOST_REQUIRE(fresh);
    BOOST_REQUIRE(find(*fresh, "Tariff M"));
    BOOST_TEST(!find(*fresh, "Tariff M")->stale);

    bank.stop();                 // the bank goes down ...
    now = now.load() + 2 * 3600;  // ... and two hours later the customer calls again
    auto later = service.by_phone(kCallerPhone);
    BOOST_REQUIRE(later);
    BOOST_TEST(card::to_string(source(*later, "bank").status) == std::string("stale"));
    BOOST_REQUIRE(later->holdings.size() == 3u);
    for (const auto& h : later->holdings) BOOST_TEST(h.stale, h.product);
    const auto* tariff = find(*later, "Tariff M");
    BOOST_TEST(tariff->as_of == *util::parse_iso("2026-11-30T10:00:00Z"));  // the last good read
    BOOST_TEST(card::holding_age(*later, *tariff) == 2 * 3600);
    const auto* gold = find(*later, "Gold card");  // the backend's own time, an hour before that read
    BOOST_TEST(card::holding_age(*later, *gold) == 3 * 3600);
    const auto j = card::to_json(*later)["holdings"];
    for (const auto& h : j) BOOST_TEST(h["stale"] == true);
}

BOOST_AUTO_TEST_CASE(sql_holdings_and_feedback_from_a_billing_database) {
    auto run = [](const std::string& backend, const std::string& connection, soci::session& s, const std::string& p) {
        s << "CREATE TABLE " + p + "subs (sub_no INTEGER PRIMARY KEY, surname VARCHAR(80), msisdn VARCHAR(20))";
        s << "CREATE TABLE " + p + "contracts (contract_no VARCHAR(40), sub_no INTEGER, plan VARCHAR(80), kind VARCHAR(10), "
             "balance NUMERIC(18,4), ccy CHAR(3), closed_on DATE)";
        s << "CREATE TABLE " + p + "csat (n INTEGER, sub_no INTEGER, src VARCHAR(10), mark INTEGER, said TEXT)";
        s << "INSERT INTO " + p + "subs VALUES (7001, 'Ivanov', '+79161234567')";
        s << "INSERT INTO " + p + "contracts VALUES ('Д-2024/000117', 7001, 'Unlimited 5G', 'tariff', 1500.5, 'BGN', NULL)";
        s << "INSERT INTO " + p + "contracts VALUES ('Д-2019/000001', 7001, 'Old plan', 'tariff', 0, 'BGN', '2024-01-31')";
        s << "INSERT INTO " + p + "csat VALUES (1, 7001, 'survey', 2, 'Coverage at home')";
        const std::string q =
            "        customer:\n"
            "          sql: SELECT sub_no, surname, msisdn FROM " + p + "subs WHERE msisdn = :phone\n"
            "          fields: {id: sub_no, last_name: surname, phone: msisdn}\n"
            "        holdings:\n"
            "          sql: SELECT contract_no, plan, kind, balance, ccy, closed_on FROM " + p + "contracts WHERE sub_no = :customer_id\n"
            "          fields: {id: contract_no, number: contract_no, product: plan, kind: kind, balance: balance, currency: ccy,\n"
            "                   closed: closed_on, status: {column: closed_on, map: {\"*\": closed}, default: active}}\n"
            "        feedback:\n"
            "          sql: SELECT n, src, mark, said FROM " + p + "csat WHERE sub_no = :customer_id\n"
            "          fields: {id: n, channel: src, score: mark, text: said}\n";
        Scene scene("  - name: billing\n    type: sql\n    priority: 5\n    timeout_ms: 3000\n    settings:\n      backend: " +
                    backend + "\n      connection: \"" + connection + "\"\n      queries:\n" + q);
        auto c = scene.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c);
        BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("ok"), source(*c, "billing").detail);
        BOOST_REQUIRE(c->holdings.size() == 2u);
        const auto* plan = find(*c, "Unlimited 5G");
        BOOST_REQUIRE(plan);
        BOOST_TEST(plan->number == "*-****/**0117");
        BOOST_TEST(plan->balance->minor == 150050);
        BOOST_TEST(plan->balance->currency == "BGN");
        BOOST_TEST(model::to_string(plan->status) == std::string("active"));
        const auto* old = find(*c, "Old plan");
        BOOST_REQUIRE(old);
        BOOST_TEST(model::to_string(old->status) == std::string("closed"));
        BOOST_TEST(util::format_date(old->closed) == "2024-01-31");
        BOOST_REQUIRE(c->feedback.size() == 1u);
        BOOST_TEST(c->feedback[0].score == 2);
        BOOST_TEST(c->retention.satisfaction.index == 2.0);
        BOOST_TEST(c->retention.satisfaction.warning);
    };
    {
        TempDir dir;
        const std::string file = dir.file("billing.db");
        soci::session s(*soci::factory_sqlite3(), "db=" + file);
        BOOST_TEST_CONTEXT("SQLite") { run("sqlite3", "db=" + file, s, ""); }
    }
    if (auto pg = postgres_url()) {
        soci::session s(*soci::factory_postgresql(), *pg);
        s << "DROP SCHEMA IF EXISTS hold_billing CASCADE";
        s << "CREATE SCHEMA hold_billing";
        BOOST_TEST_CONTEXT("PostgreSQL") { run("postgresql", *pg, s, "hold_billing."); }
        s << "DROP SCHEMA hold_billing CASCADE";
    }
}

BOOST_AUTO_TEST_SUITE_END()
