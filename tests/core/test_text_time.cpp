#include <boost/test/unit_test.hpp>

#include <date/tz.h>

#include <cstdio>
#include <random>
#include <vector>

#include "util/text.h"
#include "util/time.h"

using namespace kartoteka::util;

BOOST_AUTO_TEST_SUITE(text_and_time)

BOOST_AUTO_TEST_CASE(fold_case_covers_latin_and_cyrillic) {
    BOOST_TEST(fold_case("Иванов") == "иванов");
    BOOST_TEST(fold_case("СЕМЁНОВ") == "семенов");  // ё folds to е
    BOOST_TEST(fold_case("Георгиев") == "георгиев");
    BOOST_TEST(fold_case("SMITH John") == "smith john");
    BOOST_TEST(fold_case("Ѝ") == "ѝ");
    BOOST_TEST(fold_case("\xFF\xFEok") == "\xFF\xFEok");  // invalid UTF-8 passes through unharmed
}

BOOST_AUTO_TEST_CASE(valid_utf8_replaces_only_the_bytes_that_are_not_utf8) {
    const std::string fffd = "\xEF\xBF\xBD";
    BOOST_TEST(valid_utf8("Иванов ok €") == "Иванов ok €");
    BOOST_TEST(valid_utf8("Ivan \xFF") == "Ivan " + fffd);
    BOOST_TEST(valid_utf8("\xC0\x80") == fffd + fffd);            // overlong NUL
    BOOST_TEST(valid_utf8("\xED\xA0\x80") == fffd + fffd + fffd);  // a UTF-16 surrogate
    BOOST_TEST(valid_utf8("\xF4\x90\x80\x80").size() == 4 * fffd.size());  // past U+10FFFF
    BOOST_TEST(valid_utf8("ab\xD0") == "ab" + fffd);               // cut mid-character
    BOOST_TEST(valid_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // U+1F600 stays
}

// A country's clock from tzdata's zone.tab: one zone, or several that keep one offset at that moment.
BOOST_AUTO_TEST_CASE(a_countrys_zone_when_it_keeps_one_time) {
    const auto winter = *parse_iso("2026-11-24T12:00:00Z");
    BOOST_TEST(zone_of_country("BG", winter) == "Europe/Sofia");
    BOOST_TEST(zone_of_country("GB", winter) == "Europe/London");
    BOOST_TEST(zone_of_country("DE", winter) == "Europe/Berlin");  // and Busingen, the same clock
    BOOST_TEST(zone_of_country("RU", winter) == "");               // eleven zones
    BOOST_TEST(zone_of_country("US", winter) == "");
    BOOST_TEST(zone_of_country("ES", winter) == "");               // the Canaries keep an hour less
    BOOST_TEST(zone_of_country("", winter) == "");
    BOOST_TEST(zone_of_country("XX", winter) == "");
}

BOOST_AUTO_TEST_CASE(iso_round_trip) {
    auto t = parse_iso("2015-03-27T11:00:00Z");
    BOOST_REQUIRE(t.has_value());
    BOOST_TEST(*t == 1427454000);
    BOOST_TEST(format_iso(*t) == "2015-03-27T11:00:00Z");
    BOOST_TEST(parse_iso("2015-03-27T14:00:00+03:00").value_or(0) == 1427454000);
    BOOST_TEST(parse_iso("2015-03-27T11:00:00.123Z").value_or(0) == 1427454000);
    BOOST_TEST(parse_iso("2015-03-27").value_or(0) == 1427414400);
}

BOOST_AUTO_TEST_CASE(malformed_instants_are_refused) {
    for (const char* s : {"", "2015-02-30T00:00:00Z", "2015-03-27T25:00:00Z", "2015-03-27T11:00:00", "yesterday",
                          "2015-3-27T11:00:00Z", "2015-03-27T11:00:00Zjunk", "2015-03-27T11:00:00+3"})
        BOOST_TEST(!parse_iso(s).has_value(), s);
}

// Issue 14: every notation a backend sends for 2026-11-27T11:00:00Z (1795777200). Sources: RFC 3339
// (t/z, numoffset with and without colon), Jira ("+0300" after milliseconds), Zendesk and Freshdesk
// ("Z"), Zammad (milliseconds), PostgreSQL text output ("+00", microseconds, space), Ruby's Time#to_s
// ("+0300"/"UTC" after a space), ServiceNow (space, no zone: the source's zone), epoch numbers.
BOOST_AUTO_TEST_CASE(instants_in_every_notation_backends_send) {
    const auto& utc = *find_zone("UTC");
    const auto& moscow = *find_zone("Europe/Moscow");
    const kartoteka::model::Timestamp want = 1795777200;
    for (const char* s : {"2026-11-27T11:00:00Z", "2026-11-27T14:00:00+03:00", "2026-11-27T14:00:00+0300",
                          "2026-11-27T14:00:00+03", "2026-11-27T14:00:00.000+0300", "2026-11-27T11:00:00.123Z",
                          "2026-11-27T11:00:00.123456789Z", "2026-11-27T11:00:00,5Z", "2026-11-27t11:00:00z",
                          "2026-11-27 11:00:00+00", "2026-11-27 14:00:00.123456+03", "2026-11-27 14:00:00 +0300",
                          "2026-11-27 11:00:00 UTC", "2026-11-27T11:00Z", "2026-11-27T08:30:00-02:30",
                          "2026-11-27T06:00:00-0500", "  2026-11-27T11:00:00Z\n", "1795777200", "1795777200000",
                          "1795777200.9", "1795777200999"}) {
        BOOST_TEST(parse_instant(s, utc).value_or(0) == want, s);
        BOOST_TEST(parse_instant(s, moscow).value_or(0) == want, s);  // a given zone wins over the source's
    }
    // Without a zone: wall-clock time in the source's zone.
    BOOST_TEST(parse_instant("2026-11-27 11:00:00", utc).value_or(0) == want);
    BOOST_TEST(parse_instant("2026-11-27T14:00:00", moscow).value_or(0) == want);
    BOOST_TEST(parse_instant("2026-11-27 14:00", moscow).value_or(0) == want);
    BOOST_TEST(parse_instant("2026-11-27", moscow).value_or(0) == want - 14 * 3600);  // local midnight
    // A repeated DST hour reads as the earlier instant; a skipped one moves forward.
    const auto& sofia = *find_zone("Europe/Sofia");
    BOOST_TEST(parse_instant("2026-10-25 03:30:00", sofia).value_or(0) == *parse_iso("2026-10-25T03:30:00+03:00"));
    BOOST_TEST(parse_instant("2026-03-29 03:30:00", sofia).value_or(0) == *parse_iso("2026-03-29T04:00:00+03:00"));
    BOOST_TEST(parse_instant("-1.5", utc).value_or(0) == -2);
    BOOST_TEST(parse_instant("0", utc).value_or(-1) == 0);
}

// The kind around the table: any instant written with any offset, in each notation, with or without
// a fraction, reads back as itself; written without a zone, it reads back in the zone it was written in
// (outside a repeated DST hour, where the earlier reading wins by rule).
BOOST_AUTO_TEST_CASE(any_instant_in_any_offset_and_notation_reads_back) {
    std::mt19937_64 rng(14);
    const auto& utc = *find_zone("UTC");
    const char* zones[] = {"Europe/Moscow", "Europe/Sofia", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham"};
    for (int i = 0; i < 20000; ++i) {
        const kartoteka::model::Timestamp t = static_cast<kartoteka::model::Timestamp>(rng() % 4102444800ULL);  // 1970..2100
        const int offset = (static_cast<int>(rng() % 113) - 56) * 15 * 60;  // -14:00 .. +14:00 in quarter hours
        const auto wall = date::sys_seconds{std::chrono::seconds{t + offset}};
        const std::string fraction = rng() % 2 ? "" : "." + std::string(1 + rng() % 9, static_cast<char>('0' + rng() % 10));
        const std::string base = date::format(rng() % 2 ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", wall) + fraction;
        const int a = offset < 0 ? -offset : offset;
        char hh[8], mm[8];
        std::snprintf(hh, sizeof hh, "%c%02d", offset < 0 ? '-' : '+', a / 3600);
        std::snprintf(mm, sizeof mm, "%02d", a % 3600 / 60);
        std::vector<std::string> forms = {base + hh + ":" + mm, base + hh + mm};
        if (a % 3600 == 0) forms.push_back(base + hh);
        if (offset == 0) forms.push_back(base + "Z");
        for (const auto& s : forms)
            if (parse_instant(s, utc) != t) BOOST_ERROR(s << " read as " << parse_instant(s, utc).value_or(-1) << ", not " << t);
        const auto* zone = find_zone(zones[rng() % 5]);
        const auto local = zone->to_local(date::sys_seconds{std::chrono::seconds{t}});
        const auto info = zone->get_info(local);
        const std::string zoneless = date::format("%Y-%m-%d %H:%M:%S", local);
        if (info.result == date::local_info::unique && parse_instant(zoneless, *zone) != t)
            BOOST_ERROR(zoneless << " in " << zone->name() << " is not " << t);
    }
}

BOOST_AUTO_TEST_CASE(what_is_not_an_instant_is_refused) {
    const auto& utc = *find_zone("UTC");
    for (const char* s : {"", " ", "yesterday", "2026-02-30T00:00:00Z", "2026-11-27T25:00:00Z", "2026-11-27T11:60:00Z",
                          "2026-11-27T11:00:00+3", "2026-11-27T11:00:00+030", "2026-11-27T11:00:00+03:0",
                          "2026-11-27T11:00:00+24:00", "2026-11-27T11:00:00.Z", "2026-11-27T11:00:00Zjunk",
                          "2026-11-27X11:00:00Z", "2026-11-27T11", "27.11.2026 11:00", "11/27/2026", "1.2.3",
                          "12345678901234567890", "--5", "2026-11-27T11:00:00  +03:00", "NaN", "infinity"})
        BOOST_TEST(!parse_instant(s, utc).has_value(), s);
    BOOST_TEST(find_zone("Mars/Olympus") == nullptr);
    // Our own edges stay strict about zones.
    BOOST_TEST(!parse_iso("2026-11-27 11:00:00").has_value());
    BOOST_TEST(!parse_iso("1795777200").has_value());
    BOOST_TEST(parse_iso("2026-11-27T14:00:00.000+0300").value_or(0) == 1795777200);
}

BOOST_AUTO_TEST_CASE(dates) {
    auto d = parse_date("2026-11-24");
    BOOST_REQUIRE(d.has_value());
    BOOST_TEST(format_date(*d) == "2026-11-24");
    BOOST_TEST(date_of(start_of(*d) + 86399) == *d);
    BOOST_TEST(!parse_date("2026-11-31").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
