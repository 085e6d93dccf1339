// What a supervisor does to a ticket from the board (issue 19), on SQLite and PostgreSQL: reassign to an
// agent or a team, escalate (a disabled lead is passed over), change severity or problem type; each
// supervisors-only, version-checked, audited, and kept in the ticket's history.
#include <boost/test/unit_test.hpp>

#include "centre.h"

using namespace kartoteka;
using test::Centre;
using test::kind_of;

namespace {

constexpr model::Timestamp kNow = 1795000000;  // 2026-11-18T11:06:40Z, a Wednesday

struct Floor {
    model::Id ticket = 0, customer = 0;
};

/// An admin, a supervisor, team Inbound led by lena with olga and oleg; olga's complaint from an hour
/// ago and one of lena's, so lena and olga each have an open ticket and oleg none.
Floor set_up(Centre& c) {
    test::staff_inbound(c);
    auto& admin = c.as("anna");
    admin.add_agent({"oleg", "Oleg Operatorov", model::Role::operator_, "Inbound"});
    Floor f;
    admin.with_store([&](storage::Store& s) {
        model::Customer cu;
        cu.first_name = "Иван";
        cu.last_name = "Иванов";
        s.insert_customer(cu, kNow - 86400);
        f.customer = cu.id;
        for (const char* owner : {"lena", "olga"}) {
            model::Ticket t;
            t.customer_id = cu.id;
            t.problem_type = "billing";
            t.subject = "Charged twice";
            t.owner_id = s.agent_by_login(owner)->id;
            t.created_at = kNow - 3600;
            s.insert_ticket(t);
            f.ticket = t.id;  // olga's, the last
        }
    });
    return f;
}

std::string owner_of(desk::Desk& d, model::Id ticket) {
    const auto detail = d.ticket_detail(ticket);
    return detail.directory.agents.at(detail.ticket.owner_id).login;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ticket_actions)

BOOST_AUTO_TEST_CASE(a_supervisor_reassigns_and_the_history_and_audit_say_so) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto f = set_up(c);
        desk::TicketChange to_oleg;
        to_oleg.owner = "oleg";
        to_oleg.note = "olga is on leave";
        BOOST_TEST((kind_of([&] { c.as("olga").change_ticket(f.ticket, to_oleg); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { c.as("olga").ticket_detail(f.ticket); }) == ErrorKind::forbidden));
        auto& sup = c.as("sveta");
        const auto seen = sup.ticket_detail(f.ticket);
        BOOST_TEST(seen.customer_name == "Иванов Иван");
        to_oleg.version = seen.ticket.version;
        const auto t = sup.change_ticket(f.ticket, to_oleg);
        BOOST_TEST(t.version == seen.ticket.version + 1);
        BOOST_TEST(owner_of(sup, f.ticket) == "oleg");
        const auto after = sup.ticket_detail(f.ticket);
        BOOST_REQUIRE(after.ticket.events.size() == 2u);  // created, changed
        BOOST_TEST((after.ticket.events[1].kind == model::TicketEventKind::changed));
        BOOST_TEST(after.ticket.events[1].note == "owner olga -> oleg: olga is on leave");
        BOOST_TEST(after.ticket.events[1].agent_id == sup.agent().id);
        audit::Filter q;
        q.customer_id = f.customer;
        const auto rows = sup.audit(q);
        BOOST_REQUIRE(!rows.empty());
        BOOST_TEST(rows[0].action == "change_ticket");
        BOOST_TEST(rows[0].entity_id == f.ticket);
        BOOST_TEST(rows[0].detail == "owner olga -> oleg");  // the supervisor's note stays in the ticket
        // The same change from a seat that still shows the old version is another seat's conflict.
        to_oleg.owner = "lena";
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, to_oleg); }) == ErrorKind::conflict));
        BOOST_TEST(owner_of(sup, f.ticket) == "oleg");
    });
}

BOOST_AUTO_TEST_CASE(a_team_gets_its_least_busy_member_and_an_escalation_skips_a_disabled_lead) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto f = set_up(c);
        auto& sup = c.as("sveta");
        desk::TicketChange to_team;
        to_team.team = "Inbound";
        sup.change_ticket(f.ticket, to_team);  // lena and olga have one open ticket each, oleg none
        BOOST_TEST(owner_of(sup, f.ticket) == "oleg");
        desk::TicketChange up;
        up.escalate = true;
        sup.change_ticket(f.ticket, up);
        BOOST_TEST(owner_of(sup, f.ticket) == "lena");
        // The lead has it now: escalating again goes above the team, to a supervisor.
        sup.change_ticket(f.ticket, up);
        BOOST_TEST(owner_of(sup, f.ticket) == "sveta");
        // A disabled lead reads nothing: an escalation of olga's work goes to the supervisor.
        c.as("anna").disable_agent("lena");
        const auto olga = sup.agent_by_login("olga")->id;
        BOOST_TEST(sup.escalation_target(olga) == sup.agent().id);
        desk::TicketChange to_lena;
        to_lena.owner = "lena";
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, to_lena); }) == ErrorKind::invalid));
        desk::TicketChange both;
        both.owner = "oleg";
        both.escalate = true;
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, both); }) == ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, {}); }) == ErrorKind::invalid));
    });
}

BOOST_AUTO_TEST_CASE(severity_and_problem_type_change_the_norms_the_ticket_is_counted_against) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto f = set_up(c);
        auto& sup = c.as("sveta");
        const auto before = sup.ticket_detail(f.ticket);
        BOOST_TEST(before.calendar.id == "24x7");  // no calendars configured: elapsed time
        BOOST_TEST(before.policy.first_response == 28800);
        BOOST_REQUIRE(!before.sla.targets.empty());
        BOOST_TEST(before.sla.targets[0].deadline == kNow - 3600 + 28800);
        desk::TicketChange bad;
        bad.severity = 6;
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, bad); }) == ErrorKind::invalid));
        bad = {};
        bad.problem_type = "weather";
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, bad); }) == ErrorKind::invalid));
        desk::TicketChange set;
        set.severity = 5;
        set.problem_type = "billing";  // unchanged: accepted, not mentioned
        const auto t = sup.change_ticket(f.ticket, set);
        BOOST_TEST(t.severity == 5);
        const auto after = sup.ticket_detail(f.ticket);
        BOOST_TEST(after.ticket.events.back().note == "severity 3 -> 5");
    });
}

BOOST_AUTO_TEST_CASE(a_team_counts_only_open_work_and_a_type_any_ticket_used_is_accepted) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto f = set_up(c);
        auto& sup = c.as("sveta");
        // Oleg's finished tickets are no work: he still has the fewest open ones. One of them had a
        // problem type nobody configured, which stays a type the centre knows.
        sup.with_store([&](storage::Store& s) {
            for (auto status : {model::TicketStatus::resolved, model::TicketStatus::closed}) {
                model::Ticket t;
                t.customer_id = f.customer;
                t.problem_type = "roaming";
                t.subject = "Old";
                t.owner_id = s.agent_by_login("oleg")->id;
                t.created_at = kNow - 7200;
                s.insert_ticket(t);
                t.status = status;
                s.update_ticket(t);
            }
        });
        desk::TicketChange to_team;
        to_team.team = "Inbound";
        sup.change_ticket(f.ticket, to_team);
        BOOST_TEST(owner_of(sup, f.ticket) == "oleg");
        // Now olga, whose ticket it was, has none open: the team's next such change gives it back to her.
        sup.change_ticket(f.ticket, to_team);
        BOOST_TEST(owner_of(sup, f.ticket) == "olga");
        desk::TicketChange type;
        type.problem_type = "roaming";
        BOOST_TEST(sup.change_ticket(f.ticket, type).problem_type == "roaming");
        BOOST_TEST(sup.ticket_detail(f.ticket).ticket.events.back().note == "problem type billing -> roaming");
        type.problem_type = "weather";
        BOOST_TEST((kind_of([&] { sup.change_ticket(f.ticket, type); }) == ErrorKind::invalid));
    });
}

BOOST_AUTO_TEST_SUITE_END()
