// The supervisor board: incremental updates agree with a full recompute; escalations go to the team
// lead; breach events are recorded once on every store.
#include <boost/test/unit_test.hpp>

#include <random>

#include "sla/sla_board.h"
#include "sla_test_util.h"
#include "store_fixture.h"

using namespace kartoteka;
using model::TicketEventKind;
using test::T;

namespace {

config::Config board_config() {
    return test::config_with("calendars:\n  - id: office\n    timezone: Europe/Moscow\n    hours:\n" + test::office_hours +
                             "  - id: sydney\n    timezone: Australia/Sydney\n    hours:\n" + test::office_hours +
                             "sla:\n  calendar: office\n  default:\n    first_response: 8h\n    resolution: 24h\n"
                             "  policies:\n    billing:\n      next_response: 4h\n");
}

/// Random but plausible histories: replies, waits, customer answers, resolves and reopens.
std::vector<model::Ticket> random_tickets(int n, model::Timestamp now, std::mt19937_64& rng) {
    static const TicketEventKind kinds[] = {TicketEventKind::agent_reply, TicketEventKind::customer_reply,
                                            TicketEventKind::waiting_customer, TicketEventKind::reopened,
                                            TicketEventKind::changed};
    std::vector<model::Ticket> out;
    for (int i = 1; i <= n; ++i) {
        model::Ticket t;
        t.id = i;
        t.owner_id = 1 + static_cast<model::Id>(rng() % 4);
        t.problem_type = rng() % 2 ? "billing" : "delivery";
        t.severity = 1 + static_cast<int>(rng() % 5);
        t.calendar = rng() % 3 == 0 ? "sydney" : "";
        t.created_at = now - static_cast<model::Timestamp>(rng() % (10 * 86400));
        t.events.push_back({0, t.id, TicketEventKind::created, t.created_at, t.owner_id, ""});
        model::Timestamp at = t.created_at;
        for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
            at += static_cast<model::Timestamp>(rng() % 40000);
            t.events.push_back({0, t.id, kinds[rng() % 5], at, t.owner_id, ""});
        }
        out.push_back(t);
    }
    return out;
}

sla::Directory directory() {
    // Agents 1 and 2 in team 10 (lead 1), agents 3 and 4 in team 20 (lead 3).
    return sla::Directory({{1, "a1", "Lead One", model::Role::supervisor, 10, true},
                           {2, "a2", "Agent Two", model::Role::operator_, 10, true},
                           {3, "a3", "Lead Three", model::Role::supervisor, 20, true},
                           {4, "a4", "Agent Four", model::Role::operator_, 20, true}},
                          {{10, "Inbound", 1}, {20, "Service", 3}});
}

void check_same(const sla::Board& a, const sla::Board& b) {
    BOOST_TEST(a.rows().size() == b.rows().size());
    for (const auto& r : b.rows()) {
        const auto* x = a.row(r.ticket_id);
        BOOST_REQUIRE(x != nullptr);
        BOOST_TEST(x->sla.state == r.sla.state);
        BOOST_TEST(x->sla.next_deadline == r.sla.next_deadline);
        BOOST_TEST(x->sla.events.size() == r.sla.events.size());
    }
    BOOST_TEST(a.totals().total == b.totals().total);
    BOOST_TEST(a.totals().breached == b.totals().breached);
    for (const auto& [team, c] : b.by_team()) {
        BOOST_TEST(a.by_team().at(team).breached == c.breached);
        BOOST_TEST(a.by_team().at(team).ok == c.ok);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sla_board)

BOOST_AUTO_TEST_CASE(incremental_updates_match_a_full_recompute) {
    auto cfg = board_config();
    sla::PolicySet policies(cfg.sla);
    sla::CalendarSet calendars(cfg.calendars);
    std::mt19937_64 rng(7);
    const auto now = T("2021-04-06T12:00:00Z");
    auto tickets = random_tickets(300, now, rng);
    sla::Board board(policies, calendars, directory());
    board.recompute(tickets, now);
    BOOST_TEST(board.totals().total == 300);
    BOOST_TEST(board.totals().breached > 0);
    BOOST_TEST(board.totals().ok + board.totals().warning + board.totals().paused + board.totals().breached == 300);

    for (int i = 0; i < 50; ++i) {  // new events, changed policies, closed tickets
        auto& t = tickets[rng() % tickets.size()];
        const auto step = rng() % 3;
        if (step == 0) t.events.push_back({0, t.id, TicketEventKind::agent_reply, now - 60, t.owner_id, ""});
        if (step == 1) t.problem_type = t.problem_type == "billing" ? "delivery" : "billing";
        if (step == 2) t.status = model::TicketStatus::closed;
        board.update(t, now);
    }
    sla::Board fresh(policies, calendars, directory());
    fresh.recompute(tickets, now);
    check_same(board, fresh);
    BOOST_TEST(board.totals().total < 300);
}

BOOST_AUTO_TEST_CASE(breaches_escalate_to_the_owners_team_lead_and_rate_counts_them) {
    auto cfg = board_config();
    sla::PolicySet policies(cfg.sla);
    sla::CalendarSet calendars(cfg.calendars);
    sla::Board board(policies, calendars, directory());
    model::Ticket late;  // Monday 09:00 local, no answer by Tuesday noon: first response breached
    late.id = 5, late.owner_id = 4, late.problem_type = "delivery", late.created_at = T("2015-03-30T06:00:00Z");
    model::Ticket fine = late;
    fine.id = 6, fine.owner_id = 2, fine.created_at = T("2015-03-31T08:00:00Z");
    board.recompute({late, fine}, T("2015-03-31T09:00:00Z"));
    auto events = board.events();
    BOOST_REQUIRE(!events.empty());
    for (const auto& e : events) {
        BOOST_TEST(e.ticket_id == 5);
        BOOST_TEST(e.owner_id == 4);
        BOOST_TEST(e.escalated_to == 3);  // Agent Four's team lead
    }
    BOOST_TEST(board.by_agent().at(4).breached == 1);
    BOOST_TEST(board.by_team().at(10).ok == 1);
    BOOST_TEST(board.sorted().front()->ticket_id == 5);
    auto rate = board.breach_rate({late, fine}, T("2015-03-30T00:00:00Z"), T("2015-04-01T00:00:00Z"),
                                  T("2015-03-31T09:00:00Z"));
    BOOST_TEST(rate.tickets == 2);
    BOOST_TEST(rate.breached == 1);
    BOOST_TEST(rate.rate() == 0.5);
}

BOOST_AUTO_TEST_CASE(sla_events_are_recorded_once_on_every_store) {
    test::for_each_store([](storage::Store& s) {
        model::Customer c;
        c.first_name = "Ivan";
        s.insert_customer(c, 1);
        model::Ticket t;
        t.customer_id = c.id, t.problem_type = "billing", t.created_at = T("2015-03-30T06:00:00Z");
        s.insert_ticket(t);
        model::Ticket old = t;
        old.created_at = T("2015-01-10T06:00:00Z");
        s.insert_ticket(old);
        std::vector<model::SlaEvent> events{
            {0, t.id, model::SlaTarget::first_response, model::SlaEventKind::warning, 0, T("2015-03-30T12:00:00Z"), 4, 3, 0},
            {0, t.id, model::SlaTarget::first_response, model::SlaEventKind::breach, 0, T("2015-03-31T07:00:00Z"), 4, 3, 0},
            {0, t.id, model::SlaTarget::next_response, model::SlaEventKind::breach, 2, T("2015-04-01T07:00:00Z"), 4, 3, 0}};
        auto fresh = s.record_sla_events(events, 1000);
        BOOST_TEST(fresh.size() == 3u);
        BOOST_TEST(fresh[0].id > 0);
        BOOST_TEST(s.record_sla_events(events, 2000).empty());  // idempotent
        events[2].cycle = 3;
        BOOST_TEST(s.record_sla_events(events, 3000).size() == 1u);
        auto back = s.sla_events_for(t.id);
        BOOST_REQUIRE(back.size() == 4u);
        BOOST_TEST((back[1].kind == model::SlaEventKind::breach));
        BOOST_TEST(back[1].escalated_to == 3);
        BOOST_TEST(back[0].recorded_at == 1000);
        BOOST_TEST(s.sla_events_between(T("2015-03-31T00:00:00Z"), T("2015-04-01T00:00:00Z")).size() == 1u);
        auto created = s.tickets_created_between(T("2015-03-01T00:00:00Z"), T("2015-04-01T00:00:00Z"));
        BOOST_REQUIRE(created.size() == 1u);
        BOOST_TEST(created[0].id == t.id);
        BOOST_TEST(created[0].events.size() == 1u);
    });
}

BOOST_AUTO_TEST_SUITE_END()
