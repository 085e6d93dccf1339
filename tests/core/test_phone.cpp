#include <boost/test/unit_test.hpp>

#include "phone/phone_normalizer.h"

using kartoteka::phone::PhoneNormalizer;

BOOST_AUTO_TEST_SUITE(phone_normalizer)

BOOST_AUTO_TEST_CASE(russian_notations_all_reach_the_same_e164) {
    PhoneNormalizer ru("RU");
    for (const char* s : {"8 (916) 123-45-67", "+7 916 1234567", "+79161234567", "8-916-123-45-67", "89161234567",
                          "007 916 123 45 67", "tel:+7-916-123-45-67", "sip:+79161234567@pbx.local;user=phone",
                          "callto://+79161234567"})
        BOOST_TEST(ru.normalize(s).value_or("none") == "+79161234567", s);
}

BOOST_AUTO_TEST_CASE(bulgarian_national_notation_uses_the_configured_region) {
    PhoneNormalizer bg("BG");
    BOOST_TEST(bg.normalize("0888 123 456").value_or("none") == "+359888123456");
    BOOST_TEST(bg.normalize("+359 888 123 456").value_or("none") == "+359888123456");
    // The same national digits mean nothing valid in Russia.
    PhoneNormalizer ru("RU");
    BOOST_TEST(!ru.normalize("0888 123 456").has_value());
    // A number with its country code is read the same whatever the default region.
    BOOST_TEST(ru.normalize("+359 888 123 456").value_or("none") == "+359888123456");
}

BOOST_AUTO_TEST_CASE(uk_numbers) {
    PhoneNormalizer gb("GB");
    BOOST_TEST(gb.normalize("07911 123456").value_or("none") == "+447911123456");
    BOOST_TEST(gb.normalize("+44 (0)7911 123456").value_or("none") == "+447911123456");
}

BOOST_AUTO_TEST_CASE(a_normalized_number_normalizes_to_itself) {
    // libphonenumber alone reads this (an old Mexican mobile with a stray "02") as +5212311447352 and
    // that as +522311447352; a stored number has to be a fixed point or lookups miss it.
    PhoneNormalizer bg("BG");
    const auto once = bg.normalize(" 0052/ 0212311447352");
    BOOST_REQUIRE(once.has_value());
    BOOST_TEST(bg.normalize(*once).value_or("none") == *once);
}

BOOST_AUTO_TEST_CASE(garbage_is_refused) {
    PhoneNormalizer ru("RU");
    for (const char* s : {"", "hello", "123", "+7 916", "++++", "8 (916) 123-45-67-89-00-11-22",
                          "99999999999999999999999999999999999999999999999999999999999999999999"})
        BOOST_TEST(!ru.normalize(s).has_value(), s);
}

BOOST_AUTO_TEST_CASE(looks_like_phone_separates_names_from_numbers) {
    BOOST_TEST(PhoneNormalizer::looks_like_phone("8 (916) 123-45-67"));
    BOOST_TEST(PhoneNormalizer::looks_like_phone("+44 7911 123456"));
    BOOST_TEST(!PhoneNormalizer::looks_like_phone("Иванов"));
    BOOST_TEST(!PhoneNormalizer::looks_like_phone("42"));
}

BOOST_AUTO_TEST_CASE(display_uses_international_format) {
    PhoneNormalizer ru("RU");
    BOOST_TEST(ru.display("+79161234567") == "+7 916 123-45-67");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(phone_fast_path)

// The fast path must agree with libphonenumber on every input: generated notations of valid and
// invalid numbers, and random phone-ish strings. Run twice so the second pass answers from the cache.
BOOST_AUTO_TEST_CASE(fast_path_agrees_with_libphonenumber) {
    std::uint64_t state = 42;
    auto next = [&] { state = state * 6364136223846793005ULL + 1442695040888963407ULL; return state >> 33; };
    std::vector<std::string> inputs = {"8 10 359 88 812 3456", "810 44 7911 123456", "+7 (916) 123-45-67",
                                       "+44 (0)7911 123456", "0044 7911 123456", "+359 2 987 6543", "02 987 6543",
                                       "8 800 555-35-35", "+1 650 253 0000", "+7 0916 123 45 67", "00",
                                       "+999 123", "8", "89161234567 ext. 12"};
    const char* seps[] = {"", " ", "-", " (", ") ", "."};
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        switch (next() % 4) {
        case 0: s = "+7"; break;
        case 1: s = "8"; break;
        case 2: s = "+359"; break;
        default: s = next() % 2 ? "0" : "+44";
        }
        const int len = 6 + static_cast<int>(next() % 7);
        for (int k = 0; k < len; ++k) {
            if (next() % 4 == 0) s += seps[next() % 6];
            s += static_cast<char>('0' + next() % 10);
        }
        inputs.push_back(s);
    }
    for (const char* region : {"RU", "BG", "GB"}) {
        PhoneNormalizer n(region);
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& in : inputs)
                BOOST_TEST(n.normalize(in).value_or("-") == n.normalize_slow(in).value_or("-"), region << " " << in);
    }
}

BOOST_AUTO_TEST_SUITE_END()
