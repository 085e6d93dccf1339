// Money from outside (issue 20: balances) and account numbers on the card: one parser, one mask.
#include <boost/test/unit_test.hpp>

#include "privacy/account_number_mask.h"
#include "util/money.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(money_and_account_numbers)

BOOST_AUTO_TEST_CASE(decimal_text_becomes_exact_minor_units) {
    BOOST_TEST(*util::parse_money("1234.56") == 123456);
    BOOST_TEST(*util::parse_money("-12.5") == -1250);
    BOOST_TEST(*util::parse_money("+7") == 700);
    BOOST_TEST(*util::parse_money("1 234,56") == 123456);
    BOOST_TEST(*util::parse_money("1,234.56") == 123456);
    BOOST_TEST(*util::parse_money("1.234.567,8") == 123456780);
    BOOST_TEST(*util::parse_money("1'234.56") == 123456);
    BOOST_TEST(*util::parse_money("1\xC2\xA0" "234.00") == 123400);   // no-break space grouping
    BOOST_TEST(*util::parse_money("0.1000") == 10);                  // NUMERIC(18,4) as a database prints it
    BOOST_TEST(*util::parse_money(".5") == 50);
    for (const char* bad : {"", "-", "abc", "12.345", "1,234", "1.2.3,4,5", "12,34,56.7.8", "1e3", "1 23.00", "99999999999999999999"})
        BOOST_TEST(!util::parse_money(bad).has_value(), bad);
    BOOST_TEST(util::decimal_text(123456) == "1234.56");
    BOOST_TEST(util::decimal_text(-5) == "-0.05");
    BOOST_TEST(util::decimal_text(0) == "0.00");
}

BOOST_AUTO_TEST_CASE(account_numbers_show_at_most_their_last_four) {
    BOOST_TEST(privacy::mask_account_number("40817810099910004312") == "****************4312");
    BOOST_TEST(privacy::mask_account_number("4111 1111 1111 1111") == "**** **** **** 1111");
    BOOST_TEST(privacy::mask_account_number("DE89 3704 0044 0532 0130 00") == "**** **** **** **** **30 00");
    BOOST_TEST(privacy::mask_account_number("AB-12") == "**-12");       // short: never more than half
    BOOST_TEST(privacy::mask_account_number("Д-2024/17") == "*-***4/17");
    BOOST_TEST(privacy::mask_account_number("") == "");
    // Masking a masked number changes nothing: the store masks again whatever it is given.
    BOOST_TEST(privacy::mask_account_number("****************4312") == "****************4312");
}

BOOST_AUTO_TEST_SUITE_END()
