#define BOOST_TEST_MODULE kartoteka gui presenters
#include <boost/test/unit_test.hpp>

#include "presenters/card_presenter.h"

using namespace kartoteka;
using gui::Tone;

namespace {

card::Card sample() {
    card::Card c;
    c.customer.id = 7;
    c.customer.first_name = "Анна";
    c.customer.last_name = "Петрова";
    c.customer.phones = {"+79161234567"};
    c.status.status = model::LifecycleStatus::returned;
    c.orders.orders = 3;
    c.orders.total = 123456789;
    c.preferences.do_not_call = true;
    c.preferences.written_only = true;
    c.preferences.irritants = "Не звонить до 10 утра";
    c.preferences.quiet_hours = {21 * 60, 9 * 60};
    c.preferences.timezone = "Europe/Moscow";
    for (int k = 0; k < 3; ++k) {
        model::Interaction i;
        i.id = k + 1;
        i.occurred_at = 1790000000 + k * 3600;
        i.summary = "call " + std::to_string(k) + (k == 2 ? " paid by 4111 1111 1111 1111" : "");
        i.source_system = "crm";
        c.interactions.items.push_back(i);
    }
    c.interactions.total = 3214;
    model::Ticket t;
    t.id = 42;
    t.severity = 5;
    t.problem_type = "billing";
    c.tickets.push_back(t);
    c.sources.push_back({"local", card::SourceStatus::ok, 0, 2, ""});
    c.sources.push_back({"billing", card::SourceStatus::timed_out, 0, 800, "no answer in 800 ms"});
    return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(header_banners_and_tables) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB");
    auto v = p.present(sample(), 1790000000);
    BOOST_TEST(v.title == "Петрова Анна");
    BOOST_TEST(v.facts.at(1).second == "+7 916 123-45-67");
    BOOST_TEST(v.facts.at(2).second == "3 (total 1\u202F234\u202F567.89 RUB)");
    // Returned customers and do-not-call/written-only are unmistakable.
    BOOST_REQUIRE(v.banners.size() == 4u);
    BOOST_TEST((v.banners[0].tone == Tone::danger));
    BOOST_TEST(v.banners[0].text.find("Returned customer") != std::string::npos);
    BOOST_TEST(v.banners[1].text == "Do not call");
    BOOST_TEST(v.timeline.rows.size() == 3u);
    BOOST_TEST(v.timeline.caption == "Showing 3 of 3\u202F214");
    BOOST_TEST(v.timeline.rows[0].cells[3] == "crm");
    BOOST_TEST(v.timeline.rows[2].cells[4] == "call 2 paid by **** **** **** 1111");  // card numbers never shown
    BOOST_TEST(v.tickets.rows.at(0).cells[1] == "—");  // no SLA clock given
    // With its SLA clock: the countdown in working time, coloured by the clock's state.
    sla::TicketSla clock;
    clock.state = sla::State::breached;
    clock.has_deadline = true;
    clock.to_next_deadline = -35 * 60;
    std::vector<sla::TicketSla> slas{clock};
    auto timed = p.present(sample(), 1790000000, &slas);
    BOOST_TEST(timed.tickets.rows.at(0).cells[1] == "breached, overdue 35m");
    BOOST_TEST((timed.tickets.rows.at(0).tone == Tone::danger));
    BOOST_TEST(v.preferences.rows.at(5).cells[1] == "21:00–09:00 Europe/Moscow");
    BOOST_TEST((v.sources.at(1).tone == Tone::danger));
    BOOST_TEST(v.sources.at(1).cells[2] == "no answer in 800 ms");
}

BOOST_AUTO_TEST_CASE(translation_function_is_applied) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, [](const char* s) { return std::string("[") + s + "]"; });
    auto v = p.present(sample(), 0);
    BOOST_TEST(v.facts.at(0).first == "[Status]");
    BOOST_TEST(v.facts.at(0).second == "[returned]");
}

BOOST_AUTO_TEST_CASE(number_formatting) {
    BOOST_TEST(gui::CardPresenter::group_thousands(0) == "0");
    BOOST_TEST(gui::CardPresenter::group_thousands(999) == "999");
    BOOST_TEST(gui::CardPresenter::group_thousands(1000) == "1\u202F000");
    BOOST_TEST(gui::CardPresenter::money(-150) == "-1.50");
}

BOOST_AUTO_TEST_CASE(write_backs_waiting_are_named_per_backend) {
    std::map<std::string, connector::OutboxBacklog> backlog;
    BOOST_TEST(gui::write_back_line(backlog, 1000, {}).text.empty());
    backlog["crm"] = {2, 0, 1000 + 180};
    auto line = gui::write_back_line(backlog, 1000, {});
    BOOST_TEST(line.text == "Not yet sent: crm 2 (next try in 3m)");
    BOOST_TEST((line.tone == Tone::warning));
    backlog["crm"].next_attempt_at = 1000 + 20;
    BOOST_TEST(gui::write_back_line(backlog, 1000, {}).text == "Not yet sent: crm 2 (next try in under a minute)");
    backlog["crm"].next_attempt_at = 1000 + 180;
    backlog["helpdesk"] = {0, 1, 0};
    line = gui::write_back_line(backlog, 1000, {});
    BOOST_TEST(line.text == "Not yet sent: crm 2 (next try in 3m), helpdesk 1 failed (kartoteka-cli outbox retry)");
    BOOST_TEST((line.tone == Tone::danger));  // given up: someone must act
}
