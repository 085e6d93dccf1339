// Money in each customer's own currency, and core messages as templates each screen translates.
#include <boost/test/unit_test.hpp>

#include "card/card.h"
#include "phone/phone_normalizer.h"
#include "util/message.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(money_and_messages)

model::Order order(model::Timestamp at, model::Money amount, const std::string& currency) {
    model::Order o;
    o.placed_at = at;
    o.amount = amount;
    o.currency = currency;
    return o;
}

BOOST_AUTO_TEST_CASE(a_customer_pays_in_their_own_currency) {
    phone::PhoneNormalizer ru("RU");
    // Bulgaria's money is the euro since 2026-01-01; the UK's the pound; a number tells its country.
    BOOST_TEST(ru.region_of("+359871250405") == "BG");
    BOOST_TEST(ru.region_of("+447400123456") == "GB");
    BOOST_TEST(card::customer_currency({}, ru.region_of("+359871250405"), "RUB") == "EUR");
    BOOST_TEST(card::customer_currency({}, ru.region_of("+447400123456"), "RUB") == "GBP");
    BOOST_TEST(card::customer_currency({}, "", "RUB") == "RUB");   // no phone: the centre's
    BOOST_TEST(card::customer_currency({}, "JP", "RUB") == "RUB");  // a country not listed: the centre's
    // The orders say it better than the phone: the latest order's currency.
    const std::vector<model::Order> orders{order(100, 5000, "BGN"), order(300, 2550, "EUR"), order(200, 100000, "")};
    BOOST_TEST(card::customer_currency(orders, "RU", "RUB") == "EUR");
    // Sums per currency, never across: 25.50 EUR and 1000 RUB (an order with none is the centre's) and 50 BGN.
    const auto s = card::summarize_orders(orders, "EUR", "RUB");
    BOOST_TEST(s.orders == 3);
    BOOST_TEST(s.currency == "EUR");
    BOOST_TEST(s.total == 2550);
    BOOST_TEST(s.average == 2550);
    BOOST_TEST(s.totals.size() == 3u);
    BOOST_TEST(s.totals.at("RUB") == 100000);
    BOOST_TEST(s.totals.at("BGN") == 5000);
}

BOOST_AUTO_TEST_CASE(a_message_is_translated_as_a_whole_and_keeps_its_values) {
    util::Message m{"offer #{1} {2}: {3}", {"7", "TV Premium", "accepted"},
                    {{", next: {1} on {2}", {"office", util::Message::instant(1790000000)}}, {" (said: {1})", {"{2} 100%"}}}};
    BOOST_TEST(m.english() == "offer #7 TV Premium: accepted, next: office on 2026-09-21T14:13:20Z (said: {2} 100%)");
    const std::map<std::string, std::string> ru{{"offer #{1} {2}: {3}", "предложение №{1} {2}: {3}"},
                                                 {", next: {1} on {2}", ", дальше: {1} {2}"},
                                                 {"accepted", "принято"}, {"office", "визит в офис"}};
    auto tr = [&ru](const char* s) { auto it = ru.find(s); return it == ru.end() ? std::string(s) : it->second; };
    auto local = [](long long t) { return t == 1790000000 ? std::string("21.09 17:13") : std::string("?"); };
    // Values are not templates: a customer's "{2}" in what they said stays as typed.
    BOOST_TEST(m.in(tr, local) == "предложение №7 TV Premium: принято, дальше: визит в офис 21.09 17:13 (said: {2} 100%)");
    // Stored and read back whole; what is not such a record reads as no message.
    BOOST_TEST(util::Message::from_json(m.to_json()).in(tr, local) == m.in(tr, local));
    BOOST_TEST(util::Message::from_json("").empty());
    BOOST_TEST(util::Message::from_json("not json").empty());
    BOOST_TEST(util::Message::from_json(R"({"a": [1]})").empty());
    BOOST_TEST(util::fill("{1}{9}{x}", {"a"}) == "a{9}{x}");
}

BOOST_AUTO_TEST_SUITE_END()
