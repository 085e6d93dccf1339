// The sql connector on a "legacy billing" schema the test creates: in a real SQLite file always, and
// on the CI PostgreSQL server (KARTOTEKA_TEST_PG) in its own schema.
#include <boost/test/unit_test.hpp>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <functional>

#include "connector_fixture.h"
#include "util/time.h"

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

// Issue 14: date/time columns of every type and form read as the right instant.
namespace {

std::string tickets_query(const std::string& sql, const std::string& fields) {
    return "        customer:\n"
           "          sql: SELECT sub_no, surname, msisdn FROM subscribers WHERE msisdn = :phone\n"
           "          fields: {id: sub_no, last_name: surname, phone: msisdn}\n"
           "        tickets:\n"
           "          sql: " + sql + "\n"
           "          fields: {" + fields + "}\n";
}

const model::Ticket* ticket_of(const card::Card& c, const std::string& id) {
    for (const auto& t : c.tickets)
        if (t.source_system == "billing" && t.external_id == id) return &t;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sqlite_datetime_columns_in_every_form_are_the_right_instant) {
    TempDir dir;
    const std::string file = dir.file("billing-times.db");
    soci::session s(*soci::factory_sqlite3(), "db=" + file);
    create_billing(s, "", false);
    // SQLite keeps each value's own type whatever the column declares: ISO text in every form, unix
    // seconds, julian days. Before the fix, the first two came out as midnight with no error.
    s << "CREATE TABLE bills (n INTEGER PRIMARY KEY, sub_no INTEGER, raised DATETIME, paid TIMESTAMP, due DATE)";
    const char* forms[] = {"'2026-11-27T11:00:00Z'", "'2026-11-27T14:00:00+03:00'", "'2026-11-27 11:00:00'",
                           "'2026-11-27T11:00:00.250Z'", "'2026-11-27 14:00:00+0300'", "'2026-11-27T11:00'",
                           "1795777200", "julianday('2026-11-27 11:00:00')", "'soon'"};
    int n = 0;
    for (const char* f : forms)
        s << "INSERT INTO bills VALUES (" + std::to_string(++n) + ", 7001, " + f + ", " + f + ", '2026-11-27')";
    const std::string q = tickets_query("SELECT n, raised, paid, due FROM bills WHERE sub_no = :customer_id",
                                        "id: n, created_at: raised, updated_at: paid, resolved_at: due");
    Scene scene(sql_entry({"sqlite3", "db=" + file, ""}, q));
    auto c = scene.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("ok"));
    BOOST_TEST(tickets_from(*c, "billing") == 8);
    for (int i = 1; i <= 8; ++i) {
        const auto* t = ticket_of(*c, std::to_string(i));
        BOOST_REQUIRE(t);
        BOOST_TEST(util::format_iso(t->created_at) == "2026-11-27T11:00:00Z", forms[i - 1]);
        BOOST_TEST(t->updated_at == t->created_at);
        BOOST_TEST(util::format_iso(t->resolved_at) == "2026-11-27T00:00:00Z");  // a DATE: midnight in UTC
    }
    // The unreadable row costs only itself, and the strip says which field, not what it held.
    BOOST_TEST(source(*c, "billing").detail ==
               "1 ticket skipped: field 'created_at' (column 'raised'): not a time");
    BOOST_TEST(c->customer.last_name == "Иванов");

    // The same database in Moscow: times without a zone (and dates) are Moscow's; the rest do not move.
    std::string moscow = sql_entry({"sqlite3", "db=" + file, ""}, q);
    moscow.insert(moscow.find("      queries:"), "      timezone: Europe/Moscow\n");
    Scene in_moscow(moscow);
    auto m = in_moscow.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(m);
    BOOST_TEST(util::format_iso(ticket_of(*m, "1")->created_at) == "2026-11-27T11:00:00Z");
    BOOST_TEST(util::format_iso(ticket_of(*m, "3")->created_at) == "2026-11-27T08:00:00Z");
    BOOST_TEST(util::format_iso(ticket_of(*m, "6")->created_at) == "2026-11-27T08:00:00Z");
    BOOST_TEST(util::format_iso(ticket_of(*m, "7")->created_at) == "2026-11-27T11:00:00Z");
    BOOST_TEST(util::format_iso(ticket_of(*m, "1")->resolved_at) == "2026-11-26T21:00:00Z");
}

// A timestamptz on a server whose TimeZone is Europe/Moscow used to come out three hours late, marked
// ok: SOCI printed it in the session zone and dropped the offset. The server's zone is set on the
// connection, as a Moscow installation has it, so the test reproduces that.
BOOST_AUTO_TEST_CASE(postgresql_date_time_types_on_a_moscow_server) {
    auto pg = postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: PostgreSQL date/time types skipped");
        return;
    }
    const std::string conn = *pg + " options='-c TimeZone=Europe/Moscow'";
    soci::session s(*soci::factory_postgresql(), conn);
    std::string zone;
    s << "SHOW TimeZone", soci::into(zone);
    BOOST_TEST(zone == "Europe/Moscow");
    s << "DROP SCHEMA IF EXISTS billing_times CASCADE";
    s << "CREATE SCHEMA billing_times";
    create_billing(s, "billing_times.", true);
    s << "CREATE TABLE billing_times.bills (n INTEGER, sub_no INTEGER, raised TIMESTAMPTZ, wall TIMESTAMP, "
         "due DATE, raised_text TEXT)";
    s << "INSERT INTO billing_times.bills VALUES (1, 7001, '2026-11-27 11:00:00+00', '2026-11-27 14:00:00', "
         "'2026-11-27', '2026-11-27T14:00:00.000+0300')";
    s << "INSERT INTO billing_times.bills VALUES (2, 7001, '2026-11-27 11:00:00.123456+00', '2026-11-27 14:00:00.5', "
         "'2026-11-27', 'not yet')";
    const std::string sql = "SELECT n, raised, wall, due, raised_text FROM billing_times.bills WHERE sub_no = :customer_id::int ORDER BY n";
    auto q = tickets_query(sql, "id: n, created_at: raised, updated_at: wall, resolved_at: due, first_response_at: raised_text");
    q.replace(q.find("FROM subscribers"), 16, "FROM billing_times.subscribers");
    std::string entry = sql_entry({"postgresql", conn, "billing_times."}, q);
    {
        Scene utc(entry);  // the default zone, UTC, for the zone-less timestamp and the date
        auto c = utc.service->by_phone(kCallerPhone);
        BOOST_REQUIRE(c);
        BOOST_TEST(card::to_string(source(*c, "billing").status) == std::string("ok"), source(*c, "billing").detail);
        const auto* t = ticket_of(*c, "1");
        BOOST_REQUIRE(t);
        BOOST_TEST(util::format_iso(t->created_at) == "2026-11-27T11:00:00Z");
        BOOST_TEST(util::format_iso(t->updated_at) == "2026-11-27T14:00:00Z");
        BOOST_TEST(util::format_iso(t->resolved_at) == "2026-11-27T00:00:00Z");
        BOOST_TEST(util::format_iso(t->first_response_at) == "2026-11-27T11:00:00Z");
        BOOST_TEST(!ticket_of(*c, "2"));
        BOOST_TEST(source(*c, "billing").detail == "1 ticket skipped: field 'first_response_at' (column 'raised_text'): not a time");
    }
    entry.insert(entry.find("      queries:"), "      timezone: Europe/Moscow\n");
    Scene moscow(entry);
    auto c = moscow.service->by_phone(kCallerPhone);
    BOOST_REQUIRE(c);
    const auto* t = ticket_of(*c, "1");
    BOOST_REQUIRE(t);
    BOOST_TEST(util::format_iso(t->created_at) == "2026-11-27T11:00:00Z");   // timestamptz: its own offset
    BOOST_TEST(util::format_iso(t->updated_at) == "2026-11-27T11:00:00Z");   // timestamp: Moscow wall clock
    BOOST_TEST(util::format_iso(t->resolved_at) == "2026-11-26T21:00:00Z");  // date: Moscow midnight
    s << "DROP SCHEMA billing_times CASCADE";
}
