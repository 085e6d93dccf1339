#include <boost/test/unit_test.hpp>

#include "phone/phone_normalizer.h"

using kartoteka::phone::CallerId;
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
                                       "+999 123", "8", "89161234567 ext. 12", "tel:+7-916-123-45-67;ext=5",
                                       "sip:%2B79161234567@pbx;user=phone", "8 (423) 202-25-11, доб. 100",
                                       "tel:0888-123-456;phone-context=+359", "callto://%2B442079460000"};
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

// Issue 14, "Caller ids": every notation the field uses, through the one parser. Sources of the shapes:
//  - RFC 3966 (tel: URI): visual separators, ;ext=, ;isub=, ;phone-context= with a global prefix or a
//    domain; libphonenumber PR #3792 for a phone-context that is only a country code ("+41" with "079...").
//  - RFC 3261 (SIP): user part with ;user=phone, a password after ":" (19.1.3's
//    "sip:+1-212-555-1212:1234@gateway.com;user=phone"), post-dial ";postd=" in the user part (19.1.6),
//    ports and URI parameters after the host, name-addr with a display name in From.
//  - RFC 3323 / 3325: "Anonymous" <sip:anonymous@anonymous.invalid> for a withheld caller (also as
//    documented in wazo-platform/wazo-platform.org#703), tel:anonymous in P-Asserted-Identity
//    (voipbin/monorepo#782).
//  - zammad/zammad#991: help desk phone links rendered as tel:///%2B491234567890.
//  - 64characters/Telephone#611 and signalapp/Signal-Android#3522: a "+" percent-encoded as %2B in tel: URLs.
//  - gonicus/gonnect#475: callto:/tel: links with %20 inside the number.
//  - BelledonneCommunications/linphone-desktop#1005: From: <sip:0176...@pbx.easybell.de>, a national
//    number in a SIP user part, must match a contact stored internationally.
//  - TrevorPilley/phone-number-parser#492: tel:...,1234 / ;1234 / ;ext=1234 glued the extension onto
//    the number.
//  - blak3r/yaai#88: Asterisk reports CallerIDNum "<unknown>" (and empty) for an unknown caller;
//    FreePBX/cidlookup#8 shows "Unknown" standing in for a number; 2600hz/kazoo#5260 treats caller number
//    "0"/"0000000000" as anonymous.
//  - RestComm/Restcomm-Connect#1039, FreePBX/superfecta#269: an unencoded "+" in a URL query arrives as a
//    space (the pop endpoint's half is in tests/connectors/test_screen_pop.cpp).
BOOST_AUTO_TEST_SUITE(caller_id)

struct Case {
    const char* text;
    const char* e164;       ///< expected number; "" for withheld or invalid
    const char* extension;  ///< expected extension
};

void check(const PhoneNormalizer& n, const Case& c) {
    const CallerId id = n.parse(c.text);
    BOOST_TEST(id.is_number(), "[" << c.text << "] " << id.why);
    BOOST_TEST(id.e164 == c.e164, "[" << c.text << "]");
    BOOST_TEST(id.extension == c.extension, "[" << c.text << "]");
    BOOST_TEST(n.normalize(c.text).value_or("none") == c.e164, "[" << c.text << "]");
}

BOOST_AUTO_TEST_CASE(the_issue_examples_read_as_the_number) {
    PhoneNormalizer ru("RU");
    for (const char* s : {"tel:///%2B79161234567", "sip:%2B79161234567@pbx.example.local;user=phone",
                          "callto://%2B79161234567", "tel:+7%20916%20123%2045%2067"})
        check(ru, {s, "+79161234567", ""});
    // The same number "card --phone" found: search must read it as this number too (test_search_demo.cpp).
    for (const char* s : {"8 (423) 202-25-11, доб. 100", "8 (423) 202-25-11 ext. 100", "8 (423) 202-25-11 #100"})
        check(ru, {s, "+74232022511", "100"});
}

BOOST_AUTO_TEST_CASE(tel_uris) {
    PhoneNormalizer ru("RU");
    const Case cases[] = {
        {"tel:+7-916-123-45-67", "+79161234567", ""},
        {"tel:+7(916)123.45.67", "+79161234567", ""},
        {"TEL:+79161234567", "+79161234567", ""},
        {"tel://+79161234567", "+79161234567", ""},
        {"tel:%2B79161234567", "+79161234567", ""},
        {"tel:%252B79161234567", "+79161234567", ""},  // a link encoded twice
        {"tel:+7-916-123-45-67;ext=100", "+79161234567", "100"},
        {"tel:+7-916-123-45-67;isub=1134", "+79161234567", ""},
        {"tel:+7-916-123-45-67;isub=1134;ext=77", "+79161234567", "77"},
        {"tel:+7-916-123-45-67%3Bext%3D100", "+79161234567", "100"},
        {"tel:123-45-67;phone-context=+7-916", "+79161234567", ""},  // a global prefix
        {"tel:8-916-123-45-67;phone-context=+7", "+79161234567", ""},
        {"tel:0888-123-456;phone-context=+359", "+359888123456", ""},  // a national number in Bulgaria
        {"tel:+7-916-123-45-67;phone-context=+359", "+79161234567", ""},  // a global number ignores it
        {"tel:8-916-123-45-67;phone-context=example.ru", "+79161234567", ""},  // a domain: the desk's region
        {"tel:+79161234567,100", "+79161234567", "100"},
        {"tel:+79161234567;100", "+79161234567", "100"},
    };
    for (const auto& c : cases) check(ru, c);
    BOOST_TEST((ru.parse("tel:7042;phone-context=example.com").kind == CallerId::Kind::invalid));  // a PBX extension
}

BOOST_AUTO_TEST_CASE(sip_uris_and_header_values) {
    PhoneNormalizer ru("RU");
    const Case cases[] = {
        {"sip:+79161234567@pbx.example.local", "+79161234567", ""},
        {"sip:+79161234567@10.0.0.1:5060;transport=udp", "+79161234567", ""},
        {"sips:+79161234567@pbx.example.local:5061;transport=tls", "+79161234567", ""},
        {"SIP:+79161234567@PBX.EXAMPLE.LOCAL;USER=PHONE", "+79161234567", ""},
        {"sip:+7-916-123-45-67:1234@gateway.example.com;user=phone", "+79161234567", ""},  // a password
        {"sip:+7-916-123-45-67;postd=pp22@foo.example.com;user=phone", "+79161234567", ""},
        {"sip:+7-916-123-45-67;ext=100@pbx.example.local;user=phone", "+79161234567", "100"},
        {"sip:89161234567@pbx.example.de", "+79161234567", ""},  // national, as a carrier sends it
        {"sip:+79161234567;user=phone", "+79161234567", ""},    // no host
        {"sip:+79161234567@pbx.example.local?subject=call", "+79161234567", ""},
        {"<sip:+79161234567@pbx.example.local;user=phone>", "+79161234567", ""},
        {"\"Иванов Иван\" <sip:+79161234567@pbx.example.local;user=phone>;tag=a48s", "+79161234567", ""},
        {"Ivan <sip:%2B79161234567@10.0.0.1:5060>", "+79161234567", ""},
        {"<tel:+79161234567>", "+79161234567", ""},  // P-Asserted-Identity
        {"<sip:+79161234567@pbx.example.local;user=phone>, <tel:+79161234567>", "+79161234567", ""},
        {"callto:+79161234567", "+79161234567", ""},
        {"callto://+79161234567", "+79161234567", ""},
        {"callto://8%20916%20123%2045%2067", "+79161234567", ""},
    };
    for (const auto& c : cases) check(ru, c);
    for (const char* s : {"sip:ivan@pbx.example.local", "sip:100@pbx.example.local", "sip:pbx.example.local",
                          "<sip:+79161234567@pbx.example.local", "callto://ivan.petrov"})
        BOOST_TEST((ru.parse(s).kind == CallerId::Kind::invalid), s);
}

BOOST_AUTO_TEST_CASE(extensions_in_three_languages_never_join_the_number) {
    PhoneNormalizer ru("RU");
    const Case cases[] = {
        {"8 (423) 202-25-11, доб. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 доб.100", "+74232022511", "100"},
        {"8 (423) 202-25-11 Доб. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 добавочный 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 доп. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 вн. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 внутр. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 вътр. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 вт. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 ext. 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 Ext 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 extension 100", "+74232022511", "100"},
        {"8 (423) 202-25-11 x100", "+74232022511", "100"},
        {"8 (423) 202-25-11 X 100", "+74232022511", "100"},
        {"84232022511x100", "+74232022511", "100"},
        {"8 (423) 202-25-11 #100", "+74232022511", "100"},
        {"8 (423) 202-25-11#100", "+74232022511", "100"},
        {"8 (423) 202-25-11, 100", "+74232022511", "100"},
        {"+7 423 202-25-11,,100", "+74232022511", "100"},  // a dialer's pauses
        {"+7 423 202-25-11;ext=100", "+74232022511", "100"},
        {"+7 423 202-25-11 доб. 12345", "+74232022511", "12345"},  // five digits, still apart
        {"8 (423) 202-25-11 доб.", "+74232022511", ""},
    };
    for (const auto& c : cases) check(ru, c);
    PhoneNormalizer bg("BG");
    check(bg, {"02 987 6543 вътр. 100", "+35929876543", "100"});
    check(bg, {"02 987 6543, вт. 7", "+35929876543", "7"});
    // Longer than any extension: refused, never read as more number.
    BOOST_TEST((ru.parse("8 (423) 202-25-11 доб. 1234567890123456").kind == CallerId::Kind::invalid));
    BOOST_TEST((ru.parse("8 (423) 202-25-11, 8 (916) 123-45-67").kind == CallerId::Kind::invalid));
}

BOOST_AUTO_TEST_CASE(withheld_ids_are_withheld_not_errors) {
    PhoneNormalizer ru("RU");
    for (const char* s : {"", "   ", "anonymous", "Anonymous", "ANONYMOUS", "Restricted", "unavailable", "Unavailable",
                          "unknown", "<unknown>", "private", "Private", "Withheld", "sip:anonymous@anonymous.invalid",
                          "\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=1928301774",
                          "sip:c8oqz84zk7z@anonymous.invalid", "tel:anonymous", "<sip:Anonymous@pbx.example.local>",
                          "Скрытый номер", "скрытый номер", "СКРЫТЫЙ НОМЕР", "Скрит номер", "0", "0000000000", "\"\""}) {
        const CallerId id = ru.parse(s);
        BOOST_TEST((id.kind == CallerId::Kind::withheld), "[" << s << "] " << id.why);
        BOOST_TEST(id.e164.empty());
        BOOST_TEST(!ru.normalize(s).has_value(), s);
    }
}

BOOST_AUTO_TEST_CASE(an_invalid_id_says_why_without_quoting_it) {
    PhoneNormalizer ru("RU");
    for (const char* s : {"hello", "123", "+7 916", "8 916 123-45-67 доб. 1234567890123456789", "billing:B-00000042",
                          "<sip:+79161234567@pbx", "sip:ivan@pbx.example.local", "tel:+7916;ext=abc",
                          "+7 916 123-45-67; call after 6"}) {
        const CallerId id = ru.parse(s);
        BOOST_TEST((id.kind == CallerId::Kind::invalid), s);
        BOOST_TEST(!id.why.empty(), s);
        BOOST_TEST(id.why.find("916") == std::string::npos, id.why);
        BOOST_TEST(id.why.find("ivan") == std::string::npos, id.why);
    }
    BOOST_TEST(!ru.parse(std::string(600, '1')).is_number());
    BOOST_TEST(kartoteka::phone::mask_caller_id("+359888123456") == "+359*******56");
    BOOST_TEST(kartoteka::phone::mask_caller_id(" 359888123456") == " 359*******56");
    BOOST_TEST(kartoteka::phone::mask_caller_id("1234") == "**34");
    BOOST_TEST(kartoteka::phone::mask_caller_id("a\nb") == "a?b");
}

// Property: every valid number, wrapped in every notation, reads as its plain E.164 (and the extension
// apart where one was written), on a desk in its own region and on desks elsewhere.
BOOST_AUTO_TEST_CASE(every_notation_of_a_valid_number_reads_as_its_e164) {
    struct Number {
        const char* region;
        const char* e164;
        const char* national;  ///< as written in its own country
    };
    const Number numbers[] = {
        {"RU", "+79161234567", "8 (916) 123-45-67"}, {"RU", "+74232022511", "8 (423) 202-25-11"},
        {"RU", "+74951234567", "8 495 123-45-67"},   {"RU", "+78005553535", "8-800-555-35-35"},
        {"BG", "+359888123456", "0888 123 456"},     {"BG", "+35929876543", "02 987 6543"},
        {"BG", "+35932123456", "032 123 456"},       {"GB", "+447911123456", "07911 123456"},
        {"GB", "+442079460000", "020 7946 0000"},    {"GB", "+441614960000", "0161 496 0000"},
    };
    const char* extensions[][2] = {{"", ""},          {" доб. 100", "100"}, {", доб. 100", "100"}, {" ext. 100", "100"},
                                   {" #100", "100"},  {" x100", "100"},     {" вътр. 100", "100"}, {" вн. 100", "100"},
                                   {";ext=100", "100"}, {",100", "100"}};
    auto spaced = [](std::string e164) {  // "+7 916 123 45 67"-ish, URL-encoded spaces
        std::string out;
        for (std::size_t i = 0; i < e164.size(); ++i) out += (i > 1 && i % 3 == 0 ? "%20" : "") + e164.substr(i, 1);
        return out;
    };
    for (const char* desk : {"RU", "BG", "GB"}) {
        PhoneNormalizer n(desk);
        for (int pass = 0; pass < 2; ++pass) {  // the second pass answers from the fast path's cache
            for (const auto& num : numbers) {
                const std::string e = num.e164, digits = e.substr(1);
                std::vector<std::string> forms = {
                    e, "00" + digits, "tel:" + e, "tel://" + e, "tel:///%2B" + digits, "tel:" + spaced(e),
                    "TEL:%2B" + digits, "sip:" + e + "@pbx.example.local;user=phone",
                    "sip:%2B" + digits + "@10.0.0.1:5060;transport=udp", "sips:" + e + "@pbx.example.local",
                    "\"Caller\" <sip:" + e + "@pbx.example.local;user=phone>;tag=1", "<tel:" + e + ">",
                    "callto:" + e, "callto://" + e, "callto://%2B" + digits};
                if (std::string(desk) == num.region) {
                    forms.push_back(num.national);
                    forms.push_back(std::string("tel:") + num.national);
                    forms.push_back(std::string("sip:") + num.national + "@pbx.example.local");
                }
                for (const auto& form : forms) {
                    for (const auto& ext : extensions) {
                        // The extension goes with the number: before a SIP host or the end of a name-addr.
                        std::string text = form;
                        const auto at = text.find('@'), gt = text.find('>');
                        const auto where = std::min(at, gt);
                        if (where != std::string::npos) text.insert(where, ext[0]);
                        else text += ext[0];
                        const CallerId id = n.parse(text);
                        BOOST_TEST(id.e164 == num.e164, desk << " [" << text << "] " << id.why);
                        BOOST_TEST(id.extension == ext[1], desk << " [" << text << "]");
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(phone_elsewhere)

// A RU centre that also serves Bulgaria and the UK (issue 18, m5): a number typed as dialled there.
BOOST_AUTO_TEST_CASE(a_national_number_of_a_served_region_is_read_there_and_a_home_number_never_is) {
    const kartoteka::phone::PhoneNormalizer ru("RU", {"BG", "GB"});
    using V = std::vector<std::string>;
    BOOST_TEST((ru.readings_elsewhere("0871 250 405") == V{"+359871250405"}));
    BOOST_TEST((ru.readings_elsewhere("0888-123-456") == V{"+359888123456"}));
    BOOST_TEST((ru.readings_elsewhere("07911 123456") == V{"+447911123456"}));
    for (const char* home : {"8 (916) 123-45-67", "8 495 111-22-33", "+7 916 1234567", "9161234567"})
        BOOST_TEST(ru.readings_elsewhere(home).empty(), home);  // valid at home: never read abroad
    for (const char* not_national : {"+359 871 250 405", "00359871250405", "871 250 405", "11-54", "Smirnova", ""})
        BOOST_TEST(ru.readings_elsewhere(not_national).empty(), not_national);
    // The caller-id parser is unchanged: a Bulgarian national number is no number in a RU centre.
    BOOST_TEST(!ru.parse("0871 250 405").is_number());
    const kartoteka::phone::PhoneNormalizer alone("RU");
    BOOST_TEST(alone.readings_elsewhere("0871 250 405").empty());
}

BOOST_AUTO_TEST_SUITE_END()
