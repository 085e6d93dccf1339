#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(dates) {
    auto d = parse_date("2026-11-24");
    BOOST_REQUIRE(d.has_value());
    BOOST_TEST(format_date(*d) == "2026-11-24");
    BOOST_TEST(date_of(start_of(*d) + 86399) == *d);
    BOOST_TEST(!parse_date("2026-11-31").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
