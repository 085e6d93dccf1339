#include <boost/test/unit_test.hpp>

#include "privacy/card_number_mask.h"

using kartoteka::privacy::mask_card_numbers;

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_AUTO_TEST_CASE(card_numbers_are_masked_to_the_last_four) {
    BOOST_TEST(mask_card_numbers("paid with 4111 1111 1111 1111 yesterday") == "paid with **** **** **** 1111 yesterday");
    BOOST_TEST(mask_card_numbers("4111111111111111") == "************1111");
    BOOST_TEST(mask_card_numbers("card 5500-0000-0000-0004.") == "card ****-****-****-0004.");
    BOOST_TEST(mask_card_numbers("Карта 2200 7000 0000 0009, спасибо") == "Карта **** **** **** 0009, спасибо");  // МИР
}

BOOST_AUTO_TEST_CASE(other_numbers_are_left_alone) {
    // Phones, order ids and numbers failing the Luhn check are not card numbers.
    BOOST_TEST(mask_card_numbers("call +7 916 123 45 67") == "call +7 916 123 45 67");
    BOOST_TEST(mask_card_numbers("order 4111111111111112") == "order 4111111111111112");
    BOOST_TEST(mask_card_numbers("id 123456789012") == "id 123456789012");
    BOOST_TEST(mask_card_numbers("") == "");
}

BOOST_AUTO_TEST_SUITE_END()
