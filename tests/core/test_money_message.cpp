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

BOOST_AUTO_TEST_CASE(a_counted_message_takes_the_form_its_count_asks_for) {
    const auto m = util::Message::counted(NP_("{1} day ago", "{1} days ago"), 21, {"21"});
    // Without a catalogue: the English rule (one for 1, the plural otherwise).
    BOOST_TEST(m.english() == "21 days ago");
    BOOST_TEST(util::Message::counted(NP_("{1} day ago", "{1} days ago"), 1, {"1"}).english() == "1 day ago");
    // A translator with a plural rule gets both English forms and the count (here Russian's three forms).
    std::vector<unsigned long> asked;
    util::Translator ru{[](const char* s) { return std::string(s); },
                        [&asked](const char*, const char*, unsigned long n) {
                            asked.push_back(n);
                            const auto form = n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
                            return std::string(form == 0 ? "{1} день назад" : form == 1 ? "{1} дня назад" : "{1} дней назад");
                        }};
    BOOST_TEST(m.in(ru) == "21 день назад");
    // Stored as JSON with its plural and count, and read back to the same words.
    const auto stored = util::Message::from_json(m.to_json());
    BOOST_TEST(stored.plural == "{1} days ago");
    BOOST_TEST(stored.count == 21);
    BOOST_TEST(stored.in(ru) == "21 день назад");
    BOOST_TEST(util::Message::counted(NP_("{1} day ago", "{1} days ago"), 22, {"22"}).in(ru) == "22 дня назад");
    BOOST_TEST(asked == (std::vector<unsigned long>{21, 21, 22}));
    // A translator of single strings alone (a test's map, the CLI) still picks by the English rule.
    util::Translator one_only = [](const char* s) { return std::string(s) == "{1} days ago" ? std::string("{1} jours") : std::string(s); };
    BOOST_TEST(m.in(one_only) == "21 jours");
}

BOOST_AUTO_TEST_SUITE_END()
