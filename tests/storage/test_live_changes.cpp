// Live updates between seats: a change committed by one seat reaches another within a second.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "live/change_listener.h"
#include "store_fixture.h"

using namespace kartoteka;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(live_changes)

BOOST_AUTO_TEST_CASE(payload_parsing) {
    auto c = live::parse_change("tickets:12:34:0");
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->table == "tickets");
    BOOST_TEST(c->id == 12);
    BOOST_TEST(c->customer_id == 34);
    BOOST_TEST(!live::parse_change("tickets:x:1:0").has_value());
    BOOST_TEST(!live::parse_change("garbage").has_value());
}

BOOST_AUTO_TEST_CASE(a_ticket_update_at_one_seat_reaches_another_within_a_second) {
    auto pg = test::postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: live updates need PostgreSQL; skipped");
        return;
    }
    test::reset_postgres(*pg);
    storage::Database writer_db(storage::StoreLocation::parse(*pg));
    storage::Store writer(writer_db);
    model::Customer c;
    c.last_name = "Live";
    writer.insert_customer(c, 1);
    model::Ticket t;
    t.customer_id = c.id;
    t.problem_type = "billing";
    t.created_at = 100;
    writer.insert_ticket(t);

    std::mutex m;
    std::condition_variable cv;
    std::vector<live::Change> seen;
    live::ChangeListener listener(*pg, [&](const live::Change& ch) {
        std::lock_guard lock(m);
        seen.push_back(ch);
        cv.notify_all();
    });
    auto stored = *writer.ticket(t.id);
    stored.status = model::TicketStatus::waiting_customer;
    const auto sent = steady_clock::now();
    writer.update_ticket(stored);
    std::unique_lock lock(m);
    const bool arrived = cv.wait_for(lock, seconds(1), [&] {
        for (const auto& ch : seen)
            if (ch.table == "tickets" && ch.id == t.id && ch.customer_id == c.id) return true;
        return false;
    });
    BOOST_TEST(arrived);
    BOOST_TEST_MESSAGE("change delivered in " << duration_cast<microseconds>(steady_clock::now() - sent).count() << " us");
}

BOOST_AUTO_TEST_SUITE_END()
