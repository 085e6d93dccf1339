// Holdings and feedback in the local store (issue 20), on SQLite and PostgreSQL: round trips, numbers
// masked whatever the writer gave, and the stored card's rules reading them (the seeds' ratings, an
// offer for a held product).
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "desk/card_service.h"
#include "error.h"
#include "store_fixture.h"

using namespace kartoteka;
using kartoteka::test::for_each_store;

namespace {

constexpr model::Timestamp now = 1795000000;  // 2026-11-18

model::Id customer(storage::Store& s) {
    model::Customer c;
    c.first_name = "Maria";
    c.last_name = "Petrova";
    c.phones = {"+359888123456"};
    s.insert_customer(c, now - 800 * 86400);
    return c.id;
}

model::Holding account(model::Id who) {
    model::Holding h;
    h.customer_id = who;
    h.kind = model::HoldingKind::account;
    h.product = "Savings account";
    h.number = "BG80BNBG96611020345678";  // a writer that forgot to mask: the store masks
    h.balance = model::Balance{-1999, "BGN"};
    h.opened = 19000;
    h.as_of = now - 600;
    h.source_system = "core";
    h.external_id = "A-1";
    return h;
}

model::Feedback rating(model::Id who, model::FeedbackChannel ch, int score, model::Timestamp at) {
    model::Feedback f;
    f.customer_id = who;
    f.channel = ch;
    f.score = score;
    f.at = at;
    f.text = "card 4111 1111 1111 1111 was charged twice";
    f.source_system = "local";
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(holdings_store)

BOOST_AUTO_TEST_CASE(holdings_and_feedback_round_trip_with_numbers_masked) {
    for_each_store([](storage::Store& s) {
        const auto who = customer(s);
        auto a = account(who);
        s.insert_holding(a);
        BOOST_TEST(a.id > 0);
        BOOST_TEST(a.number == "******************5678");
        model::Holding tariff;
        tariff.customer_id = who;
        tariff.kind = model::HoldingKind::tariff;
        tariff.product = "Tariff M";
        tariff.status = model::HoldingStatus::closed;
        tariff.closed = 20000;
        s.insert_holding(tariff);
        const auto got = s.holdings_for(who);
        BOOST_REQUIRE(got.size() == 2u);
        BOOST_TEST(got[0].product == "Savings account");  // account before tariff
        BOOST_TEST(got[0].number == "******************5678");
        BOOST_REQUIRE(got[0].balance.has_value());
        BOOST_TEST(got[0].balance->minor == -1999);
        BOOST_TEST(got[0].balance->currency == "BGN");
        BOOST_TEST(got[0].opened == 19000);
        BOOST_TEST(got[0].as_of == now - 600);
        BOOST_TEST(got[0].source_system == "core");
        BOOST_TEST(got[0].external_id == "A-1");
        BOOST_TEST(!got[1].balance.has_value());
        BOOST_TEST(model::to_string(got[1].status) == std::string("closed"));
        BOOST_TEST(got[1].closed == 20000);

        auto older = rating(who, model::FeedbackChannel::review, 3, now - 5000);
        auto newer = rating(who, model::FeedbackChannel::survey, 4, now - 100);
        s.insert_feedback(older);
        s.insert_feedback(newer);
        const auto fb = s.feedback_for(who);
        BOOST_REQUIRE(fb.size() == 2u);
        BOOST_TEST(fb[0].score == 4);  // newest first
        BOOST_TEST(model::to_string(fb[1].channel) == std::string("review"));
        auto bad = rating(who, model::FeedbackChannel::survey, 6, now);
        BOOST_CHECK_THROW(s.insert_feedback(bad), Error);
    });
}

BOOST_AUTO_TEST_CASE(the_stored_card_weighs_every_rating_and_suppresses_held_products) {
    for_each_store([](storage::Store& s) {
        const auto who = customer(s);
        auto a = account(who);
        s.insert_holding(a);
        for (int score : {5, 4}) {  // the seeds' case: 5 and 4 in contacts, 3 in a review, 4 in a survey
            model::ServiceContact c;
            c.customer_id = who;
            c.status = model::ContactStatus::done;
            c.done_at = now - 86400 * score;
            c.answers.satisfaction = score;
            s.insert_contact(c);
        }
        auto review = rating(who, model::FeedbackChannel::review, 3, now - 3000);
        auto survey = rating(who, model::FeedbackChannel::survey, 4, now - 2000);
        s.insert_feedback(review);
        s.insert_feedback(survey);
        model::Offer o;
        o.customer_id = who;
        o.product = "savings account";
        o.channel = model::Channel::email;
        s.insert_offer(o);

        desk::CardLoader loader(s, 50);
        config::RetentionConfig rules;
        rules.satisfaction.weights[model::FeedbackChannel::review] = 2;  // reviews count double here
        loader.set_retention(rules, "Europe/Sofia");
        const auto c = loader.load(who, now);
        BOOST_REQUIRE(c);
        BOOST_TEST(c->holdings.size() == 1u);
        BOOST_TEST(c->feedback.size() == 2u);
        const auto& sat = c->retention.satisfaction;
        BOOST_TEST(std::abs(sat.index - (4.5 + 2 * 3 + 4) / 4) < 1e-9);  // 3.625
        BOOST_TEST(sat.warning);
        BOOST_TEST(sat.inputs.size() == 4u);
        BOOST_REQUIRE(c->offers.size() == 1u);
        BOOST_TEST(model::to_string(c->offers[0].status) == std::string("suppressed"));
        BOOST_TEST(c->retention.offers.at(0).rule == "already_has_product");
        BOOST_TEST(c->retention.offers.at(0).reason.find("******************5678") != std::string::npos);
    });
}

BOOST_AUTO_TEST_SUITE_END()
