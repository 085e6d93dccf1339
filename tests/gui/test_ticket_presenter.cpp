// The board's customer and subject columns and its ticket detail pane (issue 19), without a window.
#include <boost/test/unit_test.hpp>

#include "presenters/board_presenter.h"
#include "presenters/my_work_presenter.h"
#include "presenters/ticket_presenter.h"

using namespace kartoteka;
using gui::Tone;

namespace {

constexpr model::Timestamp kNow = 1795000000;  // 2026-11-18T11:06:40Z (14:06 in Moscow), a Wednesday

model::Ticket ticket(model::Id id, model::Id owner, const std::string& subject, model::Timestamp age) {
    model::Ticket t;
    t.id = id;
    t.customer_id = 100 + id;
    t.owner_id = owner;
    t.problem_type = "billing";
    t.subject = subject;
    t.created_at = kNow - age;
    t.events = {{1, id, model::TicketEventKind::created, t.created_at, owner, ""}};
    return t;
}

config::CalendarConfig moscow_office() {
    config::CalendarConfig c;
    c.id = "msk";
    c.timezone = "Europe/Moscow";
    for (int d = 1; d <= 5; ++d) c.hours[static_cast<std::size_t>(d)] = {{9 * 3600, 18 * 3600}};
    c.hours[6] = {{10 * 3600, 14 * 3600}};
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ticket_pane)

BOOST_AUTO_TEST_CASE(board_rows_name_the_customer_and_the_subject_and_sort_by_them) {
    config::SlaConfig cfg;
    sla::PolicySet policies(cfg);
    sla::CalendarSet calendars({});
    model::Agent ann{1, "ann", "Ann", model::Role::operator_, 0, true};
    sla::Board board(policies, calendars, sla::Directory({ann}, {}));
    board.recompute({ticket(1, 1, "Charged twice 4111 1111 1111 1111", 3600), ticket(2, 1, "Courier late", 600)}, kNow);
    gui::BoardPresenter p(nullptr);
    gui::BoardFilter f;
    f.sort_column = gui::col_customer;
    const auto v = p.present(board, f, {{101, "Петрова Анна"}});
    BOOST_TEST(v.table.columns.at(gui::col_customer) == "Customer");
    BOOST_TEST(v.table.columns.at(gui::col_subject) == "Subject");
    BOOST_REQUIRE(v.table.rows.size() == 2u);
    BOOST_TEST(v.table.rows[0].cells[gui::col_customer] == "#102");  // a name not loaded shows the id
    BOOST_TEST(v.table.rows[1].cells[gui::col_customer] == "Петрова Анна");
    BOOST_TEST(v.table.rows[1].cells[gui::col_subject].find("4111 1111") == std::string::npos);  // masked
    BOOST_TEST(v.table.rows[0].cells[gui::col_subject] == "Courier late");
    BOOST_REQUIRE(v.assignees.agents.size() == 1u);
    BOOST_TEST(v.assignees.agents[0].first == "ann");
}

BOOST_AUTO_TEST_CASE(the_detail_says_how_each_deadline_was_counted_and_on_which_calendar) {
    desk::TicketDetail d;
    d.ticket = ticket(7, 1, "Интернет пропадает", 3 * 3600);  // created 11:06 Moscow
    d.ticket.version = 4;
    d.ticket.events.push_back({2, 7, model::TicketEventKind::changed, kNow - 60, 2, "owner ann -> bob: on leave"});
    d.customer_name = "Смирнов Иван";
    d.calendar = moscow_office();
    d.policy.calendar = "msk";
    d.policy.first_response = 4 * 3600;
    sla::BusinessCalendar cal(d.calendar);
    d.sla = sla::SlaEngine::evaluate(d.ticket, d.policy, cal, kNow);
    d.directory = sla::Directory({model::Agent{1, "ann", "Ann", model::Role::operator_, 0, true},
                                  model::Agent{2, "bob", "Bob", model::Role::supervisor, 0, true}}, {});
    d.escalates_to = 2;
    const gui::TicketPresenter p(nullptr, "Europe/Moscow");
    const auto v = p.present(d);
    BOOST_TEST(v.ticket_id == 7);
    BOOST_TEST(v.version == 4);
    BOOST_TEST(v.title == "#7 Интернет пропадает");
    BOOST_TEST(v.norms == "Deadlines are counted in the working time of calendar \"msk\" (Europe/Moscow): "
                          "Mon-Fri 09:00-18:00; Sat 10:00-14:00. A warning at 75% of each target.");
    BOOST_REQUIRE(v.targets.rows.size() == 1u);
    const auto& first = v.targets.rows[0].cells;
    BOOST_TEST(first[0] == "first_response");
    BOOST_TEST(first[2] == "4h 00m");
    BOOST_TEST(first[3] == "3h 00m");
    BOOST_TEST(first[4] == "2026-11-18 11:06");
    BOOST_TEST(first[5] == "2026-11-18 15:06");  // four working hours after 11:06 on a Wednesday
    BOOST_REQUIRE(v.history.rows.size() == 2u);
    BOOST_TEST(v.history.rows[1].cells[1] == "changed");
    BOOST_TEST(v.history.rows[1].cells[2] == "Bob");
    BOOST_TEST(v.history.rows[1].cells[3] == "owner ann -> bob: on leave");
    BOOST_TEST(v.facts.back().second == "Bob");  // escalates to
}

// What the program stored in English (issue 18): a change note and the subject of a complaint a planned
// contact raised read in the screen's language; the agent's own words after the note stay as typed.
BOOST_AUTO_TEST_CASE(stored_english_reads_in_the_screens_language) {
    desk::TicketDetail d;
    d.ticket = ticket(8, 1, "Raised in a service call", 3600);
    d.ticket.events.push_back({2, 8, model::TicketEventKind::changed, kNow - 60, 2,
                               "escalated; owner ann -> bob; severity 3 -> 4; problem type billing -> connection: owner -> on leave"});
    d.directory = sla::Directory({model::Agent{1, "ann", "Ann", model::Role::operator_, 0, true},
                                  model::Agent{2, "bob", "Bob", model::Role::supervisor, 0, true}}, {});
    const std::map<std::string, std::string> ru{{"Raised in a service call", "Сообщено во время сервисного звонка"},
                                                {"escalated", "эскалировано"},
                                                {"owner {1} -> {2}", "ответственный {1} → {2}"},
                                                {"severity {1} -> {2}", "тяжесть {1} → {2}"},
                                                {"problem type {1} -> {2}", "тип проблемы {1} → {2}"},
                                                {"billing", "оплата"},
                                                {"connection", "связь"}};
    auto tr = [&ru](const char* s) { auto it = ru.find(s); return it == ru.end() ? std::string(s) : it->second; };
    const auto v = gui::TicketPresenter(tr, "Europe/Moscow").present(d);
    BOOST_TEST(v.title == "#8 Сообщено во время сервисного звонка");
    BOOST_REQUIRE(v.history.rows.size() == 2u);
    BOOST_TEST(v.history.rows[1].cells[3] ==
               "эскалировано; ответственный ann → bob; тяжесть 3 → 4; тип проблемы оплата → связь: owner -> on leave");
    BOOST_TEST(v.history.rows[0].cells[3] == "");  // a created event's empty note is not the catalogue's header
}

BOOST_AUTO_TEST_CASE(a_notification_reads_as_one_line) {
    model::Notification n;
    n.ticket_id = 12;
    n.kind = model::SlaEventKind::breach;
    n.target = model::SlaTarget::first_response;
    n.escalated = true;
    BOOST_TEST(gui::TicketPresenter::notice(n, nullptr) == "SLA breach: ticket #12, first_response (escalated to you)");
    n.kind = model::SlaEventKind::warning;
    n.escalated = false;
    BOOST_TEST(gui::TicketPresenter::notice(n, nullptr) == "SLA warning: ticket #12, first_response");
}

BOOST_AUTO_TEST_CASE(my_work_rows_say_when_and_why_not) {
    desk::WorkItem contact{desk::WorkKind::planned_contact, 1, 7, "Иванов", "how_are_you", kNow - 2 * 86400, true, false,
                           "do_not_call", "the customer asked not to be called"};
    desk::WorkItem complaint{desk::WorkKind::complaint, 3, 7, "Иванов", "Charged twice", kNow + 3600, false, true, "warning", ""};
    const gui::MyWorkPresenter p(nullptr, "Europe/Moscow");
    const auto t = p.present({contact, complaint}, kNow);
    BOOST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[0].cells[0] == "2026-11-16");  // a planned contact is due on a day
    BOOST_TEST(t.rows[0].cells[4] == "no");
    BOOST_TEST(t.rows[0].cells[5] == "the customer asked not to be called");  // the wish once, not its name too
    BOOST_TEST((t.rows[0].tone == Tone::danger));
    BOOST_TEST(t.rows[0].id == 7);
    BOOST_TEST(t.rows[1].cells[0] == "2026-11-18 15:06");
    BOOST_TEST(t.rows[1].cells[5] == "SLA: warning");
    BOOST_TEST(t.caption == "2 tasks, 1 overdue, 1 not now");
}

// A complaint's SLA state is a label and its value in every language, not two words glued together.
BOOST_AUTO_TEST_CASE(my_work_complaint_state_reads_as_label_and_value) {
    desk::WorkItem complaint{desk::WorkKind::complaint, 3, 7, "Иванов", "Charged twice", kNow + 3600, false, true, "warning", ""};
    const auto bulgarian = [](const char* s) {
        const std::string en = s;
        return en == "SLA" ? std::string("Срок") : en == "warning" ? std::string("предупреждение") : en;
    };
    const gui::MyWorkPresenter p(bulgarian, "Europe/Sofia");
    const auto t = p.present({complaint}, kNow);
    BOOST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].cells[5] == "Срок: предупреждение");
}

// A callback shows the agreed clock time and, when it is too early, the time in the screen's language:
// the template goes through the catalogue, the instant through the centre's clock.
BOOST_AUTO_TEST_CASE(my_work_callback_rows_say_the_agreed_time) {
    desk::WorkItem callback{desk::WorkKind::callback, 5, 9, "Петров", "про тариф", kNow + 3 * 3600, false, false,
                            "not_yet", "agreed for 2026-11-18 17:06",
                            {"agreed for {1}", {util::Message::instant(kNow + 3 * 3600)}}};
    const auto russian = [](const char* s) {
        const std::string en = s;
        return en == "agreed for {1}" ? std::string("договорились на {1}") : en == "not_yet" ? std::string("ещё рано") : en;
    };
    const gui::MyWorkPresenter p(russian, "Europe/Moscow");
    const auto t = p.present({callback}, kNow);
    BOOST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].cells[0] == "2026-11-18 17:06");  // a callback is due at a clock time
    BOOST_TEST(t.rows[0].cells[1] == "callback");
    BOOST_TEST(t.rows[0].cells[3] == "про тариф");
    BOOST_TEST(t.rows[0].cells[5] == "ещё рано: договорились на 2026-11-18 17:06");
    BOOST_TEST((t.rows[0].tone == Tone::muted));
}

BOOST_AUTO_TEST_SUITE_END()
