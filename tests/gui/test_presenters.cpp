#define BOOST_TEST_MODULE kartoteka gui presenters
#include <boost/test/unit_test.hpp>

#include "presenters/board_presenter.h"
#include "presenters/card_presenter.h"
#include "presenters/work_presenter.h"
#include "util/time.h"

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
    BOOST_TEST(v.facts.at(2).second == "—");  // no e-mail: the row stays, so the header keeps its height
    BOOST_TEST(v.facts.at(3).second == "3 (total 1\u202F234\u202F567.89 RUB)");
    // The alert strip, heaviest first: returned, the open complaint, the customer's own wishes, the
    // source whose part is missing, what irritates them.
    std::string keys;
    for (const auto& b : v.banners) keys += (keys.empty() ? "" : ",") + b.key;
    BOOST_TEST(keys == "returned,complaint,do_not_call,written_only,source_missing,irritants");
    BOOST_TEST((v.banners[0].tone == Tone::danger));
    BOOST_TEST(v.banners[0].text.find("Returned customer") != std::string::npos);
    BOOST_TEST(v.banners[1].text == "Open complaint #42 «»");
    BOOST_TEST(v.banners[2].text == "Do not call");
    BOOST_TEST(v.banners[4].text == "Part of the card is missing: billing (timed_out)");
    BOOST_TEST(v.timeline.rows.size() == 3u);
    BOOST_TEST(v.timeline.caption == "Showing 3 of 3\u202F214 entries");
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
    BOOST_TEST(timed.tickets.rows.at(0).cells[1] == "overdue 35m");  // "breached, overdue" said it twice
    // 27 h 57 min of working time is not "1d 3h"; the deadline is said as a clock time in the
    // centre's zone (1790000000 is 17:13 in Moscow).
    clock.state = sla::State::ok;
    clock.to_next_deadline = 27 * 3600 + 57 * 60;
    clock.next_deadline = 1790000000 + 20 * 60;
    slas = {clock};
    gui::CardPresenter moscow(ru, nullptr, "RUB", "Europe/Moscow");
    auto due = moscow.present(sample(), 1790000000, &slas);
    BOOST_TEST(due.tickets.rows.at(0).cells[1] == "ok, 27h 57m, due today 17:33");
    clock.next_deadline = 1790000000 + 86400;
    slas = {clock};
    BOOST_TEST(moscow.present(sample(), 1790000000, &slas).tickets.rows.at(0).cells[1] == "ok, 27h 57m, due 2026-09-22 17:13");
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
    BOOST_TEST(line.text == "Not yet sent: crm 2 waiting (next try in 3m)");
    BOOST_TEST((line.tone == Tone::warning));
    backlog["crm"].next_attempt_at = 1000 + 20;
    BOOST_TEST(gui::write_back_line(backlog, 1000, {}).text == "Not yet sent: crm 2 waiting (next try in under a minute)");
    backlog["crm"].next_attempt_at = 1000 + 180;
    backlog["helpdesk"] = {0, 1, 0};
    line = gui::write_back_line(backlog, 1000, {});
    BOOST_TEST(line.text == "Not yet sent: crm 2 waiting (next try in 3m), helpdesk 1 failed (kartoteka-cli outbox retry)");
    BOOST_TEST((line.tone == Tone::danger));  // given up: someone must act
}

// ---- Work from the card: offers, planned contacts, the due list, dates typed for a next step ----

namespace {

card::Card workable() {
    card::Card c = sample();
    model::Offer open, closed;
    open.id = 11;
    open.version = 4;
    open.product = "TV Start";
    open.discount_percent = 15;
    open.valid_until = 1798750800;  // 2026-12-31 21:00 UTC: already 2027 in Moscow
    open.next_step = {model::NextStepKind::office, 1795593600, "Tverskaya 1", ""};
    closed.id = 12;
    closed.product = "Router";
    closed.status = model::OfferStatus::accepted;
    c.offers = {closed, open};
    c.retention.offers = {{false, "closed", "the offer is accepted"}, {false, "quiet_hours", "it is 22:10 in Europe/Moscow"}};
    model::ServiceContact later, soon, done, others;
    later = {21, 7, model::ContactType::stay_informed, 20420, 5, model::ContactStatus::planned, "", 0, {}};
    soon = {22, 7, model::ContactType::how_are_you, 20410, 5, model::ContactStatus::planned, "", 0, {}};
    done = {23, 7, model::ContactType::how_are_you, 20400, 5, model::ContactStatus::done, "fine", 1, {5, "", ""}};
    others = {24, 7, model::ContactType::service_call, 20405, 9, model::ContactStatus::planned, "", 0, {}};
    c.contacts = {later, soon, done, others};
    retention::ContactView v;
    v.eligibility = {false, "do_not_call", "the customer asked not to be called"};
    c.retention.contacts = {retention::ContactView{}, v, retention::ContactView{}, retention::ContactView{}};
    return c;
}

model::Agent agent_as(model::Role role, model::Id id = 5) {
    model::Agent a;
    a.id = id;
    a.role = role;
    return a;
}

}  // namespace

BOOST_AUTO_TEST_CASE(open_offers_with_eligibility_for_those_who_sell) {
    gui::WorkPresenter p(nullptr, "Europe/Moscow");
    const auto offers = p.open_offers(workable(), agent_as(model::Role::operator_));
    BOOST_REQUIRE(offers.size() == 1u);  // the accepted one is done with
    BOOST_TEST(offers[0].id == 11);
    BOOST_TEST(offers[0].version == 4);  // saved with it: another seat's change is a conflict
    BOOST_TEST(offers[0].label == "TV Start −15% · phone · until 2027-01-01 · planned");  // Moscow date
    BOOST_TEST(!offers[0].eligible);
    BOOST_TEST(offers[0].eligibility == "Not now — quiet_hours: it is 22:10 in Europe/Moscow");
    BOOST_TEST(offers[0].next_step.address == "Tverskaya 1");
    BOOST_TEST(p.open_offers(workable(), agent_as(model::Role::service)).empty());  // service staff do not sell
}

BOOST_AUTO_TEST_CASE(planned_contacts_earliest_first_and_only_the_agents_own) {
    gui::WorkPresenter p([](const char* s) { return std::string(s) == "how_are_you" ? std::string("how are you") : std::string(s); },
                         "Europe/Moscow");
    const model::Timestamp now = 20412LL * 86400 + 9 * 3600;  // 2025-11-20, noon in Moscow
    // A service employee logs anyone's planned contacts; an operator only those planned for them.
    const auto all = p.planned_contacts(workable(), agent_as(model::Role::service), now);
    BOOST_REQUIRE(all.size() == 3u);
    BOOST_TEST(all[0].id == 24);
    BOOST_TEST(all[1].id == 22);
    BOOST_TEST(all[1].questionnaire);
    BOOST_TEST(all[1].label == "how are you · due 2025-11-18 (past due) · phone");
    BOOST_TEST(all[1].eligibility == "Not now — do_not_call: the customer asked not to be called");
    BOOST_TEST(all[2].label.find("past due") == std::string::npos);
    const auto mine = p.planned_contacts(workable(), agent_as(model::Role::operator_, 5), now);
    BOOST_REQUIRE(mine.size() == 2u);
    BOOST_TEST(mine[0].id == 22);
}

BOOST_AUTO_TEST_CASE(due_list_rows_carry_the_contact_and_say_who_may_not_be_called) {
    phone::PhoneNormalizer ru("RU");
    gui::WorkPresenter p(nullptr, "Europe/Moscow");
    model::Customer anna;
    anna.id = 7;
    anna.first_name = "Анна";
    anna.last_name = "Петрова";
    anna.phones = {"+79161234567"};
    retention::ContactView late, today;
    late.contact = {22, 7, model::ContactType::how_are_you, 20410, 5, model::ContactStatus::planned, "", 0, {}};
    today.contact = {23, 7, model::ContactType::service_call, 20412, 5, model::ContactStatus::planned, "", 0, {}};
    today.eligibility = {false, "written_only", "the customer wants written proposals only, no calls"};
    const auto due = p.due_contacts({{late, anna}, {today, anna}}, ru, 20412LL * 86400 + 9 * 3600);
    BOOST_REQUIRE(due.table.rows.size() == 2u);
    BOOST_REQUIRE(due.contacts.size() == 2u);
    BOOST_TEST(due.contacts[1].id == 23);
    BOOST_TEST(due.table.rows[0].id == 7);  // Enter opens the customer's card
    BOOST_TEST(due.table.rows[0].cells[3] == "+7 916 123-45-67");
    BOOST_TEST(due.table.rows[0].cells[6] == "Call now");
    BOOST_TEST((due.table.rows[0].tone == Tone::warning));  // past due
    BOOST_TEST((due.table.rows[1].tone == Tone::muted));    // may not be called now
    BOOST_TEST(due.table.caption.find("Due today: 2 contacts, 1 past due.") == 0u);
}

// m14: a person with hundreds of contacts due works a slice: who may be called now, one grade, one
// customer time zone, only the overdue, sorted by any column. The rule lives here; the panel only shows.
BOOST_AUTO_TEST_CASE(the_due_list_filters_and_sorts_without_a_window) {
    phone::PhoneNormalizer ru("RU");
    gui::WorkPresenter p(nullptr, "Europe/Moscow");
    auto customer = [](model::Id id, const char* last) {
        model::Customer c;
        c.id = id;
        c.last_name = last;
        return c;
    };
    auto contact = [](model::Id id, model::Id customer_id, model::Date due, bool may) {
        retention::ContactView v;
        v.contact = {id, customer_id, model::ContactType::how_are_you, due, 5, model::ContactStatus::planned, "", 0, {}};
        if (!may) v.eligibility = {false, "quiet_hours", "it is 23:10 in Asia/Vladivostok"};
        return v;
    };
    const model::Date today = 20412;
    const auto all = p.due_contacts({{contact(1, 11, today - 3, true), customer(11, "Яковлев")},
                                     {contact(2, 12, today - 1, false), customer(12, "Андреев")},
                                     {contact(3, 13, today, true), customer(13, "Борисов")},
                                     {contact(4, 14, today, true), customer(14, "Волков")}},
                                    ru, today * 86400LL + 9 * 3600, {'A', 'B', 'A', 'C'},
                                    {"Europe/Moscow", "Asia/Vladivostok", "Europe/Moscow", "Asia/Vladivostok"});
    BOOST_TEST(all.table.rows[0].cells[4] == "A");
    BOOST_TEST(all.table.rows[1].cells[5] == "Asia/Vladivostok");
    auto ids = [](const gui::DueList& d) {
        std::vector<model::Id> out;
        for (std::size_t i = 0; i < d.contacts.size(); ++i) {
            BOOST_TEST(d.table.rows[i].id == d.contacts[i].customer_id);  // rows and contacts stay parallel
            out.push_back(d.contacts[i].id);
        }
        return out;
    };
    gui::DueFilter f;
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1, 2, 3, 4}));
    f.may_call_now = true;
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1, 3, 4}));
    f.overdue_only = true;
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1}));
    f = {};
    f.grade = 'A';
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1, 3}));
    f = {};
    f.timezone = "Asia/Vladivostok";
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{2, 4}));
    f = {};
    f.sort_column = 2;  // customer, alphabetically in Cyrillic
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{2, 3, 4, 1}));
    f.descending = true;
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1, 4, 3, 2}));
    f.sort_column = 4;  // grade; equal grades keep the listed order
    f.descending = false;
    BOOST_TEST(ids(gui::filter_due(all, f)) == (std::vector<model::Id>{1, 3, 2, 4}));
    BOOST_TEST(gui::filter_due(all, f).table.caption == all.table.caption);
    BOOST_TEST(gui::due_zones(all) == (std::vector<std::string>{"Asia/Vladivostok", "Europe/Moscow"}));
}

BOOST_AUTO_TEST_CASE(dates_typed_for_a_next_step_are_read_in_the_centres_zone) {
    gui::WorkPresenter p([](const char* s) { return std::string(s) == "tomorrow" ? std::string("Завтра") : std::string(s); },
                         "Europe/Moscow");
    const model::Timestamp now = util::parse_iso("2026-11-24T18:00:00Z").value();  // 21:00 in Moscow
    const auto at = [](const char* iso) { return util::parse_iso(iso).value(); };
    BOOST_TEST(p.parse_when("2026-11-26 14:00", now).value() == at("2026-11-26T11:00:00Z"));
    BOOST_TEST(p.parse_when(" 26.11.2026 9:30 ", now).value() == at("2026-11-26T06:30:00Z"));
    BOOST_TEST(p.parse_when("26.11 14:00", now).value() == at("2026-11-26T11:00:00Z"));
    BOOST_TEST(p.parse_when("tomorrow 11:00", now).value() == at("2026-11-25T08:00:00Z"));
    BOOST_TEST(p.parse_when("завтра 11:00", now).value() == at("2026-11-25T08:00:00Z"));  // the interface's word, any case
    BOOST_TEST(p.parse_when("today 23:30", now).value() == at("2026-11-24T20:30:00Z"));
    BOOST_TEST(p.parse_when("", now).value() == 0);  // not given: the core says whether the step needs one
    for (const char* bad : {"26.11.2026", "31.02.2026 10:00", "2026-11-26 25:00", "next week", "26/11 10:00", "14:00"})
        BOOST_TEST(!p.parse_when(bad, now).has_value(), bad);
    BOOST_TEST(p.format_when(at("2026-11-26T11:00:00Z")) == "2026-11-26 14:00");
    BOOST_TEST(p.format_when(0) == "");
}

// Dates as the screen's language writes them: the catalogue's pattern (ru, bg: DD.MM.YYYY), ISO in
// English; what is shown reads back, and a field typed as agents do is a day or nothing.
BOOST_AUTO_TEST_CASE(dates_in_the_readers_format_read_back_the_same) {
    const gui::Translate ru = [](const char* s) {
        return std::string(s) == NC_("date format", "YYYY-MM-DD") ? std::string("DD.MM.YYYY") : std::string(s);
    };
    const gui::Translate en;
    const auto day = util::parse_date("2026-12-01").value();
    BOOST_TEST(gui::format_day(ru, day) == "01.12.2026");
    BOOST_TEST(gui::format_day(en, day) == "2026-12-01");
    // A catalogue entry that lost a field prints ISO, never a date with a hole.
    BOOST_TEST(gui::format_day([](const char*) { return std::string("DD.MM"); }, day) == "2026-12-01");
    const auto t = util::parse_iso("2026-12-01T21:05:00Z").value();
    BOOST_TEST(gui::format_moment(ru, t, "Europe/Moscow") == "02.12.2026 00:05");  // the centre's day, not UTC's
    BOOST_TEST(gui::format_moment(en, t, "Europe/Sofia") == "2026-12-01 23:05");
    BOOST_TEST(gui::format_moment(ru, 0, "Europe/Moscow") == "");
    // A core sentence's ISO day argument too, stored messages included; the CLI's English keeps ISO.
    const util::Message signal{N_("last order {1}, "), {"2026-09-23"}};
    BOOST_TEST(signal.in(ru) == "last order 23.09.2026, ");
    BOOST_TEST(signal.english() == "last order 2026-09-23, ");
    BOOST_TEST(util::Message(N_("order {1}"), {"2026-0923-1"}).in(ru) == "order 2026-0923-1");  // not a day
    gui::WorkPresenter p(ru, "Europe/Moscow");
    BOOST_TEST(p.format_when(t) == "02.12.2026 00:05");
    BOOST_TEST(p.parse_when(p.format_when(t), t).value() == t);
    const auto today = util::parse_date("2026-11-30").value();
    BOOST_TEST(gui::parse_day("01.12.2026", today, ru).value() == day);
    BOOST_TEST(gui::parse_day(" 2026-12-01 ", today, ru).value() == day);
    BOOST_TEST(gui::parse_day("01.12", today, ru).value() == day);
    BOOST_TEST(gui::parse_day("tomorrow", today, en).value() == day);
    for (const char* bad : {"", "31.02.2026", "12/01/2026", "2026-13-01", "1.12.26", "завтра утром"})
        BOOST_TEST(!gui::parse_day(bad, today, ru).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(card_times_in_the_centres_zone) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB", "Europe/Moscow");
    auto v = p.present(workable(), 1790000000);
    BOOST_TEST(v.timeline.rows.at(0).cells[0] == "2026-09-21 17:13");  // 14:13 UTC
    BOOST_TEST(v.offers.rows.at(0).cells[5] == "");  // accepted: no "may offer now" question
    BOOST_TEST(v.offers.rows.at(1).cells[6] == "office 2026-11-25 11:00 Tverskaya 1 ");
    BOOST_TEST(v.contacts.rows.at(1).cells[3] == "no — do_not_call: the customer asked not to be called");
    BOOST_TEST(v.contacts.rows.at(2).cells[4] == "fine (5/5)");
}

BOOST_AUTO_TEST_CASE(a_contacts_disposition_shows_by_its_label_before_the_summary) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB", "Europe/Moscow");
    p.set_dispositions({{"no_answer", "Нет ответа / автоответчик"}});
    model::Interaction coded, unknown, plain;
    coded.disposition = "no_answer";
    coded.summary = "not picked up";
    unknown.disposition = "retired_code";  // a code the centre no longer lists keeps its name
    unknown.summary = "old";
    plain.summary = "no code";
    const auto rows = p.timeline_rows({coded, unknown, plain});
    BOOST_TEST(rows.at(0).cells[4] == "[Нет ответа / автоответчик] not picked up");
    BOOST_TEST(rows.at(1).cells[4] == "[retired_code] old");
    BOOST_TEST(rows.at(2).cells[4] == "no code");
}

BOOST_AUTO_TEST_CASE(board_counts_per_agent_worst_first) {
    config::SlaConfig cfg;  // first response in 8 h, elapsed time
    sla::PolicySet policies(cfg);
    sla::CalendarSet calendars({});
    model::Agent ann{1, "ann", "Ann", model::Role::operator_, 10, true}, bob{2, "bob", "Bob", model::Role::operator_, 10, true},
        cid{3, "cid", "Cid", model::Role::operator_, 10, true};
    sla::Board board(policies, calendars, sla::Directory({ann, bob, cid}, {model::Team{10, "Inbound 1", 0}}));
    const model::Timestamp now = 1790000000;
    auto ticket = [&](model::Id id, model::Id owner, model::Timestamp age) {
        model::Ticket t;
        t.id = id;
        t.owner_id = owner;
        t.problem_type = "billing";
        t.created_at = now - age;
        t.events = {{0, id, model::TicketEventKind::created, t.created_at, owner, ""}};
        return t;
    };
    // Ann: one fine; Bob: one at risk (7 h of 8); Cid: one breached (9 h), one fine.
    board.recompute({ticket(1, 1, 3600), ticket(2, 2, 7 * 3600), ticket(3, 3, 9 * 3600), ticket(4, 3, 600)}, now);
    gui::BoardPresenter p(nullptr);
    const auto v = p.present(board, {});
    BOOST_REQUIRE(v.agent_counts.size() == 3u);
    BOOST_TEST(v.agent_counts[0].cells == (std::vector<std::string>{"Cid", "Inbound 1", "2", "0", "1"}));
    BOOST_TEST((v.agent_counts[0].tone == Tone::danger));
    BOOST_TEST(v.agent_counts[1].cells[0] == "Bob");
    BOOST_TEST((v.agent_counts[1].tone == Tone::warning));
    BOOST_TEST(v.agent_counts[2].cells[0] == "Ann");
    BOOST_TEST(v.agent_counts[0].id == 3);
    BOOST_REQUIRE(v.team_counts.size() == 1u);
    BOOST_TEST(v.team_counts[0].cells[1] == "4");
}

// Issue 16: every free-text field the window shows has its card numbers masked, in any grouping.
BOOST_AUTO_TEST_CASE(no_card_number_reaches_the_window_in_any_grouping) {
    const std::vector<std::string> numbers = {"4111.1111.1111.1111", "4111  1111  1111  1111", "4111/1111/1111/1111",
                                              "4111_1111_1111_1111", "4111 1111\n1111 1111",
                                              "\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11"
                                              "\uFF11\uFF11\uFF11\uFF11"};
    for (const auto& n : numbers) {
        card::Card c = sample();
        c.interactions.items[0].summary = "paid " + n;
        c.tickets[0].subject = "charged " + n;
        c.preferences.irritants = "asked for " + n;
        model::Offer o;
        o.id = 5;
        o.product = "card " + n;
        o.status = model::OfferStatus::planned;
        o.next_step.note = "bring " + n;
        o.outcome = "said " + n;
        o.script = "script " + n;
        c.offers.push_back(o);
        c.customer.pinned_note = "pinned " + n;
        model::ServiceContact k;
        k.outcome = "read out " + n;
        c.contacts.push_back(k);
        c.retention.status.signals.push_back({"discount_demand", "demanded a discount: \"" + n + "\"", 0});
        c.sources[1].detail = "backend said " + n;
        phone::PhoneNormalizer ru("RU");
        const auto v = gui::CardPresenter(ru, nullptr, "RUB").present(c, 1790000000);
        std::string shown;
        for (const auto& b : v.banners) shown += b.text + "\n";
        shown += v.next_offer.text + "\n" + v.pinned_note + "\n";
        for (const auto* t : {&v.timeline, &v.offers, &v.tickets, &v.contacts, &v.preferences})
            for (const auto& r : t->rows)
                for (const auto& cell : r.cells) shown += cell + "\n";
        for (const auto& r : v.sources)
            for (const auto& cell : r.cells) shown += cell + "\n";
        BOOST_TEST_CONTEXT(n) {
            BOOST_TEST(shown.find("4111") == std::string::npos, shown);
            BOOST_TEST(shown.find("\uFF14\uFF11\uFF11\uFF11") == std::string::npos, shown);
            BOOST_TEST(shown.find("paid ****") != std::string::npos, shown);
        }
    }
}

BOOST_AUTO_TEST_CASE(alert_strip_of_a_live_call) {
    // A returned customer with a breached complaint, in their quiet hours, who calls us themselves:
    // all of it on top of the card, heaviest first, in the screen's language; the next offer is held
    // back by the open complaint and says why; the pinned note is there.
    card::Card c;
    c.customer.id = 9;
    c.customer.last_name = "Смирнов";
    c.customer.pinned_note = "Плохо слышит: говорить медленно";
    c.status.status = model::LifecycleStatus::returned;
    c.retention.status.extra_sensitive = true;
    c.retention.status.sensitive_until = 1790000000 + 20 * 86400;
    c.preferences.calls_themselves = true;
    c.preferences.quiet_hours = {16 * 60, 18 * 60};  // 1790000000 is 17:13 in Moscow
    c.preferences.timezone = "Europe/Moscow";
    model::Ticket t;
    t.id = 3049;
    t.subject = "Интернет пропадает";
    c.tickets.push_back(t);
    sla::TicketSla clock;
    clock.state = sla::State::breached;
    clock.has_deadline = true;
    clock.to_next_deadline = -(5 * 3600 + 55 * 60);
    clock.next_deadline = 1790000000 - 2 * 3600;
    c.ticket_sla = {clock};
    model::Offer o;
    o.id = 5;
    o.product = "Mobile Family";
    o.script = "4 SIM, -20%";
    c.offers.push_back(o);
    c.retention.offers.push_back(retention::check_complaints(c.tickets));
    const std::map<std::string, std::string> ru{
        {"Open complaint", "Открытая жалоба"}, {"breached", "просрочено"}, {"open_complaint", "открыта жалоба"},
        {"complaint {1} is open; no sales offers until it is answered", "жалоба {1} открыта; без продаж"},
        {"No offer now:", "Сейчас не предлагать:"}};
    auto tr = [&ru](const char* s) { auto it = ru.find(s); return it == ru.end() ? std::string(s) : it->second; };
    phone::PhoneNormalizer phones("RU");
    const auto v = gui::CardPresenter(phones, tr, "RUB", "Europe/Moscow").present(c, 1790000000, &c.ticket_sla);
    std::string keys;
    for (const auto& b : v.banners) keys += (keys.empty() ? "" : ",") + b.key;
    BOOST_TEST(keys == "returned,complaint,quiet_hours_now,calls_themselves");
    BOOST_TEST((v.banners[1].tone == Tone::danger));
    BOOST_TEST(v.banners[1].text == "Открытая жалоба #3049 «Интернет пропадает»: overdue 5h 55m, due today 15:13");
    BOOST_TEST(v.banners[2].text == "Quiet hours now: 17:13 for the customer (Europe/Moscow), until 18:00");
    BOOST_TEST(v.next_offer.key == "no_offer");
    BOOST_TEST(v.next_offer.text == "Сейчас не предлагать: Mobile Family — открыта жалоба: жалоба #3049 открыта; без продаж");
    BOOST_TEST(v.pinned_note == "Плохо слышит: говорить медленно");
    // With the complaint answered, the offer may be made, with its script and the returned-customer caution.
    c.tickets.clear();
    c.ticket_sla.clear();
    retention::Eligibility ok;
    ok.caution = {"returned customer, extremely sensitive until {1}: offer only what helps them", {"2026-10-12"}};
    c.retention.offers = {ok};
    const auto w = gui::CardPresenter(phones, nullptr, "RUB", "Europe/Moscow").present(c, 1790000000);
    BOOST_TEST(w.next_offer.key == "next_offer");
    BOOST_TEST(w.next_offer.text ==
               "Offer now: Mobile Family — 4 SIM, -20% (returned customer, extremely sensitive until 2026-10-12: offer only what helps them)");
}
