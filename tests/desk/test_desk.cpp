// The desk's use cases, each tested once, headless, on SQLite and on PostgreSQL: the policy every host
// (window, CLI, pop endpoint) now gets from one place.
#include <boost/test/unit_test.hpp>

#include <functional>

#include "card/card_json.h"
#include "config/config.h"
#include "connector_fixture.h"
#include "desk_fixture.h"
#include "desk/desk.h"
#include "error.h"
#include "loopback_server.h"
#include "test_support.h"

using namespace kartoteka;
using test::for_each_desk;
using test::kNow;

namespace {

struct Seeded {
    model::Id customer = 0, ticket = 0, supervisor = 0;
};

/// An operator, a supervisor, the caller and one open complaint of theirs raised an hour ago.
Seeded seed(desk::Desk& d) {
    Seeded out;
    d.with_store([&](storage::Store& s) {
        model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
        s.insert_agent(op);
        model::Agent sup{0, "supervisor", "Sergey", model::Role::supervisor, 0, true};
        s.insert_agent(sup);
        out.supervisor = sup.id;
        model::Customer c;
        c.first_name = "Иван";
        c.last_name = "Иванов";
        c.phones = {test::kCallerPhone};
        s.insert_customer(c, kNow - 86400);
        out.customer = c.id;
        model::Ticket t;
        t.customer_id = c.id;
        t.problem_type = "billing";
        t.subject = "Charged twice";
        t.owner_id = op.id;
        t.created_at = kNow - 3600;
        s.insert_ticket(t);
        out.ticket = t.id;
    });
    return out;
}

const std::string kOperator = "agent: {login: operator}\n";
const std::string kSupervisor = "agent: {login: supervisor}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(desk_use_cases)

BOOST_AUTO_TEST_CASE(open_card_audits_the_view_with_its_origin_and_carries_each_tickets_sla) {
    for_each_desk(kOperator, [](desk::Desk& d) {
        const auto ids = seed(d);
        int updates = 0;
        auto c = d.open_card({0, "8 (916) 123-45-67"}, desk::Origin::pop, [&](const card::Card&) { ++updates; });
        BOOST_REQUIRE(c);
        BOOST_TEST(c->customer.id == ids.customer);
        BOOST_TEST(updates >= 1);  // the local part at once
        BOOST_REQUIRE(c->ticket_sla.size() == 1u);
        BOOST_TEST(sla::to_string(c->ticket_sla[0].state) == std::string("ok"));
        const auto j = card::to_json(*c);
        BOOST_TEST(j["tickets"][0]["id"] == ids.ticket);
        BOOST_TEST(j["tickets"][0]["ref"].is_null());  // a local ticket keeps its own id
        BOOST_TEST(j["tickets"][0]["sla"]["state"] == "ok");
        BOOST_TEST(j["tickets"][0]["sla"]["target"] == "first_response");
        BOOST_TEST(j["tickets"][0]["sla"]["due_at"].is_string());
        BOOST_TEST(j["tickets"][0]["sla"]["left_s"].get<long long>() > 0);
        // The view is audited as a screen pop; by id from the window as the workstation.
        BOOST_REQUIRE(d.open_card({ids.customer, ""}, desk::Origin::window));
        d.with_store([&](storage::Store& s) {
            auto rows = audit::AuditLog(s).query({ids.customer, std::nullopt, 0, 0, 10});
            BOOST_REQUIRE(rows.size() == 2u);
            BOOST_TEST(rows[0].detail == "workstation");  // newest first
            BOOST_TEST(rows[1].detail == "screen pop");
            BOOST_TEST(rows[1].action == "view_card");
        });
        BOOST_TEST(!d.open_card({0, "+79990000000"}, desk::Origin::cli));  // nobody knows this number
        BOOST_CHECK_THROW(d.open_card({0, "not a phone"}, desk::Origin::cli), Error);
    });
}

BOOST_AUTO_TEST_CASE(an_unknown_agent_may_do_nothing) {
    for_each_desk("agent: {login: nobody}\n", [](desk::Desk& d) {
        const auto ids = seed(d);
        try {
            d.open_card({ids.customer, ""}, desk::Origin::cli);
            BOOST_FAIL("an unknown login opened a card");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::forbidden));
        }
        BOOST_CHECK_THROW(d.log_contact({ids.customer, model::Channel::phone, model::Direction::inbound, "hi"}), Error);
    });
}

BOOST_AUTO_TEST_CASE(a_contact_is_logged_locally_when_no_backend_takes_it) {
    // The shipped default has no connectors: the window's F2 and `record contact` both keep it locally.
    for_each_desk(kOperator, [](desk::Desk& d) {
        const auto ids = seed(d);
        desk::Recorded recorded;
        auto i = d.log_contact({ids.customer, model::Channel::phone, model::Direction::inbound, "Asked about the bill"},
                               &recorded);
        BOOST_TEST(i.id > 0);
        BOOST_TEST(recorded.queued.empty());
        BOOST_TEST(d.timeline(ids.customer, 0).total == 1);
        try {
            d.log_contact({ids.customer, model::Channel::phone, model::Direction::inbound, "again"}, nullptr, "crm");
            BOOST_FAIL("a write-back to a connector that is not configured was accepted");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::invalid));
        }
    });
}

BOOST_AUTO_TEST_CASE(the_sla_board_is_for_supervisors_and_records_what_happened_once) {
    for_each_desk(kOperator, [](desk::Desk& d) {
        seed(d);
        try {
            d.sla_board({});
            BOOST_FAIL("an operator saw the SLA board");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::forbidden));
        }
    });
    for_each_desk(kSupervisor, [](desk::Desk& d) {
        const auto ids = seed(d);
        desk::BoardQuery q;
        q.at = kNow + 30 * 86400;  // a month on: breached, but nothing is recorded for the future
        auto future = d.sla_board(q);
        BOOST_REQUIRE(future->board->row(ids.ticket));
        BOOST_TEST(sla::to_string(future->board->row(ids.ticket)->sla.state) == std::string("breached"));
        BOOST_TEST(future->board->row(ids.ticket)->customer_id == ids.customer);
        BOOST_TEST(future->fresh.empty());
        auto now = d.sla_board({});
        BOOST_TEST(now->board->totals().total == 1);
        BOOST_TEST(now->rate.tickets == 1);
    });
}

BOOST_AUTO_TEST_CASE(a_backend_only_caller_is_linked_to_one_local_record) {
    test::LoopbackServer backend;
    test::serve_healthy(backend.server(), "crm-77", "Petrov");
    const std::string yaml = kOperator + "connectors:\n" + test::rest_entry("crm", backend.url(), 40, 800);
    for_each_desk(yaml, [](desk::Desk& d) {
        d.with_store([](storage::Store& s) {
            model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
            s.insert_agent(op);
        });
        auto first = d.open_card({0, "+7 916 123-45-67"}, desk::Origin::pop);
        BOOST_REQUIRE(first);
        BOOST_TEST(first->customer.id > 0);  // adopted: a local record linked by the backend's id
        BOOST_TEST(first->customer.last_name == "Petrov");
        BOOST_REQUIRE(first->tickets.size() == 1u);
        const auto j = card::to_json(*first);
        BOOST_TEST(j["tickets"][0]["ref"]["system"] == "crm");
        BOOST_TEST(j["tickets"][0]["ref"]["id"] == "crm-77-1");  // the number the agent reads out
        BOOST_TEST(j["tickets"][0]["sla"].is_object());
        auto again = d.open_card({0, "8 916 123 45 67"}, desk::Origin::cli);
        BOOST_REQUIRE(again);
        BOOST_TEST(again->customer.id == first->customer.id);  // found locally now, not adopted twice
        d.with_store([&](storage::Store& s) { BOOST_TEST(s.customers_by_phone(test::kCallerPhone).size() == 1u); });
    });
}

BOOST_AUTO_TEST_CASE(retrying_failed_write_backs_is_for_supervisors) {
    for_each_desk(kOperator, [](desk::Desk& d) {
        seed(d);
        try {
            d.retry_outbox(0);
            BOOST_FAIL("an operator retried failed write-backs");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::forbidden));
        }
    });
    for_each_desk(kSupervisor, [](desk::Desk& d) {
        seed(d);
        BOOST_TEST(d.retry_outbox(0) == 0);  // nothing failed yet
    });
}

BOOST_AUTO_TEST_CASE(lifecycle_decisions_follow_the_role) {
    for_each_desk(kOperator, [](desk::Desk& d) {
        const auto ids = seed(d);
        try {
            d.mark_do_not_retain({ids.customer, "abused staff"}, kNow);
            BOOST_FAIL("an operator marked a customer do-not-retain");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::forbidden));
        }
        const auto view = d.lifecycle(ids.customer, kNow);
        BOOST_TEST(view.events.empty());
        BOOST_TEST(view.customer.id == ids.customer);
    });
}

BOOST_AUTO_TEST_CASE(every_customer_sharing_the_callers_number_is_listed) {
    // An office line shared by two stored customers, and a help desk whose user search finds two users.
    test::LoopbackServer backend;
    backend.server().Get("/customers", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"data":[{"id":"u-1","first":"Anna","last":"Office","phone":"+74951234567"},)"
                        R"({"id":"u-2","first":"Boris","last":"Office","phone":"+74951234567"}]})",
                        "application/json");
    });
    const std::string yaml = kOperator + "connectors:\n" + test::rest_entry("helpdesk", backend.url(), 40, 800);
    for_each_desk(yaml, [](desk::Desk& d) {
        model::Id first = 0, second = 0;
        d.with_store([&](storage::Store& s) {
            model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
            s.insert_agent(op);
            for (auto* id : {&first, &second}) {
                model::Customer c;
                c.last_name = id == &first ? "Reception" : "Accounts";
                c.phones = {"+74951234567"};
                s.insert_customer(c, kNow - 86400);
                *id = c.id;
            }
        });
        auto c = d.open_card({0, "8 (495) 123-45-67"}, desk::Origin::pop);
        BOOST_REQUIRE(c);
        BOOST_TEST(c->customer.id == first);  // the first card is shown, the rest listed beside it
        const auto j = card::to_json(*c);
        BOOST_REQUIRE(j["matches"].size() == 3u);  // two stored, plus the help desk's second user
        BOOST_TEST(j["matches"][0]["id"] == first);
        BOOST_TEST(j["matches"][1]["id"] == second);
        BOOST_TEST(j["matches"][2]["id"].is_null());
        BOOST_TEST(j["matches"][2]["ref"]["system"] == "helpdesk");
        BOOST_TEST(j["matches"][2]["ref"]["id"] == "u-2");
        BOOST_TEST(j["matches"][2]["name"] == "Office Boris");
        // One customer per number: no list.
        auto alone = d.open_card({first, ""}, desk::Origin::window);
        BOOST_REQUIRE(alone);
        BOOST_TEST(alone->matches.empty());
    });
}

BOOST_AUTO_TEST_SUITE_END()
