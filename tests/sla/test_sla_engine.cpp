// The SLA engine: a pure function of history, policy, calendar and now. Office calendar in Moscow
// (UTC+3): 09:00-13:00 and 14:00-18:00 local are 06:00-10:00 and 11:00-15:00 UTC.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "sla/sla_board.h"
#include "sla/sla_engine.h"
#include "sla_test_util.h"

using namespace kartoteka;
using model::TicketEventKind;
using sla::State;
using test::T;

namespace {

model::Ticket ticket(const char* created, std::vector<std::pair<TicketEventKind, const char*>> events = {}) {
    model::Ticket t;
    t.id = 1;
    t.owner_id = 7;
    t.problem_type = "billing";
    t.created_at = T(created);
    t.events.push_back({0, 1, TicketEventKind::created, t.created_at, 7, ""});
    for (auto& [k, at] : events) t.events.push_back({0, 1, k, T(at), 7, ""});
    return t;
}

sla::Policy policy(std::int64_t first, std::int64_t next, std::int64_t resolution) {
    return {"office", first, next, resolution, 75};
}

const sla::TargetStatus& target(const sla::TicketSla& s, model::SlaTarget which) {
    for (const auto& t : s.targets)
        if (t.target == which) return t;
    BOOST_FAIL("no such target");
    return s.targets.front();
}

struct Office {
    sla::BusinessCalendar cal = test::calendar("Europe/Moscow", test::office_hours);
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sla_engine, Office)

BOOST_AUTO_TEST_CASE(first_response_warns_then_breaches_in_working_time) {
    auto t = ticket("2015-03-30T07:00:00Z");  // Monday 10:00 local
    auto early = sla::SlaEngine::evaluate(t, policy(8 * 3600, 0, 0), cal, T("2015-03-30T13:00:00Z"));
    BOOST_TEST(early.state == State::ok);
    BOOST_TEST(early.has_deadline);
    BOOST_TEST(util::format_iso(early.next_deadline) == "2015-03-31T07:00:00Z");  // Tuesday 10:00 local
    BOOST_TEST(early.to_next_deadline == 3 * 3600);
    BOOST_TEST(early.events.empty());

    auto late = sla::SlaEngine::evaluate(t, policy(8 * 3600, 0, 0), cal, T("2015-03-31T09:00:00Z"));
    BOOST_TEST(late.state == State::breached);
    BOOST_TEST(late.to_next_deadline == -2 * 3600);
    BOOST_REQUIRE(late.events.size() == 2u);
    BOOST_TEST((late.events[0].kind == model::SlaEventKind::warning));
    BOOST_TEST(util::format_iso(late.events[0].at) == "2015-03-30T14:00:00Z");  // 6 of 8 hours used
    BOOST_TEST((late.events[1].kind == model::SlaEventKind::breach));
    BOOST_TEST(util::format_iso(late.events[1].at) == "2015-03-31T07:00:00Z");
    BOOST_TEST(late.ever_breached);
}

BOOST_AUTO_TEST_CASE(a_reply_in_time_meets_the_first_response) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::agent_reply, "2015-03-30T12:00:00Z"}});
    auto s = sla::SlaEngine::evaluate(t, policy(8 * 3600, 0, 0), cal, T("2015-04-10T00:00:00Z"));
    BOOST_TEST(target(s, model::SlaTarget::first_response).state == State::met);
    BOOST_TEST(target(s, model::SlaTarget::first_response).used == 5 * 3600);
    BOOST_TEST(s.events.empty());
    BOOST_TEST(!s.has_deadline);
}

BOOST_AUTO_TEST_CASE(waiting_for_the_customer_pauses_the_clock) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::waiting_customer, "2015-03-30T08:00:00Z"},
                                             {TicketEventKind::customer_reply, "2015-03-31T06:00:00Z"}});
    auto paused = sla::SlaEngine::evaluate(t, policy(0, 0, 4 * 3600), cal, T("2015-03-30T12:00:00Z"));
    BOOST_TEST(paused.state == State::paused);
    BOOST_TEST(target(paused, model::SlaTarget::resolution).used == 2 * 3600);
    BOOST_TEST(target(paused, model::SlaTarget::resolution).deadline == 0);
    BOOST_TEST(!paused.has_deadline);

    auto resumed = sla::SlaEngine::evaluate(t, policy(0, 0, 4 * 3600), cal, T("2015-03-31T07:00:00Z"));
    const auto& r = target(resumed, model::SlaTarget::resolution);
    BOOST_TEST(r.used == 3 * 3600);  // the afternoon and the night while waiting do not count
    BOOST_TEST(resumed.state == State::warning);
    BOOST_TEST(util::format_iso(r.warning_at) == "2015-03-31T07:00:00Z");
    BOOST_TEST(util::format_iso(r.deadline) == "2015-03-31T08:00:00Z");
}

BOOST_AUTO_TEST_CASE(history_order_and_closing) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::waiting_customer, "2015-03-30T08:00:00Z"},
                                             {TicketEventKind::customer_reply, "2015-03-31T06:00:00Z"}});
    auto shuffled = t;
    std::reverse(shuffled.events.begin(), shuffled.events.end());  // a backend may deliver them out of order
    const auto now = T("2015-03-31T07:00:00Z");
    BOOST_TEST(target(sla::SlaEngine::evaluate(shuffled, policy(0, 0, 4 * 3600), cal, now), model::SlaTarget::resolution).used ==
               3 * 3600);
    t.events.push_back({0, 1, TicketEventKind::closed, T("2015-03-31T06:30:00Z"), 7, ""});
    auto closed = sla::SlaEngine::evaluate(t, policy(8 * 3600, 0, 4 * 3600), cal, now);
    BOOST_TEST(closed.state == State::met);
    BOOST_TEST(target(closed, model::SlaTarget::resolution).used == 2 * 3600 + 1800);
    BOOST_TEST(!closed.has_deadline);
}

BOOST_AUTO_TEST_CASE(reopening_resumes_resolution_time) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::resolved, "2015-03-30T09:00:00Z"},
                                             {TicketEventKind::reopened, "2015-03-31T06:00:00Z"}});
    auto resolved = sla::SlaEngine::evaluate(t, policy(0, 0, 4 * 3600), cal, T("2015-03-30T15:00:00Z"));
    BOOST_TEST(resolved.state == State::met);
    auto s = sla::SlaEngine::evaluate(t, policy(0, 0, 4 * 3600), cal, T("2015-03-31T06:30:00Z"));
    const auto& r = target(s, model::SlaTarget::resolution);
    BOOST_TEST(r.used == 3 * 3600 + 1800);
    BOOST_TEST(r.stopped_at == 0);
    BOOST_TEST(util::format_iso(r.deadline) == "2015-03-31T07:00:00Z");
}

// Next response (issue 14) follows the field's meaning (Zendesk's next reply time; Zammad's fix of
// its update time, issue 3140): from the customer's first unanswered message to the agent's next
// reply, and not at all while no customer message waits.
BOOST_AUTO_TEST_CASE(an_answered_ticket_waiting_on_no_one_does_not_breach_next_response) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::agent_reply, "2015-03-30T07:00:00Z"},
                                             {TicketEventKind::agent_reply, "2015-03-30T08:00:00Z"}});
    auto s = sla::SlaEngine::evaluate(t, policy(8 * 3600, 2 * 3600, 0), cal, T("2015-04-03T11:30:00Z"));
    BOOST_TEST(s.state == State::ok);
    BOOST_TEST(s.events.empty());
    BOOST_TEST(!s.has_deadline);
    BOOST_REQUIRE(s.targets.size() == 1u);  // first response, met; no next-response clock was started
    BOOST_TEST(s.targets[0].state == State::met);
    BOOST_TEST(!s.ever_breached);
}

BOOST_AUTO_TEST_CASE(next_response_runs_from_the_first_unanswered_customer_message) {
    // Customer writes at 10:30 and again at 11:00 Moscow (07:30, 08:00 UTC): the clock runs from 10:30.
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::agent_reply, "2015-03-30T07:00:00Z"},
                                             {TicketEventKind::customer_reply, "2015-03-30T07:30:00Z"},
                                             {TicketEventKind::customer_reply, "2015-03-30T08:00:00Z"}});
    const auto p = policy(8 * 3600, 2 * 3600, 0);
    auto waiting = sla::SlaEngine::evaluate(t, p, cal, T("2015-03-30T09:00:00Z"));
    const auto& n = target(waiting, model::SlaTarget::next_response);
    BOOST_TEST(n.cycle == 1);
    BOOST_TEST(util::format_iso(n.started_at) == "2015-03-30T07:30:00Z");
    BOOST_TEST(n.used == 3600 + 1800);
    BOOST_TEST(n.state == State::warning);  // 75% of 2 h used at 09:00 UTC
    BOOST_TEST(util::format_iso(n.deadline) == "2015-03-30T09:30:00Z");
    BOOST_TEST(util::format_iso(waiting.next_deadline) == "2015-03-30T09:30:00Z");

    // The agent answers at 09:15 UTC: met, and nothing runs while the customer says nothing.
    t.events.push_back({0, 1, TicketEventKind::agent_reply, T("2015-03-30T09:15:00Z"), 7, ""});
    auto answered = sla::SlaEngine::evaluate(t, p, cal, T("2015-03-31T14:00:00Z"));
    BOOST_TEST(answered.state == State::ok);
    BOOST_TEST(!answered.has_deadline);
    BOOST_TEST(target(answered, model::SlaTarget::next_response).state == State::met);
    BOOST_TEST(target(answered, model::SlaTarget::next_response).used == 3600 + 2700);
    BOOST_REQUIRE(answered.events.size() == 1u);  // the warning of cycle 1
    BOOST_TEST(util::format_iso(answered.events[0].at) == "2015-03-30T09:00:00Z");

    // The customer writes again at 14:30 Moscow (11:30 UTC): cycle 2 from then; 2 working hours run out
    // at 16:30 Moscow (13:30 UTC), the warning at 16:00.
    t.events.push_back({0, 1, TicketEventKind::customer_reply, T("2015-03-30T11:30:00Z"), 7, ""});
    auto again = sla::SlaEngine::evaluate(t, p, cal, T("2015-03-30T14:00:00Z"));
    const auto& n2 = target(again, model::SlaTarget::next_response);
    BOOST_TEST(n2.cycle == 2);
    BOOST_TEST(util::format_iso(n2.started_at) == "2015-03-30T11:30:00Z");
    BOOST_TEST(again.state == State::breached);
    BOOST_REQUIRE(again.events.size() == 3u);
    BOOST_TEST(again.events[1].cycle == 2);
    BOOST_TEST(util::format_iso(again.events[1].at) == "2015-03-30T13:00:00Z");
    BOOST_TEST(util::format_iso(again.events[2].at) == "2015-03-30T13:30:00Z");
}

BOOST_AUTO_TEST_CASE(customer_messages_before_the_first_reply_are_first_response_time) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::customer_reply, "2015-03-30T06:30:00Z"},
                                             {TicketEventKind::agent_reply, "2015-03-30T07:00:00Z"}});
    auto s = sla::SlaEngine::evaluate(t, policy(8 * 3600, 3600, 0), cal, T("2015-03-31T12:00:00Z"));
    BOOST_TEST(s.state == State::ok);
    BOOST_TEST(s.events.empty());
    BOOST_TEST(s.targets.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_reopened_answered_ticket_owes_the_next_reply) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::agent_reply, "2015-03-30T07:00:00Z"},
                                             {TicketEventKind::resolved, "2015-03-30T08:00:00Z"},
                                             {TicketEventKind::reopened, "2015-03-31T06:00:00Z"}});
    auto s = sla::SlaEngine::evaluate(t, policy(8 * 3600, 2 * 3600, 0), cal, T("2015-03-31T07:00:00Z"));
    const auto& n = target(s, model::SlaTarget::next_response);
    BOOST_TEST(util::format_iso(n.started_at) == "2015-03-31T06:00:00Z");
    BOOST_TEST(n.used == 3600);
    BOOST_TEST(s.state == State::ok);
    BOOST_TEST(util::format_iso(s.next_deadline) == "2015-03-31T08:00:00Z");
}

BOOST_AUTO_TEST_CASE(events_after_now_are_not_seen) {
    auto t = ticket("2015-03-30T06:00:00Z", {{TicketEventKind::agent_reply, "2015-03-31T06:00:00Z"}});
    auto s = sla::SlaEngine::evaluate(t, policy(4 * 3600, 0, 0), cal, T("2015-03-30T12:00:00Z"));
    BOOST_TEST(s.state == State::breached);
    BOOST_TEST(target(s, model::SlaTarget::first_response).stopped_at == 0);
}

BOOST_AUTO_TEST_CASE(changing_problem_type_severity_or_calendar_recomputes_from_history) {
    auto cfg = test::config_with(
        "calendars:\n  - id: office\n    timezone: Europe/Moscow\n    hours:\n" + test::office_hours +
        "  - id: duty\n    timezone: Europe/Moscow\n    hours:\n" + test::every_day("08:00-22:00") +
        "sla:\n  calendar: office\n  default:\n    first_response: 8h\n  policies:\n"
        "    connection:\n      first_response: 4h\n      severity:\n        5: {calendar: duty, first_response: 1h}\n");
    sla::PolicySet policies(cfg.sla);
    sla::CalendarSet calendars(cfg.calendars);
    sla::Board board(policies, calendars, {});
    auto t = ticket("2015-03-28T06:00:00Z");  // Saturday 09:00 local
    const auto now = T("2015-03-28T06:30:00Z");
    auto as_billing = board.evaluate(t, now);
    BOOST_TEST(util::format_iso(as_billing.sla.next_deadline) == "2015-03-30T15:00:00Z");  // 8 h from Monday 09:00
    t.problem_type = "connection";
    t.events.push_back({0, 1, TicketEventKind::changed, now, 7, "problem_type: billing -> connection"});
    BOOST_TEST(util::format_iso(board.evaluate(t, now).sla.next_deadline) == "2015-03-30T10:00:00Z");
    t.severity = 5;  // the duty calendar works on Saturdays from 08:00
    auto urgent = board.evaluate(t, now);
    BOOST_TEST(urgent.calendar == "duty");
    BOOST_TEST(util::format_iso(urgent.sla.next_deadline) == "2015-03-28T07:00:00Z");
    t.severity = 3;
    t.calendar = "duty";  // a ticket may name its own calendar
    BOOST_TEST(util::format_iso(board.evaluate(t, now).sla.next_deadline) == "2015-03-28T10:00:00Z");
    BOOST_TEST(policies.resolve("unknown-type", 2).first_response == 8 * 3600);
}

BOOST_AUTO_TEST_SUITE_END()
