// Issue 20 on the rules alone: the satisfaction index from contacts, reviews and surveys as the weights
// say; an offer for a held product suppressed with its reason; what the next grade adds and needs;
// stale holdings with their age on a merged card.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "card/card_json.h"
#include "card/card_review.h"
#include "connector/identity_merge.h"
#include "config/config.h"
#include "error.h"
#include "retention/customer_retention.h"
#include "retention_builders.h"

using namespace kartoteka;
using model::FeedbackChannel;
using test::day;
using test::test_now;

namespace {

model::ServiceContact rated_contact(int score, model::Timestamp at) {
    model::ServiceContact c;
    c.status = model::ContactStatus::done;
    c.done_at = at;
    c.answers.satisfaction = score;
    return c;
}

model::Feedback rating(FeedbackChannel channel, int score, model::Timestamp at, std::string source = "reviews") {
    model::Feedback f;
    f.channel = channel;
    f.score = score;
    f.at = at;
    f.source_system = std::move(source);
    return f;
}

/// The seeds' case (003): 5 and 4 in contacts, 3 in a review, 4 in a survey.
retention::CustomerHistory seeds_ratings() {
    auto h = test::customer_with_order(10);
    h.contacts = {rated_contact(5, test_now() - 20 * day), rated_contact(4, test_now() - 10 * day)};
    h.feedback = {rating(FeedbackChannel::review, 3, test_now() - 5 * day),
                  rating(FeedbackChannel::survey, 4, test_now() - 2 * day, "survey")};
    return h;
}

model::Holding holding(const std::string& product, model::HoldingKind kind = model::HoldingKind::card) {
    model::Holding h;
    h.kind = kind;
    h.product = product;
    h.number = "**** **** **** 1111";
    h.balance = model::Balance{1234567, "RUB"};
    h.opened = util::date_of(test_now()) - 400;
    h.source_system = "billing";
    h.external_id = "H-1";
    return h;
}

model::Offer offer_of(const std::string& product) {
    model::Offer o;
    o.id = 7;
    o.customer_id = 1;
    o.product = product;
    o.channel = model::Channel::email;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(holdings_feedback)

BOOST_AUTO_TEST_CASE(the_index_combines_contacts_reviews_and_surveys_as_the_weights_say) {
    const auto c = config::parse_config("retention:\n  satisfaction: {weights: {contact: 1, review: 1, survey: 1}, warn_below: 4.5}\n",
                                        "test.yaml").retention;
    const auto h = seeds_ratings();
    auto s = retention::assess(h, c, "Europe/Moscow", test_now()).satisfaction;
    // Each channel's mean, weighted: (4.5 x 1 + 3 x 1 + 4 x 1) / 3.
    BOOST_TEST(std::abs(s.index - 11.5 / 3) < 1e-9);
    BOOST_TEST(s.ratings == 4);
    BOOST_TEST(s.warning);
    BOOST_TEST(s.warn_below == 4.5);
    BOOST_REQUIRE(s.channels.size() == 3u);
    BOOST_TEST(s.channels[0].mean == 4.5);
    BOOST_TEST(s.channels[1].mean == 3.0);
    BOOST_REQUIRE(s.inputs.size() == 4u);  // every rating, newest first: the "why"
    BOOST_TEST(model::to_string(s.inputs[0].channel) == std::string("survey"));
    BOOST_TEST(s.inputs[0].source == "survey");
    BOOST_TEST(s.inputs[3].source == "local");
    const auto why = retention::explain(s);
    BOOST_REQUIRE(why.size() == 7u);
    BOOST_TEST(why[0] == "contact: mean 4.50 of 2 ratings, weight 1");
    BOOST_TEST(why[1] == "review: mean 3.00 of 1 rating, weight 1");
    BOOST_TEST(why[3].find("4 in a survey on 2026-11-22 [survey]") != std::string::npos, why[3]);

    // Other weights give another index: contacts count twice, reviews not at all.
    const auto w = config::parse_config("retention:\n  satisfaction: {weights: {contact: 2, review: 0, survey: 1}}\n",
                                        "test.yaml").retention;
    s = retention::assess(h, w, "Europe/Moscow", test_now()).satisfaction;
    BOOST_TEST(std::abs(s.index - (2 * 4.5 + 4) / 3) < 1e-9);
    BOOST_TEST(s.ratings == 3);  // the review is shown, not counted
    BOOST_TEST(retention::explain(s)[1] == "review: mean 3.00 of 1 rating, weight 0 (not counted)");
    BOOST_TEST(s.warning);  // 4.33 is still under 4.5
}

BOOST_AUTO_TEST_CASE(bad_satisfaction_and_grade_settings_are_named_by_file_line_and_key) {
    auto error_of = [](const std::string& yaml) -> std::string {
        try {
            config::parse_config(yaml, "test.yaml");
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    auto e = error_of("retention:\n  satisfaction:\n    weights: {contact: 0, review: 0, survey: 0}\n");
    BOOST_TEST(e.find("retention.satisfaction.weights") != std::string::npos, e);
    e = error_of("retention:\n  satisfaction:\n    weights: {calls: 1}\n");
    BOOST_TEST(e.find("test.yaml:3") != std::string::npos, e);
    BOOST_TEST(e.find("calls") != std::string::npos, e);
    e = error_of("retention:\n  value: {satisfaction_warning_below: 4}\n  satisfaction: {warn_below: 4.2}\n");
    BOOST_TEST(e.find("keep one") != std::string::npos, e);
    e = error_of("retention:\n  grades:\n    B:\n      privileges:\n        - {en: Free delivery, ru: Бесплатная доставка}\n");
    BOOST_TEST(e.find("test.yaml:5") != std::string::npos, e);
    BOOST_TEST(e.find("retention.grades.B.privileges[0].bg") != std::string::npos, e);
    e = error_of("retention:\n  grades:\n    C:\n      conditions: {min_orders_per_year: 1}\n");
    BOOST_TEST(e.find("retention.grades.C.conditions") != std::string::npos, e);
    e = error_of("retention:\n  grades:\n    D: {privileges: []}\n");
    BOOST_TEST(e.find("retention.grades.D") != std::string::npos, e);

    const auto c = config::parse_config("retention:\n  grades:\n    B:\n      conditions: {min_orders_per_year: 2}\n"
                                        "      privileges:\n        - {en: Free delivery, ru: Доставка, bg: Доставка}\n",
                                        "test.yaml").retention;
    BOOST_TEST(c.value.tier_b.min_orders_per_year == 2.0);
    BOOST_REQUIRE(c.grades.privileges.at('B').size() == 1u);
    BOOST_TEST(c.grades.privileges.at('B')[0].text.at("ru") == "Доставка");
}

BOOST_AUTO_TEST_CASE(an_offer_for_a_held_product_is_suppressed_with_its_reason) {
    auto h = test::customer_with_order(10);
    h.holdings = {holding("Gold card")};
    h.offers = {offer_of("gold CARD "), offer_of("Deposit")};
    const config::RetentionConfig rules;
    card::Card c;
    c.customer = h.customer;
    c.offers = h.offers;
    c.holdings = h.holdings;
    c.retention = retention::assess(h, rules, "Europe/Moscow", test_now());
    BOOST_TEST(c.retention.offers[0].rule == "already_has_product");
    BOOST_TEST(c.retention.offers[0].reason == "holds Gold card (card **** **** **** 1111, since 2025-10-20)");
    card::review_card(c, rules, test_now());
    BOOST_TEST(model::to_string(c.offers[0].status) == std::string("suppressed"));
    BOOST_TEST(model::to_string(c.offers[1].status) == std::string("planned"));
    const auto j = card::to_json(c);
    BOOST_TEST(j["offers"][0]["status"] == "suppressed");
    BOOST_TEST(j["offers"][0]["eligibility"]["rule"] == "already_has_product");

    // A closed holding is history: its product may be offered again.
    h.holdings[0].status = model::HoldingStatus::closed;
    BOOST_TEST(retention::assess(h, rules, "Europe/Moscow", test_now()).offers[0].eligible);
    // A backend's offer (no verdict from the store's rules) is suppressed on the merged card too.
    c.offers.push_back(offer_of("Gold card"));
    card::review_card(c, rules, test_now());
    BOOST_TEST(model::to_string(c.offers[2].status) == std::string("suppressed"));
    BOOST_TEST(c.retention.offers.at(2).rule == "already_has_product");
}

BOOST_AUTO_TEST_CASE(a_c_customer_sees_what_b_adds_and_what_is_missing) {
    const auto rules = config::parse_config("", "empty.yaml").retention;
    const auto h = test::customer_with_order(10, 50000);  // one small order: grade C
    const auto r = retention::assess(h, rules, "Europe/Moscow", test_now());
    BOOST_TEST(r.grade.grade == 'C');
    BOOST_TEST(r.grade.next == 'B');
    BOOST_REQUIRE(r.grade.privileges.size() == 1u);
    BOOST_REQUIRE(r.grade.next_adds.size() == 2u);  // the reminders C already has are not news
    BOOST_TEST(retention::privilege_text(r.grade.next_adds[0], "en") == "Free delivery");
    BOOST_TEST(retention::privilege_text(r.grade.next_adds[1], "ru") == "Скидка 5% на каждый заказ");
    BOOST_TEST(retention::privilege_text(r.grade.next_adds[1], "bg") == "5% отстъпка от всяка поръчка");
    BOOST_REQUIRE(r.grade.missing.size() == 2u);
    BOOST_TEST(r.grade.missing[0].english() == "annual turnover 500.00 < 20,000.00");
    BOOST_TEST(r.grade.missing[1].english() == "orders a year 1.0 < 3.0");
    card::Card c;
    c.retention = r;
    const auto j = card::to_json(c)["value"]["grade"];
    BOOST_TEST(j["grade"] == "C");
    BOOST_TEST(j["next"] == "B");
    BOOST_TEST(j["next_adds"][0]["bg"] == "Безплатна доставка");
    BOOST_TEST(j["missing"].size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_down_source_s_holdings_are_stale_with_their_age) {
    card::Card c;
    c.sources = {{"local", card::SourceStatus::ok, test_now(), 1, ""},
                 {"billing", card::SourceStatus::stale, test_now() - 3 * 3600 - 300, 0, "down: connection refused"},
                 {"crm", card::SourceStatus::ok, test_now(), 20, ""}};
    c.holdings = {holding("Gold card"), holding("Tariff M", model::HoldingKind::tariff)};
    c.holdings[1].source_system = "crm";
    c.holdings[1].balance.reset();
    card::review_card(c, config::RetentionConfig{}, test_now());
    BOOST_REQUIRE(c.holdings.size() == 2u);
    const auto& stale = c.holdings[0];
    BOOST_TEST(stale.stale);
    BOOST_TEST(stale.as_of == test_now() - 3 * 3600 - 300);
    BOOST_TEST(card::holding_age(c, stale) == 3 * 3600 + 300);
    BOOST_TEST(card::age_text(card::holding_age(c, stale)) == "3 h 5 min");
    BOOST_TEST(!c.holdings[1].stale);
    BOOST_TEST(c.holdings[1].as_of == test_now());
    const auto j = card::to_json(c)["holdings"];
    BOOST_TEST(j[0]["stale"] == true);
    BOOST_TEST(j[0]["age_s"] == 3 * 3600 + 300);
    BOOST_TEST(j[0]["balance"]["amount"] == "12345.67");
    BOOST_TEST(j[0]["balance"]["currency"] == "RUB");
    BOOST_TEST(j[1]["stale"] == false);
    BOOST_TEST(j[1]["balance"].is_null());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(holdings_merge)

BOOST_AUTO_TEST_CASE(a_record_seen_through_the_store_and_its_backend_counts_once) {
    card::Card local;
    local.customer.id = 1;
    local.customer.phones = {"+79161234567"};
    model::Holding stored = holding("Gold card");
    stored.id = 5;  // the store's copy of billing's record
    stored.balance->minor = 100;
    local.holdings = {stored};
    local.feedback = {rating(FeedbackChannel::review, 3, test_now() - day)};
    local.feedback[0].external_id = "R-1";
    connector::SourceRecord live;
    model::Holding fresh = holding("Gold card");
    fresh.balance->minor = 250;
    live.holdings = {fresh, holding("Deposit")};
    live.holdings[1].external_id = "H-2";
    live.feedback = local.feedback;
    // What the backend sends carries its own name, as a connector sets it.
    for (auto& h : live.holdings) h.source_system = "bank";
    live.feedback[0].source_system = "bank";
    connector::Lookup lookup;
    lookup.phone = "+79161234567";
    const phone::PhoneNormalizer phones("RU");
    const auto c = connector::merge_card(local, 50, {{"bank", 20, live}}, lookup, phones);
    BOOST_REQUIRE(c.holdings.size() == 2u);
    BOOST_TEST(c.holdings[0].product == "Gold card");
    BOOST_TEST(c.holdings[0].balance->minor == 250);  // the live read replaces the stored copy
    BOOST_TEST(c.holdings[0].source_system == "bank");
    BOOST_TEST(c.holdings[0].id == 0);
    BOOST_TEST(c.feedback.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
