// What an agent records is validated and stored durably (on both stores).
#include <boost/test/unit_test.hpp>

#include <soci/soci.h>

#include "access/permissions.h"
#include "actions/agent_actions.h"
#include "audit/audit_log.h"
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
        actions::AgentActions act(s, a);

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
        model::Agent op{0, "op", "Op", model::Role::operator_, 0, true};
        s.insert_agent(op);
        actions::AgentActions act(s, op);
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

BOOST_AUTO_TEST_CASE(roles_are_enforced_in_the_core_and_changes_are_audited) {
    test::for_each_store([](storage::Store& s) {
        model::Customer c;
        c.last_name = "Y";
        s.insert_customer(c, 1);
        model::Agent svc{0, "svc", "Svc", model::Role::service, 0, true};
        model::Agent gone{0, "gone", "Gone", model::Role::operator_, 0, false};
        s.insert_agent(svc);
        s.insert_agent(gone);
        BOOST_TEST(access::allowed(model::Role::service, access::Action::log_service_contact));
        BOOST_TEST(!access::allowed(model::Role::operator_, access::Action::view_audit));
        BOOST_TEST(!access::allowed(model::Role::supervisor, access::Action::administer));
        BOOST_CHECK_THROW(access::require(svc, access::Action::view_sla_board), Error);
        // A deactivated agent records nothing.
        BOOST_CHECK_THROW(actions::AgentActions(s, gone).log_contact({c.id, model::Channel::phone,
                                                                      model::Direction::inbound, "hi"}, 5), Error);
        BOOST_TEST(s.interactions_for(c.id, 5).total == 0);
        actions::AgentActions(s, svc).log_contact({c.id, model::Channel::phone, model::Direction::outbound,
                                                   "card 4111 1111 1111 1111"}, 7);
        audit::Filter f;
        f.customer_id = c.id;
        auto entries = audit::AuditLog(s).query(f);
        BOOST_REQUIRE(entries.size() == 1u);
        BOOST_TEST(entries[0].action == "log_contact");
        BOOST_TEST(entries[0].agent_login == "svc");
        BOOST_TEST(entries[0].at == 7);
        // The log is append-only in the database itself.
        BOOST_CHECK_THROW(s.session() << "UPDATE audit_log SET action = 'x'", soci::soci_error);
        BOOST_CHECK_THROW(s.session() << "DELETE FROM audit_log", soci::soci_error);
        BOOST_TEST(audit::AuditLog(s).query(f).size() == 1u);
    });
}

// A caller only a backend knows is kept locally, linked by the backend's id, once: a second pop (or a
// second seat) finds the same record.
BOOST_AUTO_TEST_CASE(a_backend_only_caller_is_adopted_once) {
    test::for_each_store([](storage::Store& s) {
        model::Agent a{0, "operator", "Anna", model::Role::operator_, 0, true};
        s.insert_agent(a);
        model::Customer from_crm;
        from_crm.first_name = "Stoyan";
        from_crm.last_name = "Iliev";
        from_crm.phones = {"+359888123456"};
        from_crm.refs = {{"crm", "C-77"}};
        from_crm.manager_id = 4242;  // the CRM's account owner, not one of our agents
        actions::AgentActions act(s, a);
        const auto first = act.adopt_customer(from_crm, 100);
        BOOST_TEST(first.id > 0);
        BOOST_TEST(first.manager_id == 0);
        BOOST_TEST(s.customer_by_ref("crm", "C-77").value_or(0) == first.id);
        BOOST_TEST(s.customers_by_phone("+359888123456").size() == 1u);
        const auto again = act.adopt_customer(from_crm, 200);
        BOOST_TEST(again.id == first.id);
        BOOST_TEST(s.customers_by_phone("+359888123456").size() == 1u);
        audit::Filter f;
        f.customer_id = first.id;
        const auto entries = audit::AuditLog(s).query(f);
        BOOST_REQUIRE(entries.size() == 1u);
        BOOST_TEST(entries[0].action == "adopt_customer");
        BOOST_TEST(entries[0].detail == "crm:C-77");
        model::Customer nothing;
        nothing.last_name = "Nobody";
        BOOST_CHECK_THROW(act.adopt_customer(nothing, 300), Error);
    });
}

BOOST_AUTO_TEST_SUITE_END()
