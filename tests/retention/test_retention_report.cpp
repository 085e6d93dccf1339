// The retention report (issue 19) over the prepared store (retention_fixture.h): SQLite always,
// PostgreSQL when KARTOTEKA_TEST_PG is set; its CSV through the real kartoteka-cli.
#include <boost/test/unit_test.hpp>

#include "desk/retention_service.h"
#include "error.h"
#include "retention/retention_report.h"
#include "retention_fixture.h"
#include "storage/database.h"
#include "store_fixture.h"
#include "util/csv.h"

using namespace kartoteka;
namespace fx = test::retention_fixture;
using retention::Granularity;

namespace {

model::Date day_of(const char* text) { return *util::parse_date(text); }

retention::RetentionReport report(storage::Store& s, const char* first, const char* last, Granularity by) {
    desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
    auto r = rules.retention_report(retention::cut_periods(day_of(first), day_of(last), by, "Europe/Moscow"), fx::now(), "RUB");
    r.granularity = by;
    return r;
}

const retention::CurrencyReport& in(const retention::RetentionReport& r, const std::string& currency) {
    for (const auto& c : r.currencies)
        if (c.currency == currency) return c;
    BOOST_FAIL("no " + currency + " in the report");
    throw std::logic_error("unreachable");
}

void check_october(const retention::RetentionReport& r) {
    BOOST_REQUIRE_EQUAL(r.currencies.size(), 2u);
    BOOST_TEST(r.currencies[0].currency == "RUB");  // the centre's own first
    const auto& rub = in(r, "RUB").total;
    BOOST_TEST(rub.at_start == 1000);
    BOOST_TEST(rub.lost == 200);
    BOOST_TEST(rub.count_churn_percent == 20.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(rub.average_bill == 200000);
    BOOST_TEST(rub.payments_per_period == 6.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(rub.money_churn == 240000000);  // 2,400,000.00 RUB
    BOOST_TEST(rub.value_lost == 200LL * 5 * 6 * 200000);  // five years of six 2000 RUB orders a year each
    BOOST_TEST(rub.verdict == "needs_action");
    BOOST_TEST(rub.winback.returned == 1);
    BOOST_TEST(rub.winback.first_orders == 500000);
    BOOST_TEST(rub.winback.volume_back == 1);
    BOOST_TEST(rub.winback.clean_pending == 1);
    const auto& eur = in(r, "EUR").total;  // its own figures, never added to the roubles
    BOOST_TEST(eur.at_start == 50);
    BOOST_TEST(eur.lost == 5);
    BOOST_TEST(eur.count_churn_percent == 10.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(eur.money_churn == 50000);  // 5 x 100 EUR x 1
    BOOST_TEST(in(r, "RUB").lost_by_reason.at("competitor") == 120);
    BOOST_TEST(in(r, "RUB").lost_by_reason.at("service") == 80);
    BOOST_TEST(in(r, "EUR").lost_by_reason.at("moved_away") == 5);
    const auto& sleeping = in(r, "RUB").sleeping;  // the lost and the refused are not asleep
    BOOST_TEST(sleeping.at(90) == 100);
    BOOST_TEST(sleeping.at(180) == 50);
    BOOST_TEST(sleeping.at(360) == 22);
    BOOST_TEST(in(r, "EUR").sleeping.at(90) == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retention_report)

BOOST_AUTO_TEST_CASE(periods_follow_the_centres_calendar) {
    const auto months = retention::cut_periods(day_of("2026-01-15"), day_of("2026-04-01"), Granularity::month, "Europe/Moscow");
    BOOST_REQUIRE_EQUAL(months.size(), 3u);
    BOOST_TEST(util::format_iso(months[0].from) == "2026-01-14T21:00:00Z");  // Moscow midnight
    BOOST_TEST(util::format_iso(months[1].from) == "2026-01-31T21:00:00Z");
    BOOST_TEST(months[1].to == months[2].from);
    const auto weeks = retention::cut_periods(day_of("2026-03-25"), day_of("2026-04-08"), Granularity::week, "Europe/Sofia");
    BOOST_REQUIRE_EQUAL(weeks.size(), 3u);  // Wed..Sun, a whole week from Monday 30 March, Mon..Tue
    BOOST_TEST(util::format_date(weeks[1].first_day) == "2026-03-30");
    BOOST_TEST(util::format_iso(weeks[0].from) == "2026-03-24T22:00:00Z");  // winter time
    BOOST_TEST(util::format_iso(weeks[1].from) == "2026-03-29T21:00:00Z");  // summer time since the 29th
    BOOST_CHECK_THROW(retention::cut_periods(day_of("2026-04-01"), day_of("2026-04-01"), Granularity::week, "Europe/Sofia"),
                      Error);
    BOOST_CHECK_THROW(retention::parse_granularity("day"), Error);
}

BOOST_AUTO_TEST_CASE(the_seeds_worked_example_per_currency) {
    test::for_each_store([](storage::Store& s) {
        fx::build(s);
        check_october(report(s, "2026-10-01", "2026-11-01", Granularity::month));
        // The same month by weeks: the losses fall in the week of the 15th, and the start counts follow.
        const auto weeks = report(s, "2026-10-01", "2026-11-01", Granularity::week);
        const auto& rub = in(weeks, "RUB");
        BOOST_REQUIRE_EQUAL(rub.periods.size(), 5u);
        BOOST_TEST(rub.periods[0].at_start == 1000);
        BOOST_TEST(rub.periods[2].lost == 200);  // 12-18 October
        BOOST_TEST(rub.periods[3].at_start == 802);  // 1000 - 200 lost + the one won back on the 10th + the new one
        BOOST_TEST(rub.periods[3].lost == 0);
    });
}

BOOST_AUTO_TEST_CASE(win_back_results_over_a_year) {
    test::for_each_store([](storage::Store& s) {
        fx::build(s);
        const auto r = report(s, "2025-10-01", "2026-11-01", Granularity::month);
        const auto& rub = in(r, "RUB");
        BOOST_REQUIRE_EQUAL(rub.periods.size(), 13u);
        const auto& w = rub.total.winback;
        BOOST_TEST(w.returned == 3);
        BOOST_TEST(w.first_orders == 400000 + 100000 + 500000);
        BOOST_TEST(w.volume_back == 2);    // 4000 after 3000; 7000 after 6000 (1000 after 10,000 is not)
        BOOST_TEST(w.volume_pending == 0); // the October one is back already; the others' years are over
        BOOST_TEST(w.clean_year == 1);
        BOOST_TEST(w.complained == 1);
        BOOST_TEST(w.clean_pending == 1);
        BOOST_TEST(rub.periods[0].winback.returned == 1);   // October 2025
        BOOST_TEST(rub.periods[1].winback.returned == 1);   // November 2025
        BOOST_TEST(rub.periods[12].winback.returned == 1);  // October 2026
        BOOST_TEST(rub.periods[12].money_churn == 240000000);
    });
}

BOOST_AUTO_TEST_CASE(one_period_is_the_churn_report) {
    test::for_each_store([](storage::Store& s) {
        fx::build(s);
        // `report churn` asks for the range as one period: its figures are the month's, returns listed.
        desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
        const auto p = retention::cut_periods(day_of("2026-10-01"), day_of("2026-11-01"), Granularity::month, "Europe/Moscow");
        const auto one = rules.retention_report({p[0]}, fx::now(), "RUB");
        check_october(one);
        const auto& rub = in(one, "RUB");
        BOOST_REQUIRE_EQUAL(rub.returned.size(), 1u);
        BOOST_TEST(rub.returned[0].first_order == 500000);
        BOOST_TEST(rub.returned[0].returned_at == fx::at("2026-10-10T09:00:00Z"));
        BOOST_TEST(in(one, "EUR").returned.empty());
    });
}

BOOST_AUTO_TEST_CASE(the_order_facts_follow_new_orders) {
    test::for_each_store([](storage::Store& s) {
        fx::build(s);
        // A rouble customer starts paying in euros: from then on they count among the euro customers.
        const auto id = fx::customer(s, "Switcher", "2025-01-01T09:00:00Z");
        fx::order(s, id, fx::at("2026-08-01T09:00:00Z"), 100000, "RUB");
        fx::order(s, id, fx::at("2026-09-01T09:00:00Z"), 10000, "EUR");
        fx::order(s, id, fx::at("2026-07-01T09:00:00Z"), 100000, "RUB");  // entered late, older: no change
        const auto r = report(s, "2026-10-01", "2026-11-01", Granularity::month);
        BOOST_TEST(in(r, "EUR").total.at_start == 51);
        BOOST_TEST(in(r, "RUB").total.at_start == 1000);
    });
}

BOOST_AUTO_TEST_CASE(csv_has_one_header_and_a_row_per_period) {
    test::TempDir dir;
    storage::Database db(storage::StoreLocation::parse(dir.file("csv.db")));
    storage::Store s(db);
    fx::build(s);
    const auto r = report(s, "2026-10-01", "2026-11-01", Granularity::week);
    const auto records = util::parse_csv(retention::report_csv(r));
    BOOST_REQUIRE(!records.empty());
    const std::size_t columns = records[0].fields.size();
    BOOST_TEST(columns == 22u);
    std::size_t weeks = 0;
    for (const auto& rec : records) {
        BOOST_TEST(rec.fields.size() == columns);
        if (rec.fields[0] == "week") ++weeks;
        if (rec.fields[0] == "total" && rec.fields[1] == "RUB") BOOST_TEST(rec.fields[12] == "2400000.00");
    }
    BOOST_TEST(weeks == 10u);  // five weeks, two currencies
}

BOOST_AUTO_TEST_CASE(cli_report_retention_as_csv) {
    test::TempDir dir;
    const std::string file = dir.file("fixture.db");
    {
        storage::Database db(storage::StoreLocation::parse(file));
        storage::Store s(db);
        fx::build(s);
    }
    const std::string config = dir.file("supervisor.yaml");
    test::write_file(config, "agent:\n  login: supervisor\n");
    const std::string cli = test::binary("app/cli/kartoteka-cli") + " --db " + file + " ";
    const std::string args = "report retention --from 2026-10-01 --to 2026-11-01 --by month --now 2026-11-24T12:00:00Z";
    BOOST_TEST(test::run(cli + args).exit_code == 2);  // the default seat is an operator's: not theirs
    auto r = test::run(cli + "--config " + config + " " + args + " --csv");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto records = util::parse_csv(r.out);
    bool seen = false;
    for (const auto& rec : records)
        if (rec.fields.size() > 12 && rec.fields[0] == "total" && rec.fields[1] == "RUB") {
            seen = true;
            BOOST_TEST(rec.fields[5] == "1000");
            BOOST_TEST(rec.fields[6] == "200");
            BOOST_TEST(rec.fields[7] == "20.00");
            BOOST_TEST(rec.fields[12] == "2400000.00");
        }
    BOOST_TEST(seen);
    r = test::run(cli + "--config " + config + " " + args);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("2,400,000.00") != std::string::npos);
    BOOST_TEST(r.out.find("EUR") != std::string::npos);
    BOOST_TEST(test::run(cli + "--config " + config + " " + args + " --json --csv").exit_code == 2);
    BOOST_TEST(test::run(cli + "--config " + config + " report retention --from 2026-10-01 --to 2026-11-01 --by day")
                   .exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
