// The sql connector on a "legacy billing" schema the test creates: in a real SQLite file always, and
// on the CI PostgreSQL server (KARTOTEKA_TEST_PG) in its own schema.
#include <boost/test/unit_test.hpp>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <functional>

#include "connector_fixture.h"

using namespace kartoteka;
using namespace kartoteka::test;

namespace {

struct Billing {
    std::string backend;     ///< sqlite3 / postgresql
    std::string connection;  ///< for the connector
    std::string prefix;      ///< "" or "legacy_billing."
};

void create_billing(soci::session& s, const std::string& p, bool pg) {
    const std::string ts = pg ? "TIMESTAMP" : "TEXT";
    s << "CREATE TABLE " + p + "subscribers (sub_no INTEGER PRIMARY KEY, surname VARCHAR(80), given_name VARCHAR(80), "
         "msisdn VARCHAR(20), mail VARCHAR(120))";
    s << "CREATE TABLE " + p + "disputes (dispute_no INTEGER PRIMARY KEY, sub_no INTEGER, topic VARCHAR(200), "
         "state CHAR(1), raised " + ts + ")";
    s << "CREATE TABLE " + p + "call_log (call_id INTEGER PRIMARY KEY, sub_no INTEGER, started BIGINT, kind VARCHAR(10), note TEXT)";
    s << "CREATE TABLE " + p + "notes (idem VARCHAR(80) PRIMARY KEY, sub_no VARCHAR(20), note TEXT)";
    // The marketing system's consent flags, in each database's own types (BOOLEAN and TIME on PostgreSQL).
    s << "CREATE TABLE " + p + "consent (sub_no INTEGER, channels_ok VARCHAR(80), optout VARCHAR(80), favourite CHAR(8), "
         "dnc " + std::string(pg ? "BOOLEAN" : "INTEGER") + ", written INTEGER, quiet_start " + (pg ? "TIME" : "TEXT") +
         ", quiet_end " + (pg ? "TIME" : "TEXT") + ", tz VARCHAR(40), notes TEXT)";
    s << "INSERT INTO " + p + "subscribers VALUES (7001, 'Ivanov', 'Ivan', '+79161234567', 'IVAN@example.com')";
    s << "INSERT INTO " + p + "subscribers VALUES (7002, 'Petrov', 'Petr', '+79990000000', 'p@example.com')";
    s << "INSERT INTO " + p + "disputes VALUES (1, 7001, 'Double charge in October', 'O', '2026-11-01 10:00:00')";
    s << "INSERT INTO " + p + "disputes VALUES (2, 7001, 'Roaming fee', 'C', '2026-09-15 08:30:00')";
    s << "INSERT INTO " + p + "disputes VALUES (3, 7002, 'Not the caller', 'O', '2026-09-15 08:30:00')";
    s << "INSERT INTO " + p + "call_log VALUES (11, 7001, 1790000000, 'voice', 'Asked about the tariff')";
    s << "INSERT INTO " + p + "call_log VALUES (12, 7001, 1790000500, 'sms', 'Balance reminder')";
    s << "INSERT INTO " + p + "consent VALUES (7001, 'phone,email,sms', 'SMS, post', 'email', " + (pg ? "TRUE" : "1") +
         ", 0, '21:00', '08:30', 'Europe/Moscow', 'Do not call before 10')";
}

std::string billing_queries(const std::string& p) {
    return "        customer:\n"
          "          sql: SELECT sub_no, surname, given_name, msisdn, mail FROM " + p + "subscribers WHERE msisdn = :phone\n"
          "          fields: {id: sub_no, last_name: surname, first_name: given_name, phone: msisdn, email: mail}\n"
          "        tickets:\n"
          "          sql: SELECT dispute_no, topic, state, raised FROM " + p + "disputes WHERE sub_no = :customer_id\n"
          "          fields:\n"
          "            id: dispute_no\n"
          "            subject: topic\n"
          "            created_at: raised\n"
          "            status: {column: state, map: {O: open, C: closed}}\n"
          "        interactions:\n"
          "          sql: SELECT call_id, started, kind, note FROM " + p + "call_log WHERE sub_no = :customer_id ORDER BY started DESC\n"
          "          fields: {id: call_id, at: started, summary: note, channel: {column: kind, map: {voice: phone, sms: sms}}}\n";
}

std::string preferences_query(const std::string& p) {
    return "        preferences:\n"
           "          sql: SELECT channels_ok, optout, favourite, dnc, written, quiet_start, quiet_end, tz, notes FROM " + p +
           "consent WHERE sub_no = :customer_id\n"
           "          fields:\n"
           "            allowed_channels: channels_ok\n"
           "            unsubscribed: {column: optout, map: {SMS: sms, post: letter}}\n"
           "            preferred_channel: favourite\n"
           "            do_not_call: dnc\n"
           "            written_only: written\n"
           "            quiet_from: quiet_start\n"
           "            quiet_to: quiet_end\n"
           "            timezone: tz\n"
           "            irritants: notes\n";
}

std::string sql_entry(const Billing& b, const std::string& queries_override = "") {
    const std::string& p = b.prefix;
    const std::string q = queries_override.empty() ? billing_queries(p) : queries_override;
    return "  - name: billing\n    type: sql\n    priority: 5\n    timeout_ms: 3000\n    settings:\n      backend: " + b.backend +
           "\n      connection: \"" + b.connection + "\"\n      queries:\n" + q +
           "      writeback:\n        complaint: INSERT INTO " + p + "notes(idem, sub_no, note) VALUES(:idempotency_key, :customer_id, :subject)\n";
}

void for_each_billing(const std::function<void(const Billing&, soci::session&)>& body) {
    {
        TempDir dir;
        const std::string file = dir.file("legacy-billing.db");
        soci::session s(*soci::factory_sqlite3(), "db=" + file);
        create_billing(s, "", false);
        BOOST_TEST_CONTEXT("billing on SQLite") { body({"sqlite3", "db=" + file, ""}, s); }
    }
    if (auto pg = postgres_url()) {
        soci::session s(*soci::factory_postgresql(), *pg);
        s << "DROP SCHEMA IF EXISTS legacy_billing CASCADE";
        s << "CREATE SCHEMA legacy_billing";
        create_billing(s, "legacy_billing.", true);
        BOOST_TEST_CONTEXT("billing on PostgreSQL") { body({"postgresql", *pg, "legacy_billing."}, s); }
        s << "DROP SCHEMA legacy_billing CASCADE";
    } else {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: PostgreSQL half of the sql connector tests skipped");
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sql_connector_reads_a_legacy_billing_schema) {
    for_each_billing([](const Billing& b, soci::session&) {
        Scene scene(sql_entry(b));
        auto c = scene.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c);
        BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("ok"));
        BOOST_TEST(source(*c, "billing").detail == "");
        BOOST_TEST(c->customer.last_name == "Иванов");  // local (50) outranks billing (5)
        const bool has_ref = std::find(c->customer.refs.begin(), c->customer.refs.end(),
                                       model::ExternalRef{"billing", "7001"}) != c->customer.refs.end();
        BOOST_TEST(has_ref);
        BOOST_TEST(c->provenance["email"] == "billing");
        BOOST_REQUIRE(tickets_from(*c, "billing") == 2);
        for (const auto& t : c->tickets) {
            if (t.external_id != "1") continue;
            BOOST_TEST(t.subject == "Double charge in October");
            BOOST_TEST(std::string(model::to_string(t.status)) == "open");
            BOOST_TEST(t.created_at == 1793527200);  // 2026-11-01 10:00:00 UTC
        }
        BOOST_TEST(has_interaction(*c, "Balance reminder"));
        BOOST_TEST(has_interaction(*c, "local call"));
        BOOST_TEST(c->interactions.items.front().summary == "Balance reminder");  // newest first across sources
    });
}

BOOST_AUTO_TEST_CASE(sql_writeback_is_idempotent) {
    for_each_billing([](const Billing& b, soci::session& s) {
        Scene scene(sql_entry(b));
        auto billing = scene.registry.create(scene.config.connectors.at(0));
        connector::Delivery d{"complaint", "key-1", R"({"subject":"Charged twice"})", {}};
        d.customer.refs = {{"billing", "7001"}};
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        billing->deliver(d, deadline);
        billing->deliver(d, deadline);  // a retry after a lost acknowledgement
        int n = 0;
        std::string note;
        s << "SELECT COUNT(*) FROM " + b.prefix + "notes WHERE idem = 'key-1'", soci::into(n);
        s << "SELECT note FROM " + b.prefix + "notes WHERE idem = 'key-1'", soci::into(note);
        BOOST_TEST(n == 1);
        BOOST_TEST(note == "Charged twice");
    });
}

BOOST_AUTO_TEST_CASE(sql_faults_mark_the_source_and_keep_the_card) {
    for_each_billing([](const Billing& b, soci::session&) {
        const std::string broken = "        customer:\n          sql: SELECT nope FROM " + b.prefix +
                                   "no_such_table WHERE x = :phone\n          fields: {id: nope}\n";
        Scene scene(sql_entry(b, broken));
        auto c = scene.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c);
        BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("down"));
        BOOST_TEST(has_interaction(*c, "local call"));
        const std::string wrong_column = "        customer:\n          sql: SELECT sub_no FROM " + b.prefix +
                                         "subscribers WHERE msisdn = :phone\n          fields: {id: sub_no, last_name: surname}\n";
        Scene scene2(sql_entry(b, wrong_column));
        auto c2 = scene2.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c2);
        BOOST_TEST(card::to_string(source(*c2, "billing").status) == std::string("bad_data"));
    });
    Scene down(sql_entry({"postgresql", "host=127.0.0.1 port=1 dbname=x connect_timeout=1", ""}));
    auto c = down.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("down"));
}

BOOST_AUTO_TEST_CASE(a_slow_backend_database_is_cancelled_by_its_server_at_the_deadline) {
    auto pg = postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: statement_timeout needs PostgreSQL; skipped");
        return;
    }
    // A billing query that takes 5 s (a lock, a missing index): the server cancels it when the card's
    // time for this source is up, so no thread stays pinned to it and the session is usable again.
    const std::string entry =
        "connectors:\n  - name: billing\n    type: sql\n    settings:\n      backend: postgresql\n      connection: \"" + *pg +
        "\"\n      queries:\n        customer:\n          sql: SELECT 'B-1' AS sub_no, 'Slow' AS surname FROM pg_sleep(5) "
        "WHERE :phone <> ''\n          fields: {id: sub_no, last_name: surname}\n";
    connector::Registry reg;
    connectors::register_all(reg);
    auto sources = reg.create_all(config::parse_config(entry, "t.yaml").connectors);
    BOOST_REQUIRE(sources.size() == 1u);
    connector::Lookup lookup;
    lookup.phone = kCallerPhone;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        sources[0].connector->fetch(lookup, t0 + std::chrono::milliseconds(400));
        BOOST_FAIL("a 5 s query returned within a 400 ms deadline");
    } catch (const connector::ConnectorError& e) {
        BOOST_TEST(std::string(connector::to_string(e.failure())) == "timed_out");
        BOOST_TEST(e.retryable());
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(took < 1500);  // the deadline plus connection set-up, not the query's 5 s
}

BOOST_AUTO_TEST_CASE(sql_preferences_come_back_in_the_card_and_bad_rows_mark_the_source) {
    for_each_billing([](const Billing& b, soci::session& s) {
        Scene scene(sql_entry(b, billing_queries(b.prefix) + preferences_query(b.prefix)));
        const auto caps = scene.registry.create(scene.config.connectors.at(0))->capabilities();
        BOOST_TEST(caps.count(connector::Capability::preferences) == 1u);
        auto c = scene.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c);
        BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("ok"));
        BOOST_TEST(source(*c, "billing").detail == "");
        using model::Channel;
        const auto& p = c->preferences;
        BOOST_TEST((p.allowed_channels == std::set<Channel>{Channel::phone, Channel::email, Channel::sms}));
        BOOST_TEST((p.unsubscribed == std::set<Channel>{Channel::sms, Channel::letter}));
        BOOST_REQUIRE(p.preferred_channel.has_value());  // CHAR(8): padded, trimmed
        BOOST_TEST(std::string(model::to_string(*p.preferred_channel)) == "email");
        BOOST_TEST(p.do_not_call);
        BOOST_TEST(!p.written_only);
        BOOST_TEST(p.quiet_hours.from_minute == 21 * 60);
        BOOST_TEST(p.quiet_hours.to_minute == 8 * 60 + 30);
        BOOST_TEST(p.timezone == "Europe/Moscow");
        BOOST_TEST(p.irritants == "Do not call before 10");
        BOOST_TEST(c->provenance["preferences.do_not_call"] == "billing");
        BOOST_TEST(c->provenance["preferences.unsubscribed.letter"] == "billing");
        BOOST_TEST(tickets_from(*c, "billing") == 2);
        // An opt-out the marketing system spells in a way nobody mapped: the source is bad data, the
        // local part of the card stays.
        s << "UPDATE " + b.prefix + "consent SET optout = 'fax' WHERE sub_no = 7001";
        Scene unknown(sql_entry(b, billing_queries(b.prefix) + preferences_query(b.prefix)));
        auto u = unknown.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(u);
        BOOST_TEST(card::to_string(source(*u, "billing").status) == std::string("bad_data"));
        BOOST_TEST(source(*u, "billing").detail.find("unsubscribed") != std::string::npos, source(*u, "billing").detail);
        BOOST_TEST(has_interaction(*u, "local call"));
        BOOST_TEST(u->customer.last_name == "Иванов");
        s << "UPDATE " + b.prefix + "consent SET optout = 'post' WHERE sub_no = 7001";
        s << "INSERT INTO " + b.prefix + "consent (sub_no, dnc) VALUES (7001, " + (b.backend == "postgresql" ? "FALSE" : "0") + ")";
        Scene twice(sql_entry(b, billing_queries(b.prefix) + preferences_query(b.prefix)));
        auto t = twice.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(t);
        BOOST_TEST(card::to_string(source(*t, "billing").status) == std::string("bad_data"));
        BOOST_TEST(source(*t, "billing").detail.find("one row") != std::string::npos, source(*t, "billing").detail);
        BOOST_TEST(has_interaction(*t, "local call"));
    });
}
