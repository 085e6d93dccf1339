// Each loss's own figures (loss_facts, schema 15), kept by the database as orders, tickets and loss
// records come and go, and the retention report read from them: SQLite always, PostgreSQL when
// KARTOTEKA_TEST_PG is set.
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include "desk/retention_service.h"
#include "retention/retention_report.h"
#include "retention_fixture.h"
#include "store_fixture.h"

using namespace kartoteka;
namespace fx = test::retention_fixture;
using retention::Granularity;

namespace {

model::Timestamp at(const char* iso) { return *util::parse_iso(iso); }

struct Row {
    long long back = 0, one_currency = 0, orders_before = 0, amount_before = 0, first_before = 0, first_amount = 0,
              year_before = 0, year_after = 0, complaints = 0;
    std::string currency, recent;
};

Row row_of(storage::Store& s, model::Id customer) {
    Row r;
    s.session() << "SELECT back, CASE WHEN one_currency THEN 1 ELSE 0 END, orders_before, amount_before, first_before, "
                   "first_amount, year_before, year_after, complaints, currency, recent FROM loss_facts WHERE "
                   "customer_id = :c",
        soci::use(customer), soci::into(r.back), soci::into(r.one_currency), soci::into(r.orders_before),
        soci::into(r.amount_before), soci::into(r.first_before), soci::into(r.first_amount), soci::into(r.year_before),
        soci::into(r.year_after), soci::into(r.complaints), soci::into(r.currency), soci::into(r.recent);
    return r;
}

long long loss_rows(storage::Store& s, model::Id customer) {
    long long n = 0;
    s.session() << "SELECT COUNT(*) FROM loss_facts WHERE customer_id = :c", soci::use(customer), soci::into(n);
    return n;
}

long long gone_of(storage::Store& s, model::Id customer) {
    long long g = -1;
    s.session() << "SELECT gone FROM customer_order_facts WHERE customer_id = :c", soci::use(customer), soci::into(g);
    return g;
}

void ticket(storage::Store& s, model::Id customer, const char* when) {
    model::Ticket t;
    t.customer_id = customer;
    t.problem_type = "billing";
    t.subject = "Invoice";
    t.created_at = t.updated_at = at(when);
    s.insert_ticket(t);
}

retention::CurrencyReport year_2026(storage::Store& s, const std::string& currency) {
    desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
    const auto periods = retention::cut_periods(*util::parse_date("2026-01-01"), *util::parse_date("2027-01-01"),
                                                Granularity::month, "Europe/Moscow");
    for (auto& c : rules.retention_report(periods, fx::now(), "RUB").currencies)
        if (c.currency == currency) return c;
    BOOST_FAIL("no " + currency + " in the report");
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loss_facts)

BOOST_AUTO_TEST_CASE(a_loss_keeps_its_figures_as_orders_and_complaints_follow) {
    test::for_each_store([](storage::Store& s) {
        const auto id = fx::customer(s, "Loss", "2025-01-01T09:00:00Z");
        fx::order(s, id, at("2026-01-10T10:00:00Z"), 100000, "RUB");
        fx::order(s, id, at("2026-02-10T10:00:00Z"), 200000, "RUB");
        fx::event(s, id, model::LifecycleEventKind::lost, at("2026-03-01T10:00:00Z"), model::LossReason::competitor);
        auto r = row_of(s, id);
        BOOST_TEST(r.back == 0);
        BOOST_TEST(r.orders_before == 2);
        BOOST_TEST(r.amount_before == 300000);
        BOOST_TEST(r.first_before == at("2026-01-10T10:00:00Z"));
        BOOST_TEST(r.one_currency == 1);
        BOOST_TEST(r.currency == "RUB");
        // An order stored later but placed before the loss (a sync catching up) is counted before it.
        fx::order(s, id, at("2026-02-20T10:00:00Z"), 300000, "RUB");
        r = row_of(s, id);
        BOOST_TEST(r.orders_before == 3);
        BOOST_TEST(r.amount_before == 600000);
        BOOST_TEST(r.year_before == 600000);
        BOOST_TEST(r.back == 0);
        // The return: the first order after the loss, then another; a complaint before it does not count.
        ticket(s, id, "2026-03-15T10:00:00Z");
        fx::order(s, id, at("2026-04-05T10:00:00Z"), 50000, "RUB");
        fx::order(s, id, at("2026-05-01T10:00:00Z"), 70000, "RUB");
        ticket(s, id, "2026-06-01T10:00:00Z");
        r = row_of(s, id);
        BOOST_TEST(r.back == at("2026-04-05T10:00:00Z"));
        BOOST_TEST(r.first_amount == 50000);
        BOOST_TEST(r.year_after == 120000);
        BOOST_TEST(r.complaints == 1);
        BOOST_TEST(r.orders_before == 3);  // what came after the loss is not "before" it
        const auto rub = year_2026(s, "RUB");
        BOOST_TEST(rub.total.lost == 1);
        BOOST_TEST(rub.total.average_bill == 200000);
        BOOST_TEST(rub.periods[2].payments_per_period == 2.0);  // March: the orders of 1 Feb .. 1 Mar (28 days)
        BOOST_TEST(rub.total.winback.returned == 1);
        BOOST_TEST(rub.total.winback.first_orders == 50000);
        BOOST_TEST(rub.total.winback.volume_pending == 1);  // 1200 RUB after 6000 before, the year not over
        BOOST_TEST(rub.total.winback.complained == 1);
        BOOST_TEST(rub.periods[3].winback.returned == 1);  // April
        // The first order after the loss taken back: the return is the next one.
        const model::Timestamp first_back = at("2026-04-05T10:00:00Z");  // SOCI binds by reference: a named value
        s.session() << "DELETE FROM orders WHERE customer_id = :c AND placed_at = :t", soci::use(id), soci::use(first_back);
        r = row_of(s, id);
        BOOST_TEST(r.back == at("2026-05-01T10:00:00Z"));
        BOOST_TEST(r.first_amount == 70000);
        BOOST_TEST(r.year_after == 70000);
        BOOST_TEST(r.complaints == 1);
        // The loss record taken back: no row is left.
        s.session() << "DELETE FROM lifecycle_events WHERE customer_id = :c", soci::use(id);
        BOOST_TEST(loss_rows(s, id) == 0);
    });
}

BOOST_AUTO_TEST_CASE(orders_in_several_currencies_are_counted_in_the_customers_own) {
    test::for_each_store([](storage::Store& s) {
        // Euro orders and one without a currency (read as the centre's roubles): the stored figures,
        // over every order, would count the rouble one; the report counts this customer's euros itself.
        const auto id = fx::customer(s, "Mixed", "2025-01-01T09:00:00Z");
        fx::order(s, id, at("2026-01-10T10:00:00Z"), 10000, "EUR");
        fx::order(s, id, at("2026-02-01T10:00:00Z"), 99900, "");
        fx::event(s, id, model::LifecycleEventKind::lost, at("2026-03-01T10:00:00Z"), model::LossReason::moved_away);
        const auto r = row_of(s, id);
        BOOST_TEST(r.one_currency == 0);
        BOOST_TEST(r.currency == "EUR");
        const auto eur = year_2026(s, "EUR");
        BOOST_TEST(eur.total.lost == 1);
        BOOST_TEST(eur.total.average_bill == 10000);  // 100 EUR: the order without a currency is not a euro one
        BOOST_TEST(eur.lost_by_reason.at("moved_away") == 1);
    });
}

BOOST_AUTO_TEST_CASE(a_year_other_than_365_days_is_counted_from_the_orders) {
    test::for_each_store([](storage::Store& s) {
        const auto id = fx::customer(s, "Short", "2025-01-01T09:00:00Z");
        fx::order(s, id, at("2026-01-10T10:00:00Z"), 100000, "RUB");
        fx::event(s, id, model::LifecycleEventKind::lost, at("2026-03-01T10:00:00Z"));
        fx::order(s, id, at("2026-04-05T10:00:00Z"), 50000, "RUB");
        ticket(s, id, "2026-06-01T10:00:00Z");  // within 365 days of the return, not within 30
        config::RetentionConfig cfg;
        cfg.lifecycle.returned_sensitive_days = 30;
        desk::RetentionService rules(s, cfg, "Europe/Moscow");
        const auto periods = retention::cut_periods(*util::parse_date("2026-01-01"), *util::parse_date("2027-01-01"),
                                                    Granularity::month, "Europe/Moscow");
        const auto r = rules.retention_report(periods, fx::now(), "RUB");
        const auto& w = r.currencies.front().total.winback;
        BOOST_TEST(w.returned == 1);
        BOOST_TEST(w.complained == 0);
        BOOST_TEST(w.clean_year == 1);     // 30 days without a complaint, long over
        BOOST_TEST(w.volume_back == 1);    // 500 RUB in the 30 days after it, none in the 30 days before the loss
    });
}

BOOST_AUTO_TEST_CASE(the_gone_are_marked_as_losses_returns_and_refusals_come_and_go) {
    test::for_each_store([](storage::Store& s) {
        // Sleeping 180 days on fx::now() (2026-11-24): counted, until lost; back; lost again; refused.
        const auto id = fx::customer(s, "Gone", "2025-01-01T09:00:00Z");
        fx::order(s, id, at("2026-05-01T10:00:00Z"), 100000, "RUB");
        auto sleeping_180 = [&] {
            desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
            const auto periods = retention::cut_periods(*util::parse_date("2026-01-01"),
                                                        *util::parse_date("2027-01-01"), Granularity::month, "Europe/Moscow");
            for (const auto& c : rules.retention_report(periods, fx::now(), "RUB").currencies)
                if (c.currency == "RUB") return c.sleeping.count(180) ? c.sleeping.at(180) : 0;
            return 0LL;
        };
        BOOST_TEST(gone_of(s, id) == 0);
        BOOST_TEST(sleeping_180() == 1);
        fx::event(s, id, model::LifecycleEventKind::lost, at("2026-06-01T10:00:00Z"));
        BOOST_TEST(gone_of(s, id) == 1);
        BOOST_TEST(sleeping_180() == 0);
        // A second loss record before any order (a sync catching up) changes nothing; an order back does.
        fx::event(s, id, model::LifecycleEventKind::lost, at("2026-06-10T10:00:00Z"));
        BOOST_TEST(gone_of(s, id) == 1);
        fx::order(s, id, at("2026-07-01T10:00:00Z"), 50000, "RUB");
        BOOST_TEST(gone_of(s, id) == 0);
        // An order placed before the losses, stored late, is no return.
        const auto late = fx::customer(s, "Late", "2025-01-01T09:00:00Z");
        fx::order(s, late, at("2026-01-01T10:00:00Z"), 100000, "RUB");
        fx::event(s, late, model::LifecycleEventKind::lost, at("2026-03-01T10:00:00Z"));
        fx::order(s, late, at("2026-02-01T10:00:00Z"), 100000, "RUB");
        BOOST_TEST(gone_of(s, late) == 1);
        // The return taken back (the order deleted, the facts row written anew): gone again.
        const model::Timestamp back = at("2026-07-01T10:00:00Z");
        s.session() << "DELETE FROM orders WHERE customer_id = :c AND placed_at = :t", soci::use(id), soci::use(back);
        BOOST_TEST(gone_of(s, id) == 1);
        // Refused: gone whatever orders follow; the refusal taken back: sleeping once more once the
        // losses are gone too.
        const auto refused = fx::customer(s, "Refused", "2025-01-01T09:00:00Z");
        fx::event(s, refused, model::LifecycleEventKind::do_not_retain, at("2026-02-01T10:00:00Z"));
        fx::order(s, refused, at("2026-04-01T10:00:00Z"), 100000, "RUB");  // the first order makes the facts row
        BOOST_TEST(gone_of(s, refused) == 1);
        s.session() << "DELETE FROM lifecycle_events WHERE customer_id = :c", soci::use(refused);
        BOOST_TEST(gone_of(s, refused) == 0);
        s.session() << "DELETE FROM lifecycle_events WHERE customer_id = :c", soci::use(id);
        BOOST_TEST(gone_of(s, id) == 0);
        BOOST_TEST(sleeping_180() == 2);  // "Gone" (May) and "Refused" (April); "Late" is lost
    });
}

BOOST_AUTO_TEST_CASE(a_customer_without_orders_counts_in_their_countrys_currency) {
    test::for_each_store([](storage::Store& s) {
        // Leads, as the card tells their currency: a Bulgarian phone is the euro, a Russian one the centre's
        // roubles, a British one with an order in roubles the roubles (the order names it).
        auto lead = [&](const char* name, const char* phone) {
            model::Customer c;
            c.first_name = "Lead";
            c.last_name = name;
            c.phones = {phone};
            c.created_at = at("2025-06-01T09:00:00Z");
            return s.insert_customer(c, c.created_at);
        };
        const auto sofia = lead("Sofia", "+359888123456");
        lead("Moscow", "+79161234567");
        const auto london = lead("London", "+447911123456");
        fx::order(s, london, at("2025-07-01T10:00:00Z"), 100000, "RUB");
        fx::event(s, sofia, model::LifecycleEventKind::lost, at("2026-03-01T10:00:00Z"), model::LossReason::moved_away);
        const auto eur = year_2026(s, "EUR");
        BOOST_TEST(eur.total.at_start == 1);
        BOOST_TEST(eur.total.lost == 1);
        BOOST_TEST(eur.lost_by_reason.at("moved_away") == 1);
        const auto rub = year_2026(s, "RUB");
        BOOST_TEST(rub.total.at_start == 2);  // Moscow (the centre's, no orders) and London (a rouble order)
        BOOST_TEST(rub.total.lost == 0);
        // Her first order, in roubles: the order's currency from then on, in the report as on the card.
        fx::order(s, sofia, at("2026-01-15T10:00:00Z"), 50000, "RUB");
        BOOST_TEST(year_2026(s, "RUB").total.at_start == 3);
        desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
        const auto periods = retention::cut_periods(*util::parse_date("2026-01-01"), *util::parse_date("2027-01-01"),
                                                    Granularity::month, "Europe/Moscow");
        for (const auto& c : rules.retention_report(periods, fx::now(), "RUB").currencies)
            BOOST_TEST(c.currency != "EUR");  // nobody is left in euros
    });
}

BOOST_AUTO_TEST_SUITE_END()
