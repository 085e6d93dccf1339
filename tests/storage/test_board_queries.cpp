// The reads inside a board action's write transaction (issue 19): whether a problem type is in use, the
// problem types offered, a team member's open tickets. Same answers on every store, and on SQLite the
// plans probe the indexes of schema 0016 instead of reading every ticket of a million-customer store.
#include <boost/test/unit_test.hpp>

#include <soci/soci.h>

#include "store_fixture.h"

using namespace kartoteka;
using kartoteka::test::for_each_store;

namespace {

model::Id ticket_for(storage::Store& s, model::Id customer, model::Id owner, const char* type, model::TicketStatus status) {
    model::Ticket t;
    t.customer_id = customer;
    t.owner_id = owner;
    t.problem_type = type;
    t.subject = "Charged twice";
    t.created_at = 1000;
    s.insert_ticket(t);
    if (status != model::TicketStatus::open) {
        t.status = status;
        s.update_ticket(t);
    }
    return t.id;
}

/// SQLite's plan for `sql`, its detail lines joined.
std::string plan_of(storage::Store& s, const std::string& sql) {
    std::string out;
    soci::rowset<soci::row> rows = (s.session().prepare << "EXPLAIN QUERY PLAN " + sql);
    for (const auto& r : rows) out += r.get<std::string>(3) + "\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(board_queries)

BOOST_AUTO_TEST_CASE(problem_types_in_use_and_open_tickets_per_owner) {
    for_each_store([](storage::Store& s) {
        model::Customer c;
        c.first_name = "Иван";
        s.insert_customer(c, 1);
        model::Agent olga{0, "olga", "Olga", model::Role::operator_, 0, true};
        model::Agent oleg{0, "oleg", "Oleg", model::Role::operator_, 0, true};
        s.insert_agent(olga);
        s.insert_agent(oleg);
        BOOST_TEST(s.problem_types().empty());
        BOOST_TEST(!s.problem_type_used("billing"));
        ticket_for(s, c.id, olga.id, "connection", model::TicketStatus::open);
        ticket_for(s, c.id, olga.id, "billing", model::TicketStatus::waiting_customer);
        ticket_for(s, c.id, olga.id, "billing", model::TicketStatus::resolved);
        ticket_for(s, c.id, oleg.id, "delivery", model::TicketStatus::closed);
        ticket_for(s, c.id, oleg.id, "billing", model::TicketStatus::open);
        // Each type once, alphabetically, a closed ticket's too: it is a type the centre has used.
        BOOST_TEST((s.problem_types() == std::vector<std::string>{"billing", "connection", "delivery"}));
        BOOST_TEST(s.problem_type_used("delivery"));
        BOOST_TEST(!s.problem_type_used("weather"));
        BOOST_TEST(!s.problem_type_used("Billing"));
        // Open and waiting for the customer count as work; resolved and closed do not.
        BOOST_TEST(s.open_ticket_count(olga.id) == 2);
        BOOST_TEST(s.open_ticket_count(oleg.id) == 1);
        BOOST_TEST(s.open_ticket_count(olga.id + oleg.id + 100) == 0);
    });
}

BOOST_AUTO_TEST_CASE(sqlite_answers_them_from_the_indexes_not_a_read_of_every_ticket) {
    test::TempDir dir;
    storage::Database db(storage::StoreLocation::parse(dir.file("plans.db")));
    storage::Store s(db);
    // The statements Store runs (store_tickets.cpp), word for word.
    const auto used = plan_of(s, "SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE problem_type = 'x' LIMIT 1) AS used");
    BOOST_TEST(used.find("COVERING INDEX tickets_problem_type (problem_type=?)") != std::string::npos, used);
    const auto open = plan_of(s, "SELECT COUNT(*) FROM tickets WHERE owner_id = 7 AND status NOT IN ('resolved', 'closed')");
    BOOST_TEST(open.find("COVERING INDEX tickets_open_owner (owner_id=?)") != std::string::npos, open);
    const auto types = plan_of(s, "WITH RECURSIVE types(p) AS (SELECT MIN(problem_type) FROM tickets UNION ALL "
                                  "SELECT (SELECT MIN(problem_type) FROM tickets WHERE problem_type > types.p) FROM types "
                                  "WHERE types.p IS NOT NULL) SELECT p FROM types WHERE p IS NOT NULL");
    BOOST_TEST(types.find("SCAN tickets") == std::string::npos, types);
    BOOST_TEST(types.find("COVERING INDEX tickets_problem_type (problem_type>?)") != std::string::npos, types);
}

BOOST_AUTO_TEST_SUITE_END()
