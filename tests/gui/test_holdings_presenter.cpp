// The card's Holdings tab without a window (issue 20): stale balances say so with their age, the
// satisfaction index lists its inputs, the grade shows what the next one adds, all translated.
#include <boost/test/unit_test.hpp>

#include <map>

#include "presenters/holdings_presenter.h"
#include "retention/customer_retention.h"
#include "util/time.h"

using namespace kartoteka;
using gui::Tone;

namespace {

card::Card holdings_card() {
    card::Card c;
    const model::Timestamp now = *util::parse_iso("2026-11-30T12:00:00Z");
    c.reviewed_at = now;
    model::Holding fresh;
    fresh.kind = model::HoldingKind::account;
    fresh.product = "Current account";
    fresh.number = "****************4312";
    fresh.balance = model::Balance{123456789, "RUB"};
    fresh.as_of = now - 60;
    fresh.source_system = "core";
    model::Holding stale = fresh;
    stale.kind = model::HoldingKind::card;
    stale.product = "Gold card";
    stale.number = "4111 1111 1111 1111";  // whole by mistake: the presenter masks again
    stale.stale = true;
    stale.as_of = now - 2 * 3600 - 5 * 60;
    stale.source_system = "cards";
    c.holdings = {fresh, stale};
    auto& s = c.retention.satisfaction;
    s.index = 11.5 / 3;
    s.ratings = 4;
    s.warning = true;
    s.warn_below = 4.5;
    s.channels = {{model::FeedbackChannel::contact, 2, 4.5, 1}, {model::FeedbackChannel::review, 1, 3, 1},
                  {model::FeedbackChannel::survey, 1, 4, 1}};
    s.inputs = {{model::FeedbackChannel::review, 3, now - 86400, "reviews", "Slow delivery"}};
    auto& g = c.retention.grade;
    g.grade = 'C';
    g.next = 'B';
    g.privileges = {{{{"en", "Reminders"}, {"ru", "Напоминания"}, {"bg", "Напомняния"}}}};
    g.next_adds = {{{{"en", "Free delivery"}, {"ru", "Бесплатная доставка"}, {"bg", "Безплатна доставка"}}}};
    g.missing = {util::Message{"orders a year 1.0 < 3.0"}};
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(holdings_presenter)

BOOST_AUTO_TEST_CASE(stale_balances_say_so_with_their_age) {
    const auto v = gui::HoldingsPresenter({}, "en", "Europe/Moscow").present(holdings_card());
    BOOST_REQUIRE(v.holdings.rows.size() == 2u);
    const auto& fresh = v.holdings.rows[0].cells;
    BOOST_TEST(fresh[0] == "Account");
    BOOST_TEST(fresh[3].find("RUB") != std::string::npos);
    BOOST_TEST(fresh[5] == "2026-11-30 14:59");  // the centre's wall clock
    BOOST_TEST((v.holdings.rows[0].tone == Tone::normal));
    const auto& stale = v.holdings.rows[1].cells;
    BOOST_TEST(stale[2] == "**** **** **** 1111");
    BOOST_TEST(stale[5] == "STALE, 2h 05m old (2026-11-30 12:55)");
    BOOST_TEST((v.holdings.rows[1].tone == Tone::warning));
    BOOST_TEST(v.satisfaction == "3.83 of 5 (4 ratings) — under 4.50: a warning");
    BOOST_TEST((v.satisfaction_tone == Tone::warning));
    BOOST_REQUIRE(v.why.size() == 4u);
    BOOST_TEST(v.why[0] == "In contacts: mean 4.50 of 2 ratings, weight 1");
    BOOST_TEST(v.why[3] == "3 on 2026-11-29 15:00, In reviews [reviews]: Slow delivery");
    BOOST_TEST(v.grade == "Grade C");
    BOOST_TEST(v.next == "Grade B would add:");
    BOOST_TEST(v.next_adds.at(0) == "Free delivery");
    BOOST_TEST(v.missing.at(0) == "orders a year 1.0 < 3.0");
}

BOOST_AUTO_TEST_CASE(the_tab_speaks_the_window_s_language) {
    const std::map<std::string, std::string> ru = {{"Payment card", "Платёжная карта"},
                                                   {"STALE, %s old (%s)", "УСТАРЕЛО: %s назад (%s)"},
                                                   {"%lldh %02lldm", "%lld ч %02lld мин"},
                                                   {"Grade %c would add:", "Категория %c добавит:"}};
    gui::Translate tr = [&ru](const char* s) {
        auto it = ru.find(s);
        return it == ru.end() ? std::string(s) : it->second;
    };
    const auto v = gui::HoldingsPresenter(tr, "ru", "Europe/Moscow").present(holdings_card());
    BOOST_TEST(v.holdings.rows[1].cells[0] == "Платёжная карта");
    BOOST_TEST(v.holdings.rows[1].cells[5] == "УСТАРЕЛО: 2 ч 05 мин назад (2026-11-30 12:55)");
    BOOST_TEST(v.next == "Категория B добавит:");
    BOOST_TEST(v.next_adds.at(0) == "Бесплатная доставка");
    BOOST_TEST(v.privileges.at(0) == "Напоминания");
}

BOOST_AUTO_TEST_SUITE_END()
