// What an agent records is validated and stored durably (on both stores).
#include <boost/test/unit_test.hpp>

#include "actions/agent_actions.h"
#include "error.h"
#include "store_fixture.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(agent_actions)

BOOST_AUTO_TEST_CASE(log_contact_and_open_complaint) {
    test::for_each_store([](storage::Store& s) {
        model::Customer c;
        c.first_name = "Anna";
        c.last_name = "Petrova";
        s.insert_customer(c, 1);
        model::Agent a{0, "operator", "Anna", model::Role::operator_, 0, true};
        s.insert_agent(a);
        actions::AgentActions act(s, a.id);

        auto i = act.log_contact({c.id, model::Channel::phone, model::Direction::inbound, "  Asked about the bill  "}, 5000);
        auto page = s.interactions_for(c.id, 10);
        BOOST_REQUIRE(page.items.size() == 1u);
        BOOST_TEST(page.items[0].summary == "Asked about the bill");
        BOOST_TEST(page.items[0].agent_id == a.id);
        BOOST_TEST(page.items[0].source_system == "local");
        BOOST_TEST(i.id == page.items[0].id);

        actions::ComplaintDraft d;
        d.customer_id = c.id;
        d.problem_type = "billing";
        d.severity = 4;
        d.cause = model::TicketCause::human;
        d.subject = "Charged twice";
        auto t = act.open_complaint(d, 6000);
        auto stored = s.ticket(t.id);
        BOOST_REQUIRE(stored.has_value());
        BOOST_TEST(stored->owner_id == a.id);  // a named owner at once
        BOOST_TEST((stored->status == model::TicketStatus::open));
        BOOST_TEST(stored->events.size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(bad_drafts_are_refused_with_a_reason) {
    test::for_each_store([](storage::Store& s) {
        model::Customer c;
        c.last_name = "X";
        s.insert_customer(c, 1);
        actions::AgentActions act(s, 0);
        auto refused = [](auto&& f, const char* needle) {
            try {
                f();
                BOOST_FAIL("accepted");
            } catch (const Error& e) {
                BOOST_TEST((e.kind() == ErrorKind::invalid));
                BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos, e.what());
            }
        };
        refused([&] { act.log_contact({c.id, model::Channel::phone, model::Direction::inbound, "   "}, 1); }, "summary");
        refused([&] { act.log_contact({c.id + 50, model::Channel::phone, model::Direction::inbound, "x"}, 1); }, "no customer");
        actions::ComplaintDraft d;
        d.customer_id = c.id;
        d.problem_type = "billing";
        d.subject = "s";
        d.severity = 6;
        refused([&] { act.open_complaint(d, 1); }, "severity");
        d.severity = 2;
        d.subject = "";
        refused([&] { act.open_complaint(d, 1); }, "subject");
        BOOST_TEST(s.tickets_for(c.id).empty());
    });
}

BOOST_AUTO_TEST_SUITE_END()
