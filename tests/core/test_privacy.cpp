#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "privacy/card_number_mask.h"

using kartoteka::privacy::iban_valid;
using kartoteka::privacy::mask_card_numbers;

namespace {

struct Row {
    const char* what;
    std::string in, out;
};

/// Every grouping issue 16 found unmasked, and the ones people and keyboards produce besides.
const std::vector<Row>& card_numbers() {
    static const std::vector<Row> rows = {
        {"plain", "4111111111111111", "************1111"},
        {"spaces", "paid with 4111 1111 1111 1111 yesterday", "paid with **** **** **** 1111 yesterday"},
        {"two spaces", "4111  1111  1111  1111", "****  ****  ****  1111"},
        {"dots", "4111.1111.1111.1111", "****.****.****.1111"},
        {"dashes", "card 5500-0000-0000-0004.", "card ****-****-****-0004."},
        {"slashes", "4111/1111/1111/1111", "****/****/****/1111"},
        {"underscores", "4111_1111_1111_1111", "****_****_****_1111"},
        {"line break", "card 4111 1111\n1111 1111 ok", "card **** ****\n**** 1111 ok"},
        {"CR LF", "4111\r\n1111\r\n1111\r\n1111", "****\r\n****\r\n****\r\n1111"},
        {"tabs", "4111\t1111\t1111\t1111", "****\t****\t****\t1111"},
        {"dash in spaces", "4111 - 1111 - 1111 - 1111", "**** - **** - **** - 1111"},
        {"mixed separators", "4111.1111-1111/1111", "****.****-****/1111"},
        {"no-break spaces", "4111\u00A01111\u00A01111\u00A01111", "****\u00A0****\u00A0****\u00A01111"},
        {"narrow no-break spaces", "4111\u202F1111\u202F1111\u202F1111", "****\u202F****\u202F****\u202F1111"},
        {"thin spaces", "4111\u20091111\u20091111\u20091111", "****\u2009****\u2009****\u20091111"},
        {"en dashes", "4111\u20131111\u20131111\u20131111", "****\u2013****\u2013****\u20131111"},
        {"zero-width spaces", "41\u200B11111111111111", "**\u200B**********1111"},
        {"soft hyphen", "4111\u00AD1111\u00AD1111\u00AD1111", "****\u00AD****\u00AD****\u00AD1111"},
        {"full-width digits", "\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11",
         "************\uFF11\uFF11\uFF11\uFF11"},
        {"full-width, ideographic spaces",
         "\u30AB\u30FC\u30C9\uFF14\uFF11\uFF11\uFF11\u3000\uFF11\uFF11\uFF11\uFF11\u3000\uFF11\uFF11\uFF11\uFF11\u3000"
         "\uFF11\uFF11\uFF11\uFF11\u3002",
         "\u30AB\u30FC\u30C9****\u3000****\u3000****\u3000\uFF11\uFF11\uFF11\uFF11\u3002"},
        {"full-width hyphens", "\uFF14\uFF11\uFF11\uFF11\uFF0D\uFF11\uFF11\uFF11\uFF11\uFF0D\uFF11\uFF11\uFF11\uFF11\uFF0D"
                               "\uFF11\uFF11\uFF11\uFF11",
         "****\uFF0D****\uFF0D****\uFF0D\uFF11\uFF11\uFF11\uFF11"},
        {"full-width and ASCII mixed", "\uFF14\uFF11\uFF11\uFF11 1111 1111 1111", "**** **** **** 1111"},
        {"Arabic-Indic digits",
         "\u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661",
         "**** **** **** \u0661\u0661\u0661\u0661"},
        {"Extended Arabic-Indic digits", "\u06F4\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1\u06F1"
                                         "\u06F1\u06F1\u06F1\u06F1",
         "************\u06F1\u06F1\u06F1\u06F1"},
        {"Devanagari digits", "\u096A\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967\u0967"
                              "\u0967\u0967",
         "************\u0967\u0967\u0967\u0967"},
        {"mathematical bold digits", "\U0001D7D2\U0001D7CF\U0001D7CF\U0001D7CF 1111 1111 1111", "**** **** **** 1111"},
        {"Cyrillic around", "Карта 2200 7000 0000 0009, спасибо", "Карта **** **** **** 0009, спасибо"},
        {"13 digits", "4222222222222", "*********2222"},
        {"15 digits (Amex)", "3782 822463 10005", "**** ****** *0005"},
        {"19 digits", "6222021000100000008", "***************0008"},
        {"expiry after it", "4111 1111 1111 1111 12/26", "**** **** **** 1111 12/26"},
        {"short number before it", "n 12 4111 1111 1111 1111", "n 12 **** **** **** 1111"},
        {"letters glued on", "ID4111111111111111", "ID************1111"},
        {"two in one text", "4111111111111111 or 5500 0000 0000 0004", "************1111 or **** **** **** 0004"},
        {"in quotes, as JSON has it", R"({"note":"4111-1111-1111-1111"})", R"({"note":"****-****-****-1111"})"},
    };
    return rows;
}

/// What must come out as it went in.
const std::vector<Row>& not_card_numbers() {
    static const std::vector<Row> rows = {
        {"16 digits failing Luhn", "order 4111 1111 1111 1112", ""},
        {"16 digits failing Luhn, plain", "order 4111111111111112", ""},
        {"phone", "call +7 916 123 45 67", ""},
        {"phone with dots", "+7.916.123.45.67", ""},
        {"phone with brackets", "+7 (916) 123-45-67", ""},
        {"Bulgarian phone", "+359 88 812 3456", ""},
        {"two phones", "8-916-123-45-67, 8-916-765-43-21", ""},
        {"ISO date and time", "2026-11-30T12:45:00+03:00", ""},
        {"dotted date", "30.11.2026 12:45", ""},
        {"12 digits", "id 123456789012", ""},
        {"a long identifier", "trace 41111111111111110000000", ""},
        {"amount", "1 250 000,00 RUB", ""},
        {"IBAN, printed", "refund to DE89 3704 0044 0532 0130 00 please", ""},
        {"IBAN, electronic", "DE89370400440532013000", ""},
        {"IBAN with letters inside", "GB82 WEST 1234 5698 7654 32", ""},
        {"Bulgarian IBAN", "BG80 BNBG 9661 1020 3456 78", ""},
        {"empty", "", ""},
    };
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_AUTO_TEST_CASE(card_numbers_in_any_grouping_are_masked_to_the_last_four) {
    for (const auto& row : card_numbers()) {
        BOOST_TEST_CONTEXT(row.what) { BOOST_TEST(mask_card_numbers(row.in) == row.out); }
    }
}

BOOST_AUTO_TEST_CASE(other_numbers_are_left_alone) {
    for (const auto& row : not_card_numbers()) {
        BOOST_TEST_CONTEXT(row.what) { BOOST_TEST(mask_card_numbers(row.in) == row.in); }
    }
}

BOOST_AUTO_TEST_CASE(ibans_are_recognised_by_their_check_digits) {
    BOOST_TEST(iban_valid("DE89 3704 0044 0532 0130 00"));
    BOOST_TEST(iban_valid("GB82WEST12345698765432"));
    BOOST_TEST(!iban_valid("DE88 3704 0044 0532 0130 00"));
    // Right check digits, wrong length for Germany (and, by chance, valid modulo 97).
    BOOST_TEST(!iban_valid("DE88 4111 1111 1111 1111"));
    // A card number behind two letters is still a card number.
    BOOST_TEST(!iban_valid("ID4111111111111111"));
    BOOST_TEST(mask_card_numbers("DE88 4111 1111 1111 1111") == "DE88 **** **** **** 1111");
}

BOOST_AUTO_TEST_CASE(the_result_is_valid_utf8) {
    // A truncated multi-byte character and a stray Latin-1 byte become U+FFFD; the number is still masked.
    BOOST_TEST(mask_card_numbers("\xD0 4111111111111111 caf\xE9") == "\uFFFD ************1111 caf\uFFFD");
    BOOST_TEST(mask_card_numbers("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");  // a UTF-16 surrogate
    BOOST_TEST(mask_card_numbers("\xC0\xAF") == "\uFFFD\uFFFD");            // an overlong '/'
}

BOOST_AUTO_TEST_CASE(separators_do_not_chain_without_end) {
    // Five separators between digits end the run: "4111" and the rest are two numbers, neither a card.
    BOOST_TEST(mask_card_numbers("4111     111111111111") == "4111     111111111111");
}

BOOST_AUTO_TEST_SUITE_END()
