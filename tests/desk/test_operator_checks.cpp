// What the operator's dialogs ask the desk (issue 18), on SQLite and PostgreSQL: F3's look ahead (the
// customer's complaints still open on the same problem, and the norms and deadlines the new one would get
// from now, in the policy's working calendar); the customer's time zone in F4 checked against tzdata.
#include <boost/test/unit_test.hpp>

#include "desk_fixture.h"
#include "error.h"
#include "storage/store.h"

using namespace kartoteka;
using test::for_each_desk;
using test::kNow;  // 2026-11-18T11:06:40Z, a Wednesday: 14:06:40 in Moscow

namespace {

const std::string kConfig = R"(agent: {login: operator}
calendars:
  - id: office
    timezone: Europe/Moscow
    hours:
      mon: ["09:00-13:00", "14:00-18:00"]
      tue: ["09:00-13:00", "14:00-18:00"]
      wed: ["09:00-13:00", "14:00-18:00"]
      thu: ["09:00-13:00", "14:00-18:00"]
      fri: ["09:00-13:00", "14:00-18:00"]
sla:
  calendar: office
  default:
    first_response: 8h
  policies:
    connection:
      first_response: 4h
      resolution: 16h
)";

struct Scene {
    model::Id customer = 0, open_connection = 0;
};

/// The caller has an open "connection" complaint, a resolved one, and an open billing one.
Scene seed(desk::Desk& d) {
    Scene out;
    d.with_store([&](storage::Store& s) {
        model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
        s.insert_agent(op);
        model::Customer c;
        c.first_name = "Мария";
        c.last_name = "Новикова";
        s.insert_customer(c, kNow - 86400);
        out.customer = c.id;
        auto add = [&](const char* type, model::TicketStatus status, model::Timestamp at, const char* subject) {
            model::Ticket t;
            t.customer_id = c.id;
            t.problem_type = type;
            t.status = status;
            t.subject = subject;
            t.owner_id = op.id;
            t.created_at = at;
            s.insert_ticket(t);
            return t.id;
        };
        add("connection", model::TicketStatus::resolved, kNow - 30 * 86400, "No signal last month");
        out.open_connection = add("connection", model::TicketStatus::open, kNow - 3 * 86400, "Интернет пропадает каждый вечер");
        add("billing", model::TicketStatus::open, kNow - 86400, "Charged twice");
    });
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(complaint_preview)

BOOST_AUTO_TEST_CASE(a_repeat_names_the_open_complaint_on_that_problem_only) {
    for_each_desk(kConfig, [](desk::Desk& d) {
        const auto scene = seed(d);
        const auto repeat = d.complaint_preview(scene.customer, " connection ", 3);
        BOOST_TEST_REQUIRE(repeat.same_problem.size() == 1u);  // the resolved one is history, not a repeat
        BOOST_TEST(repeat.same_problem[0].id == scene.open_connection);
        BOOST_TEST(repeat.same_problem[0].subject == "Интернет пропадает каждый вечер");
        BOOST_TEST(d.complaint_preview(scene.customer, "delivery", 3).same_problem.empty());
    });
}

BOOST_AUTO_TEST_CASE(the_norms_and_deadlines_count_working_time_from_now) {
    for_each_desk(kConfig, [](desk::Desk& d) {
        const auto scene = seed(d);
        const auto p = d.complaint_preview(scene.customer, "connection", 3);
        BOOST_TEST(p.policy.first_response == 4 * 3600);
        BOOST_TEST(p.policy.resolution == 16 * 3600);
        // 14:06:40 Moscow: 3h53m20s left today, the other 6m40s on Thursday from 09:00 (19 hours on).
        BOOST_TEST(p.first_response_due == kNow + 19 * 3600);
        // 3h53m20s today, 8h on Thursday, 4h06m40s on Friday (lunch 13:00-14:00): Friday 14:06:40 Moscow.
        BOOST_TEST(p.resolution_due == kNow + 2 * 86400);
        // A type without its own policy gets the default's answer target and no resolution target.
        const auto other = d.complaint_preview(scene.customer, "delivery", 3);
        BOOST_TEST(other.policy.first_response == 8 * 3600);
        BOOST_TEST(other.resolution_due == 0);
    });
}

BOOST_AUTO_TEST_CASE(an_unknown_customer_is_not_found_and_nothing_is_recorded) {
    for_each_desk(kConfig, [](desk::Desk& d) {
        const auto scene = seed(d);
        try {
            d.complaint_preview(scene.customer + 1000, "connection", 3);
            BOOST_FAIL("a preview for nobody");
        } catch (const Error& e) {
            BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(ErrorKind::not_found));
        }
        d.with_store([&](storage::Store& s) { BOOST_TEST(s.tickets_for(scene.customer).size() == 3u); });
    });
}

BOOST_AUTO_TEST_CASE(preferences_take_a_known_time_zone_and_refuse_an_unknown_one) {
    for_each_desk(kConfig, [](desk::Desk& d) {
        const auto scene = seed(d);
        model::ContactPreferences p;
        p.customer_id = scene.customer;
        p.timezone = " Europe/Sofia ";
        p.quiet_hours = {21 * 60, 9 * 60};
        d.save_preferences(p);
        model::ContactPreferences typo = p;
        typo.timezone = "Europe/Sofya";
        try {
            d.save_preferences(typo);
            BOOST_FAIL("an unknown zone was saved");
        } catch (const Error& e) {
            BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(ErrorKind::invalid));
            BOOST_TEST(std::string(e.what()).find("Europe/Sofya") != std::string::npos);
        }
        d.with_store([&](storage::Store& s) { BOOST_TEST(s.preferences_for(scene.customer).timezone == "Europe/Sofia"); });
    });
}

BOOST_AUTO_TEST_SUITE_END()
