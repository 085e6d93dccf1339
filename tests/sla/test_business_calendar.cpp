// Working-time arithmetic: lunch breaks, weekends, holidays, long spans, "24:00", and daylight-saving
// changes in four zones, checked against hand-worked figures and a minute-by-minute reference.
#include <boost/test/unit_test.hpp>

#include <date/tz.h>

#include <random>

#include "error.h"
#include "sla_test_util.h"

using namespace kartoteka;
using test::T;

BOOST_AUTO_TEST_SUITE(business_calendar)

BOOST_AUTO_TEST_CASE(lunch_break_is_not_working_time) {
    auto cal = test::calendar("Europe/Moscow", test::office_hours);  // UTC+3 all year since 2014
    // Monday 2015-03-30: 09:00-18:00 local is 06:00-15:00 UTC, minus the lunch hour.
    BOOST_TEST(cal.between(T("2015-03-30T06:00:00Z"), T("2015-03-30T15:00:00Z")) == 8 * 3600);
    BOOST_TEST(cal.between(T("2015-03-30T09:00:00Z"), T("2015-03-30T12:00:00Z")) == 2 * 3600);  // 12:00-15:00
    BOOST_TEST(cal.between(T("2015-03-30T10:00:00Z"), T("2015-03-30T11:00:00Z")) == 0);         // the lunch itself
    // Half an hour before lunch, half an hour after it.
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-30T09:30:00Z"), 3600)) == "2015-03-30T11:30:00Z");
    BOOST_TEST(!cal.is_working(T("2015-03-30T10:30:00Z")));
    BOOST_TEST(cal.is_working(T("2015-03-30T11:00:00Z")));
}

BOOST_AUTO_TEST_CASE(weekends_are_skipped) {
    auto cal = test::calendar("Europe/Moscow", test::office_hours);
    // Friday 17:00 local + 2 working hours = Monday 10:00 local.
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-27T14:00:00Z"), 7200)) == "2015-03-30T07:00:00Z");
    BOOST_TEST(cal.between(T("2015-03-27T15:00:00Z"), T("2015-03-30T06:00:00Z")) == 0);
    // The example: 15 working hours from Friday 14:00 local.
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-27T11:00:00Z"), 54000)) == "2015-03-31T09:00:00Z");
    // Starting outside working time counts from the next opening.
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-28T12:00:00Z"), 60)) == "2015-03-30T06:01:00Z");
    BOOST_TEST(cal.between(T("2015-03-30T15:00:00Z"), T("2015-03-30T06:00:00Z")) == 0);  // to before from
}

BOOST_AUTO_TEST_CASE(yearly_and_dated_holidays) {
    auto cal = test::calendar("Europe/Moscow", test::office_hours, "[\"01-01\", \"2026-03-09\"]");
    // 2026-03-09 is a Monday holiday: Friday and Tuesday count, Monday does not.
    BOOST_TEST(cal.between(T("2026-03-06T06:00:00Z"), T("2026-03-10T15:00:00Z")) == 16 * 3600);
    // 01-01 every year: 2027-01-01 and 2025-01-01 are both closed.
    BOOST_TEST(cal.between(T("2026-12-31T06:00:00Z"), T("2027-01-04T15:00:00Z")) == 16 * 3600);
    BOOST_TEST(cal.between(T("2025-01-01T00:00:00Z"), T("2025-01-02T00:00:00Z")) == 0);
    BOOST_TEST(cal.between(T("2025-01-02T00:00:00Z"), T("2025-01-03T00:00:00Z")) == 8 * 3600);
    // A dated holiday is one day only: 2027-03-09 (a Tuesday) is an ordinary day.
    BOOST_TEST(cal.between(T("2027-03-09T00:00:00Z"), T("2027-03-10T00:00:00Z")) == 8 * 3600);
}

BOOST_AUTO_TEST_CASE(multi_week_spans) {
    auto cal = test::calendar("Europe/Moscow", test::office_hours);
    // Four whole weeks of 40 working hours.
    BOOST_TEST(cal.between(T("2015-03-02T00:00:00Z"), T("2015-03-30T00:00:00Z")) == 4 * 40 * 3600);
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-02T00:00:00Z"), 4 * 40 * 3600)) == "2015-03-27T15:00:00Z");
    // A year: 2015 had 261 weekdays; Moscow kept UTC+3 all year.
    BOOST_TEST(cal.between(T("2015-01-01T00:00:00Z"), T("2016-01-01T00:00:00Z")) == 261LL * 8 * 3600);
    // Asking backwards in time after forwards grows the cache at the front.
    BOOST_TEST(cal.between(T("2005-01-03T00:00:00Z"), T("2005-01-04T00:00:00Z")) == 8 * 3600);
}

BOOST_AUTO_TEST_CASE(twenty_four_hundred_ends_the_day) {
    auto cal = test::calendar("UTC", "      sat: [\"00:00-24:00\"]\n      sun: [\"12:00-24:00\"]\n");
    BOOST_TEST(cal.between(T("2015-03-28T00:00:00Z"), T("2015-03-29T00:00:00Z")) == 86400);  // Saturday
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-27T23:00:00Z"), 86400)) == "2015-03-29T00:00:00Z");
    BOOST_TEST(util::format_iso(cal.add(T("2015-03-27T23:00:00Z"), 86401)) == "2015-03-29T12:00:01Z");
    BOOST_TEST(cal.between(T("2015-03-28T00:00:00Z"), T("2015-03-30T00:00:00Z")) == 86400 + 12 * 3600);
}

BOOST_AUTO_TEST_CASE(europe_berlin_dst) {
    auto sunday = test::calendar("Europe/Berlin", "      sun: [\"00:00-24:00\"]\n");
    // 2021-03-28: 02:00 CET jumps to 03:00 CEST, a 23-hour Sunday; 2021-10-31 has 25 hours.
    BOOST_TEST(sunday.between(T("2021-03-27T00:00:00Z"), T("2021-03-30T00:00:00Z")) == 23 * 3600);
    BOOST_TEST(sunday.between(T("2021-10-30T00:00:00Z"), T("2021-11-02T00:00:00Z")) == 25 * 3600);
    BOOST_TEST(util::format_iso(sunday.add(T("2021-03-27T23:00:00Z"), 23 * 3600)) == "2021-03-28T22:00:00Z");
    auto night = test::calendar("Europe/Berlin", "      sun: [\"02:00-03:00\"]\n");
    BOOST_TEST(night.between(T("2021-03-27T00:00:00Z"), T("2021-03-30T00:00:00Z")) == 0);         // skipped hour
    BOOST_TEST(night.between(T("2021-10-30T00:00:00Z"), T("2021-11-02T00:00:00Z")) == 2 * 3600);  // repeated
    auto office = test::calendar("Europe/Berlin", test::office_hours);
    // Monday after the spring change: 09:00 CEST is 07:00 UTC (08:00 UTC the Monday before).
    BOOST_TEST(util::format_iso(office.add(T("2021-03-26T17:00:00Z"), 60)) == "2021-03-29T07:01:00Z");
    BOOST_TEST(util::format_iso(office.add(T("2021-03-19T17:00:00Z"), 60)) == "2021-03-22T08:01:00Z");
}

BOOST_AUTO_TEST_CASE(america_sao_paulo_dst_2018) {
    // 2018-11-04 00:00 (UTC-3) jumped to 01:00 (UTC-2): midnight itself never happened.
    auto sunday = test::calendar("America/Sao_Paulo", "      sun: [\"00:00-24:00\"]\n");
    BOOST_TEST(sunday.between(T("2018-11-03T00:00:00Z"), T("2018-11-06T00:00:00Z")) == 23 * 3600);
    BOOST_TEST(util::format_iso(sunday.add(T("2018-11-03T12:00:00Z"), 1)) == "2018-11-04T03:00:01Z");
    // 2019-02-17 00:00 (UTC-2) went back to 2019-02-16 23:00 (UTC-3): a 25-hour Saturday.
    auto saturday = test::calendar("America/Sao_Paulo", "      sat: [\"00:00-24:00\"]\n");
    BOOST_TEST(saturday.between(T("2019-02-15T00:00:00Z"), T("2019-02-18T00:00:00Z")) == 25 * 3600);
    auto late = test::calendar("America/Sao_Paulo", "      sat: [\"23:00-24:00\"]\n");
    BOOST_TEST(late.between(T("2019-02-15T00:00:00Z"), T("2019-02-18T00:00:00Z")) == 2 * 3600);
}

BOOST_AUTO_TEST_CASE(australia_sydney_dst) {
    auto sunday = test::calendar("Australia/Sydney", "      sun: [\"00:00-24:00\"]\n");
    // 2021-04-04: 03:00 AEDT back to 02:00 AEST (25 h); 2021-10-03: 02:00 AEST to 03:00 AEDT (23 h).
    BOOST_TEST(sunday.between(T("2021-04-02T00:00:00Z"), T("2021-04-06T00:00:00Z")) == 25 * 3600);
    BOOST_TEST(sunday.between(T("2021-10-01T00:00:00Z"), T("2021-10-05T00:00:00Z")) == 23 * 3600);
    auto night = test::calendar("Australia/Sydney", "      sun: [\"02:00-03:00\"]\n");
    BOOST_TEST(night.between(T("2021-04-02T00:00:00Z"), T("2021-04-06T00:00:00Z")) == 2 * 3600);
    BOOST_TEST(night.between(T("2021-10-01T00:00:00Z"), T("2021-10-05T00:00:00Z")) == 0);
}

BOOST_AUTO_TEST_CASE(asia_tehran_dst_2021) {
    // Iran's last DST years: 2021-03-22 00:00 (+03:30) became 01:00 (+04:30); 2021-09-22 00:00 (+04:30)
    // went back to 2021-09-21 23:00 (+03:30). Half-hour offsets on top.
    auto monday = test::calendar("Asia/Tehran", "      mon: [\"00:00-24:00\"]\n");
    BOOST_TEST(monday.between(T("2021-03-20T00:00:00Z"), T("2021-03-24T00:00:00Z")) == 23 * 3600);
    BOOST_TEST(util::format_iso(monday.add(T("2021-03-21T00:00:00Z"), 1)) == "2021-03-21T20:30:01Z");
    auto tuesday = test::calendar("Asia/Tehran", "      tue: [\"00:00-24:00\"]\n");
    BOOST_TEST(tuesday.between(T("2021-09-19T00:00:00Z"), T("2021-09-23T00:00:00Z")) == 25 * 3600);
    auto office = test::calendar("Asia/Tehran", test::office_hours);
    // Wednesday 2021-03-24 09:00 +04:30 is 04:30 UTC.
    BOOST_TEST(util::format_iso(office.add(T("2021-03-24T00:00:00Z"), 60)) == "2021-03-24T04:31:00Z");
}

namespace {

/// The reference: walks minute by minute and asks the tz database for each minute's local time.
std::int64_t brute_force_between(const std::string& zone, const config::CalendarConfig& c, model::Timestamp from,
                                 model::Timestamp to) {
    const auto* tz = date::locate_zone(zone);
    std::int64_t worked = 0;
    for (model::Timestamp t = from; t < to; t += 60) {
        const auto local = tz->to_local(date::sys_seconds{std::chrono::seconds{t}});
        const auto day = date::floor<date::days>(local);
        const auto secs = (local - day).count();
        const date::year_month_day ymd{day};
        bool holiday = false;
        for (auto [m, d] : c.yearly_holidays)
            holiday = holiday || (static_cast<unsigned>(ymd.month()) == static_cast<unsigned>(m) &&
                                  static_cast<unsigned>(ymd.day()) == static_cast<unsigned>(d));
        for (auto d : c.dated_holidays) holiday = holiday || day.time_since_epoch().count() == d;
        const auto dated = c.days.find(static_cast<std::int32_t>(day.time_since_epoch().count()));
        if (holiday && dated == c.days.end()) continue;
        for (const auto& iv : dated != c.days.end() ? dated->second : c.hours[date::weekday{day}.c_encoding()])
            if (secs >= iv.begin && secs < iv.end) worked += 60;
    }
    return worked;
}

}  // namespace

BOOST_AUTO_TEST_CASE(agrees_with_a_minute_by_minute_reference_across_dst) {
    const std::string hours = "      mon: [\"00:00-01:30\", \"09:00-13:00\", \"14:00-18:00\"]\n"
                              "      fri: [\"22:00-24:00\"]\n      sat: [\"00:00-03:00\", \"23:00-24:00\"]\n"
                              "      sun: [\"00:00-24:00\"]\n";
    std::mt19937_64 rng(42);
    for (const char* zone : {"Europe/Berlin", "America/Sao_Paulo", "Australia/Sydney", "Asia/Tehran"}) {
        // Dated days on DST weekends: a worked Sunday cut short, a Monday off, a holiday worked after all.
        auto cal = test::calendar(zone, hours, "[\"12-25\", \"2021-04-05\"]",
                                  "      \"2021-03-28\": [\"01:00-04:00\"]\n      \"2021-10-31\": [\"02:00-03:30\"]\n"
                                  "      \"2018-11-05\": []\n      \"2021-04-05\": [\"10:00-11:00\"]\n"
                                  "      \"2021-09-25\": [\"00:00-24:00\"]\n");
        for (model::Timestamp around : {T("2018-11-04T00:00:00Z"), T("2019-02-17T00:00:00Z"), T("2021-03-28T00:00:00Z"),
                                        T("2021-10-31T00:00:00Z"), T("2021-04-04T00:00:00Z"), T("2021-10-03T00:00:00Z"),
                                        T("2021-03-22T00:00:00Z"), T("2021-09-22T00:00:00Z")}) {
            const model::Timestamp from = around - 3 * 86400 + static_cast<model::Timestamp>(rng() % 2880) * 60;
            const model::Timestamp to = from + static_cast<model::Timestamp>(rng() % 8640) * 60;
            BOOST_TEST_CONTEXT(zone << " " << util::format_iso(from) << " .. " << util::format_iso(to)) {
                BOOST_TEST(cal.between(from, to) == brute_force_between(zone, cal.config(), from, to));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(between_of_add_is_the_identity) {
    std::mt19937_64 rng(20260324);
    std::vector<sla::BusinessCalendar> cals;
    cals.push_back(test::calendar("Europe/Moscow", test::office_hours, "[\"01-01\", \"01-07\", \"2026-03-09\"]"));
    cals.push_back(test::calendar("Europe/Berlin", test::office_hours + "      sat: [\"10:00-14:00\"]\n"));
    cals.push_back(test::calendar("America/Sao_Paulo", test::every_day("00:00-24:00")));
    cals.push_back(test::calendar("Australia/Sydney", "      sun: [\"01:30-02:30\", \"02:45-24:00\"]\n"));
    cals.push_back(test::calendar("Asia/Tehran", test::every_day("23:00-24:00")));
    // With dated days: February 2016 plus a day off and a worked Sunday in every year of the span.
    std::string days = test::russia_february_2016;
    for (int y = 2015; y <= 2026; ++y)
        days += "      \"" + std::to_string(y) + "-05-04\": []\n      \"" + std::to_string(y) + "-06-07\": [\"10:00-12:00\", \"13:00-15:30\"]\n";
    cals.push_back(test::calendar("Europe/Moscow", test::office_hours, "[\"01-01\"]", days));
    const model::Timestamp lo = T("2015-01-01T00:00:00Z"), span = T("2026-12-31T00:00:00Z") - lo;
    for (int i = 0; i < 20000; ++i) {
        auto& cal = cals[rng() % cals.size()];
        const model::Timestamp from = lo + static_cast<model::Timestamp>(rng() % static_cast<std::uint64_t>(span));
        const std::int64_t s = static_cast<std::int64_t>(rng() % (i % 10 == 0 ? 20'000'000 : 200'000));
        const model::Timestamp to = cal.add(from, s);
        const std::int64_t back = cal.between(from, to);
        if (back != s || to < from)
            BOOST_ERROR(cal.config().timezone << " from " << util::format_iso(from) << " s " << s << " -> "
                                               << util::format_iso(to) << " between " << back);
        const std::int64_t a = s / 3;
        if (s > 0 && cal.add(cal.add(from, a), s - a) != to)
            BOOST_ERROR("add is not additive at " << util::format_iso(from) << " s " << s);
    }
}

// Issue 14: a national production calendar. The Moscow office works 09:00-18:00 Mon-Fri with a lunch
// hour (8 working hours a day). 8 working hours from Friday 2016-02-19 17:00 Moscow: one that Friday,
// seven on Saturday the 20th (worked, 09:00-17:00 less lunch), ending 17:00 Moscow = 14:00 UTC.
BOOST_AUTO_TEST_CASE(dated_days_override_their_weekday_russia_february_2016) {
    auto cal = test::calendar("Europe/Moscow", test::office_hours, "[]", test::russia_february_2016);
    const model::Timestamp friday_17 = T("2016-02-19T17:00:00+03:00");
    BOOST_TEST(util::format_iso(cal.add(friday_17, 8 * 3600)) == "2016-02-20T14:00:00Z");
    BOOST_TEST(cal.between(friday_17, T("2016-02-20T14:00:00Z")) == 8 * 3600);
    // Monday the 22nd and Tuesday the 23rd are off: the ninth hour is Wednesday 09:00-10:00.
    BOOST_TEST(util::format_iso(cal.add(friday_17, 9 * 3600)) == "2016-02-24T07:00:00Z");
    BOOST_TEST(cal.between(T("2016-02-20T00:00:00+03:00"), T("2016-02-25T00:00:00+03:00")) == 7 * 3600 + 8 * 3600);
    BOOST_TEST(!cal.is_working(T("2016-02-22T12:00:00+03:00")));
    BOOST_TEST(!cal.is_working(T("2016-02-20T13:30:00+03:00")));  // lunch, as on any day
    BOOST_TEST(cal.is_working(T("2016-02-20T16:59:00+03:00")));
    BOOST_TEST(!cal.is_working(T("2016-02-20T17:00:00+03:00")));
    // Without the dated days the same 8 hours end on Monday the 22nd at 17:00 Moscow.
    auto plain = test::calendar("Europe/Moscow", test::office_hours);
    BOOST_TEST(util::format_iso(plain.add(friday_17, 8 * 3600)) == "2016-02-22T14:00:00Z");
    // A dated day wins over a holiday too: 01-07 is a holiday every year, 2016-01-07 is worked an hour.
    auto worked_holiday = test::calendar("UTC", test::office_hours, "[\"01-07\"]", "      \"2016-01-07\": [\"10:00-11:00\"]\n");
    BOOST_TEST(worked_holiday.between(T("2016-01-07T00:00:00Z"), T("2016-01-08T00:00:00Z")) == 3600);
    BOOST_TEST(worked_holiday.between(T("2021-01-07T00:00:00Z"), T("2021-01-08T00:00:00Z")) == 0);  // a Thursday, holiday
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_invalid_error) {
    auto cal = test::calendar("UTC", test::office_hours);
    BOOST_CHECK_THROW(cal.add(T("2015-03-27T11:00:00Z"), -1), Error);
    BOOST_CHECK_THROW(cal.between(sla::earliest_instant - 1, T("2015-03-27T11:00:00Z")), Error);
    BOOST_CHECK_THROW(cal.add(T("2199-12-01T00:00:00Z"), 10'000'000), Error);
    BOOST_TEST(cal.add(T("2015-03-27T11:00:00Z"), 0) == T("2015-03-27T11:00:00Z"));
}

BOOST_AUTO_TEST_SUITE_END()
