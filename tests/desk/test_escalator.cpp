// The escalator (issue 19) on SQLite and PostgreSQL: one seat at a time holds its lease; it records each
// warning and breach as it happens with no board open, and notifies the owner and, for a breach, the
// team lead, or a supervisor when the lead is disabled.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <mutex>

#include "centre.h"
#include "desk/escalator.h"
#include "loopback_server.h"
#include "util/time.h"

using namespace kartoteka;
using test::Centre;

namespace {

constexpr model::Timestamp kNow = 1795000000;

/// Team Inbound led by lena with olga; a supervisor; olga's complaint from ten hours ago, whose
/// first response (8 h, elapsed time) warned at 6 h and breached at 8 h.
model::Id set_up(Centre& c) {
    test::staff_inbound(c);
    auto& admin = c.as("anna");
    model::Id ticket = 0;
    admin.with_store([&](storage::Store& s) {
        model::Customer cu;
        cu.last_name = "Иванов";
        s.insert_customer(cu, kNow - 86400);
        model::Ticket t;
        t.customer_id = cu.id;
        t.problem_type = "billing";
        t.subject = "Charged twice";
        t.owner_id = s.agent_by_login("olga")->id;
        t.created_at = kNow - 10 * 3600;
        s.insert_ticket(t);
        ticket = t.id;
    });
    return ticket;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(escalator)

BOOST_AUTO_TEST_CASE(one_seat_records_and_notifies_with_no_board_open) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto ticket = set_up(c);
        auto& seat_a = c.as("olga");
        const auto run = desk::run_escalator(seat_a, "olga@a:1", std::chrono::seconds(90));
        BOOST_TEST(run.on_duty);
        BOOST_REQUIRE(run.recorded.size() == 2u);  // the warning and the breach of the first response
        BOOST_TEST(run.notified == 3);             // olga twice, lena for the breach
        const auto lena = desk::notifications(c.as("lena"), true);
        BOOST_REQUIRE(lena.size() == 1u);
        BOOST_TEST((lena[0].kind == model::SlaEventKind::breach));
        BOOST_TEST(lena[0].ticket_id == ticket);
        BOOST_TEST(lena[0].escalated);
        BOOST_TEST(lena[0].happened_at == kNow - 2 * 3600);
        const auto olga = desk::notifications(seat_a, true);
        BOOST_REQUIRE(olga.size() == 2u);
        BOOST_TEST(!olga[0].escalated);
        // The records are there for the board, which nobody opened.
        seat_a.with_store([&](storage::Store& s) { BOOST_TEST(s.sla_events_for(ticket).size() == 2u); });
        // Another seat's pass does nothing while the lease holds; once it lapses that seat takes over and
        // finds nothing new to tell.
        auto& seat_b = c.as("lena");
        BOOST_TEST(!desk::run_escalator(seat_b, "lena@b:2", std::chrono::seconds(90)).on_duty);
        BOOST_TEST(desk::run_escalator(seat_a, "olga@a:1", std::chrono::seconds(90)).on_duty);  // renewed
        c.set_now(kNow + 60);
        BOOST_TEST(!desk::run_escalator(seat_b, "lena@b:2", std::chrono::seconds(90)).on_duty);
        c.set_now(kNow + 91);  // seat A went quiet: its lease until kNow + 90 has lapsed
        const auto later = desk::run_escalator(seat_b, "lena@b:2", std::chrono::seconds(90));
        BOOST_TEST(later.on_duty);
        BOOST_TEST(later.recorded.empty());
        BOOST_TEST(desk::mark_notifications_read(c.as("lena"), lena[0].id) == 1);
        BOOST_TEST(desk::notifications(c.as("lena"), true).empty());
        BOOST_TEST(desk::notifications(c.as("lena"), false).size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(a_disabled_lead_is_passed_over_for_a_supervisor) {
    test::for_each_store(kNow, [](Centre& c) {
        const auto ticket = set_up(c);
        c.as("anna").disable_agent("lena");
        const auto run = desk::run_escalator(c.as("olga"), "olga@a:1", std::chrono::seconds(90));
        BOOST_REQUIRE(run.recorded.size() == 2u);
        const auto sveta = desk::notifications(c.as("sveta"), true);
        BOOST_REQUIRE(sveta.size() == 1u);
        BOOST_TEST(sveta[0].ticket_id == ticket);
        BOOST_TEST(sveta[0].escalated);
        BOOST_TEST(run.recorded[1].escalated_to == c.as("sveta").agent().id);
    });
}

// Where a connector accepts them (`writeback: escalation`), each recorded warning and breach also goes
// to it through the outbox, stored with the record and delivered later: here a help desk's note on
// its own ticket, with the owner and, for the breach, the lead who was told. A local ticket has no id
// there: its rows are given up at once, not retried for ever.
BOOST_AUTO_TEST_CASE(warnings_and_breaches_reach_the_help_desk_through_the_outbox) {
    test::LoopbackServer helpdesk;
    std::mutex m;
    std::vector<std::pair<std::string, nlohmann::json>> notes;
    helpdesk.server().Post(R"(/api/tickets/([^/]+)/notes)", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m);
        notes.emplace_back(req.path, nlohmann::json::parse(req.body, nullptr, false));
        res.status = 201;
        res.set_content(R"({"id":"N-)" + std::to_string(notes.size()) + R"("})", "application/json");
    });
    test::for_each_store(kNow, [&](Centre& c) {
        notes.clear();
        c.configure("connectors:\n  - name: helpdesk\n    type: rest\n    settings:\n      base_url: " + helpdesk.url() +
                    "\n      retries: 0\n      entities: {customer: {endpoint: '/c?phone={phone}', fields: {id: /id}}}\n"
                    "      writeback: {escalation: {endpoint: '/api/tickets/{ticket_id}/notes'}}\n");
        test::staff_inbound(c);
        c.as("anna").with_store([&](storage::Store& s) {
            model::Customer cu;
            cu.last_name = "Иванов";
            s.insert_customer(cu, kNow - 86400);
            for (const char* source : {"helpdesk", "local"}) {
                model::Ticket t;
                t.customer_id = cu.id;
                t.problem_type = "billing";
                t.subject = "Card 4111 1111 1111 1111 charged twice";
                t.owner_id = s.agent_by_login("olga")->id;
                t.created_at = kNow - 10 * 3600;
                t.source_system = source;
                t.external_id = std::string(source) == "helpdesk" ? "HD-7" : "";
                s.insert_ticket(t);
            }
        });
        auto& seat = c.as("olga");
        const auto run = desk::run_escalator(seat, "olga@a:1", std::chrono::seconds(90));
        BOOST_REQUIRE(run.recorded.size() == 4u);  // each ticket's first-response warning and breach
        const auto report = seat.deliver_outbox();
        BOOST_TEST(report.delivered == 2);
        BOOST_TEST(report.failed == 2);  // the local ticket's: no help-desk id to put in the address
        std::lock_guard lock(m);
        BOOST_REQUIRE(notes.size() == 2u);
        for (const auto& [path, body] : notes) {
            BOOST_TEST(path == "/api/tickets/HD-7/notes");
            BOOST_TEST(body["owner"] == "olga");
            BOOST_TEST(body["deadline"] == "first_response");
            BOOST_TEST(body["ticket_id"] == "HD-7");
            BOOST_TEST(body["subject"].get<std::string>().find("4111 1111") == std::string::npos, body.dump());
            if (body["event"] == "breach") {
                BOOST_TEST(body["escalated_to"] == "lena");
                BOOST_TEST(body["happened_at"] == util::format_iso(kNow - 2 * 3600));
            } else {
                BOOST_TEST(body["event"] == "warning");
                BOOST_TEST(body["escalated_to"] == "");
            }
        }
        BOOST_TEST(seat.deliver_outbox().delivered == 0);  // each sent once
    });
}

BOOST_AUTO_TEST_SUITE_END()
