// Migrations 15, 17 and 18 (issue 19) on a store that already has losses, returns and complaints: every
// loss gets its figures as the triggers would have kept them, every customer's order facts their creation
// and whether they are gone, every customer without orders their country's currency, and the triggers go
// on from there.
#include <boost/test/unit_test.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <map>

#include "card/card.h"
#include "phone/phone_normalizer.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/search_keys.h"
#include "storage/store.h"
#include "test_support.h"
#include "util/time.h"

using namespace kartoteka;

namespace {

long long t(const char* iso) { return *util::parse_iso(iso); }

/// A store at schema version 14: customer 7 with orders, lost, won back by an order, then a complaint;
/// customer 8 lost with no order since; customer 9 with no orders at all and a Bulgarian phone; customer
/// 10 with no orders and a Russian one.
void make_version_14(soci::session& s, storage::Dialect dialect) {
    const auto& list = dialect == storage::Dialect::sqlite ? storage::sqlite_migrations() : storage::postgresql_migrations();
    s << "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for (const auto& m : list) {
        if (m.version > 14) continue;
        for (const auto& stmt : storage::split_statements(m.sql)) s << stmt;
        const std::string name = m.name;  // SOCI binds by reference: a named value, not a temporary
        s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(:v, :n, 0)", soci::use(m.version),
            soci::use(name);
    }
    const long long created = t("2025-01-01T00:00:00Z");
    for (int id : {7, 8, 9, 10})
        s << "INSERT INTO customers(id, first_name, created_at, updated_at) VALUES(:i, 'Old', :c, :u)", soci::use(id),
            soci::use(created), soci::use(created);
    s << "INSERT INTO customer_phones(customer_id, e164, position, digits_rev) VALUES(9, '+359888123456', 0, '654321888953')";
    s << "INSERT INTO customer_phones(customer_id, e164, position, digits_rev) VALUES(10, '+79161234567', 0, '76543216197')";
    const struct {
        int customer;
        const char* at;
        long long amount;
    } orders[] = {{7, "2026-01-10T10:00:00Z", 100000}, {7, "2026-02-10T10:00:00Z", 200000},
                  {7, "2026-04-05T10:00:00Z", 50000}, {8, "2025-12-01T10:00:00Z", 30000}};
    for (const auto& o : orders) {
        const long long when = t(o.at);
        s << "INSERT INTO orders(customer_id, placed_at, amount, currency) VALUES(:c, :t, :a, 'RUB')", soci::use(o.customer),
            soci::use(when), soci::use(o.amount);
    }
    const long long lost7 = t("2026-03-01T10:00:00Z"), lost8 = t("2026-01-15T10:00:00Z"), complaint = t("2026-06-01T10:00:00Z");
    s << "INSERT INTO lifecycle_events(customer_id, kind, at, reason) VALUES(7, 'lost', :t, 'competitor')", soci::use(lost7);
    s << "INSERT INTO lifecycle_events(customer_id, kind, at, reason) VALUES(8, 'lost', :t, 'service')", soci::use(lost8);
    s << "INSERT INTO tickets(customer_id, problem_type, severity, status, created_at, updated_at) "
         "VALUES(7, 'billing', 3, 'open', :t, :u)",
        soci::use(complaint), soci::use(complaint);
}

struct Row {
    long long back = 0, orders_before = 0, amount_before = 0, first_amount = 0, year_before = 0, year_after = 0,
              complaints = 0;
    std::string reason;
};

Row row_of(storage::Store& s, int customer) {
    Row r;
    s.session() << "SELECT back, orders_before, amount_before, first_amount, year_before, year_after, complaints, reason "
                   "FROM loss_facts WHERE customer_id = :c",
        soci::use(customer), soci::into(r.back), soci::into(r.orders_before), soci::into(r.amount_before),
        soci::into(r.first_amount), soci::into(r.year_before), soci::into(r.year_after), soci::into(r.complaints),
        soci::into(r.reason);
    return r;
}

void check_migrated(const std::string& url) {
    storage::Database db(storage::StoreLocation::parse(url));  // applies 15
    BOOST_TEST(db.schema_version() >= 15);
    storage::Store store(db);
    long long rows = 0, created = 0;
    store.session() << "SELECT COUNT(*) FROM loss_facts", soci::into(rows);
    BOOST_TEST(rows == 2);
    const auto won = row_of(store, 7);
    BOOST_TEST(won.back == t("2026-04-05T10:00:00Z"));
    BOOST_TEST(won.orders_before == 2);
    BOOST_TEST(won.amount_before == 300000);
    BOOST_TEST(won.first_amount == 50000);
    BOOST_TEST(won.year_before == 300000);
    BOOST_TEST(won.year_after == 50000);
    BOOST_TEST(won.complaints == 1);
    BOOST_TEST(won.reason == "competitor");
    const auto gone = row_of(store, 8);
    BOOST_TEST(gone.back == 0);
    BOOST_TEST(gone.orders_before == 1);
    store.session() << "SELECT MIN(created_at) FROM customer_order_facts", soci::into(created);
    BOOST_TEST(created == t("2025-01-01T00:00:00Z"));  // every customer with orders, not just the new ones
    // 17: the lost without an order since are gone. 18: the customers without orders, and their country.
    long long gone7 = -1, gone8 = -1, none9 = -1, none7 = -1;
    std::string country9, country10;
    store.session() << "SELECT gone FROM customer_order_facts WHERE customer_id = 7", soci::into(gone7);
    store.session() << "SELECT gone FROM customer_order_facts WHERE customer_id = 8", soci::into(gone8);
    store.session() << "SELECT no_orders, country_currency FROM customers WHERE id = 9", soci::into(none9), soci::into(country9);
    store.session() << "SELECT no_orders FROM customers WHERE id = 7", soci::into(none7);
    store.session() << "SELECT country_currency FROM customers WHERE id = 10", soci::into(country10);
    BOOST_TEST(gone7 == 0);
    BOOST_TEST(gone8 == 1);
    BOOST_TEST(none9 == 1);
    BOOST_TEST(none7 == 0);
    BOOST_TEST(country9 == "EUR");  // +359: Bulgaria, in the euro since 2026
    BOOST_TEST(country10 == "RUB");
    // The triggers go on from the backfilled rows: customer 8 comes back.
    model::Order o;
    o.customer_id = 8;
    o.placed_at = t("2026-05-01T10:00:00Z");
    o.amount = 40000;
    o.currency = "RUB";
    store.insert_order(o);
    BOOST_TEST(row_of(store, 8).back == o.placed_at);
    BOOST_TEST(row_of(store, 8).first_amount == 40000);
    const auto counts = store.customers_created({t("2026-01-01T00:00:00Z")}, t("2027-01-01T00:00:00Z"), "RUB");
    std::map<std::string, long long> before;
    for (const auto& c : counts) before[c.currency] += c.before ? c.count : 0;
    BOOST_TEST(before["RUB"] == 2);  // 7 and 8 have rouble orders
    BOOST_TEST(before["EUR"] == 1);  // 9 has none and a Bulgarian phone: the euro, as the card says
    BOOST_TEST(before[""] == 1);     // 10 has none and a Russian phone: the centre's
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loss_facts_migration)

BOOST_AUTO_TEST_CASE(losses_stored_before_migration_15_get_their_figures) {
    {
        test::TempDir dir;
        const std::string file = dir.file("v14.db");
        {
            soci::session s(*soci::factory_sqlite3(), "db=" + file);
            make_version_14(s, storage::Dialect::sqlite);
        }
        BOOST_TEST_CONTEXT("store: SQLite") { check_migrated(file); }
    }
    if (auto pg = test::postgres_url()) {
        test::reset_postgres(*pg);
        {
            soci::session s(*soci::factory_postgresql(), *pg);
            make_version_14(s, storage::Dialect::postgresql);
        }
        BOOST_TEST_CONTEXT("store: PostgreSQL") { check_migrated(*pg); }
        test::reset_postgres(*pg);
    }
}

// The currency a customer's primary phone tells (schema 18), taken from the calling code alone where its
// regions share one currency and from the parsed number elsewhere: the same answer as the card's rule
// (card::currency_of_region of the number's region) for every kind of calling code.
BOOST_AUTO_TEST_CASE(a_phones_country_currency_is_the_cards) {
    const struct {
        const char* e164;
        const char* currency;
    } cases[] = {
        {"+79161234567", "RUB"},  {"+77012345678", "KZT"},   // +7: Russia and Kazakhstan, parsed
        {"+359888123456", "EUR"}, {"+447911123456", "GBP"},  // one region; one currency for GB, GG, JE, IM
        {"+441481256789", "GBP"}, {"+12125550123", "USD"},   // Guernsey; New York
        {"+14165550123", ""},     {"+380501234567", "UAH"},  // Toronto: a country the table does not list
        {"+8613812345678", ""},   {"79161234567", ""},       // China, unlisted; no "+": no E.164 number
    };
    for (const auto& c : cases) {
        BOOST_TEST(storage::country_currency({c.e164}) == c.currency, c.e164);
        if (c.e164[0] == '+')
            BOOST_TEST(storage::country_currency({c.e164}) ==
                           card::currency_of_region(phone::PhoneNormalizer::region_of_e164(c.e164)),
                       c.e164);
    }
    BOOST_TEST(storage::country_currency({}).empty());
    BOOST_TEST(storage::country_currency({"+359888123456", "+79161234567"}) == "EUR");  // the primary phone's
}

BOOST_AUTO_TEST_SUITE_END()
