// One work list per agent (issue 19) on SQLite and PostgreSQL: planned contacts, offers and own open
// complaints, sorted by when each is due, each saying whether it may be done now.
#include <boost/test/unit_test.hpp>

#include "centre.h"
#include "desk/my_work.h"
#include "util/time.h"

using namespace kartoteka;
using test::Centre;

namespace {

constexpr model::Timestamp kNow = 1795000000;  // 2026-11-18T11:06:40Z, 14:06 in Moscow, a Wednesday

}  // namespace

BOOST_AUTO_TEST_SUITE(my_work)

BOOST_AUTO_TEST_CASE(contacts_offers_and_complaints_in_one_list_by_due_time) {
    test::for_each_store(kNow, [](Centre& c) {
        auto& admin = c.as("anna");
        admin.add_agent({"anna", "Anna Adminova", model::Role::admin, ""});
        admin.add_agent({"olga", "Olga Operatorova", model::Role::operator_, ""});
        admin.with_store([&](storage::Store& s) {
            const auto olga = s.agent_by_login("olga")->id;
            model::Customer cu;
            cu.last_name = "Иванов";
            s.insert_customer(cu, kNow - 86400);
            auto prefs = s.preferences_for(cu.id);
            prefs.customer_id = cu.id;
            prefs.do_not_call = true;  // the call may not be made; the list says so
            s.save_preferences(prefs);
            for (int in_days : {-2, 3}) {
                model::ServiceContact k;
                k.customer_id = cu.id;
                k.type = in_days < 0 ? model::ContactType::how_are_you : model::ContactType::new_idea;
                k.due = util::date_of(kNow) + in_days;
                k.assignee_id = olga;
                s.insert_contact(k);
            }
            model::Ticket t;
            t.customer_id = cu.id;
            t.problem_type = "billing";
            t.subject = "Charged twice";
            t.owner_id = olga;
            t.created_at = kNow - 3600;  // first response due in 7 h
            s.insert_ticket(t);
            model::Offer o;
            o.customer_id = cu.id;
            o.product = "Mobile Family";
            o.assignee_id = olga;
            o.next_step = {model::NextStepKind::callback, kNow + 3600, "", ""};
            s.insert_offer(o);
        });
        const auto items = desk::my_work(c.as("olga"), kNow);
        BOOST_REQUIRE(items.size() == 3u);  // the contact due in three days is not today's work
        BOOST_TEST(desk::to_string(items[0].kind) == std::string("planned_contact"));  // two days overdue
        BOOST_TEST(items[0].overdue);
        BOOST_TEST(!items[0].may_now);
        BOOST_TEST(items[0].rule == "do_not_call");
        BOOST_TEST(desk::to_string(items[1].kind) == std::string("offer"));  // the callback in an hour
        BOOST_TEST(items[1].due == kNow + 3600);
        BOOST_TEST(desk::to_string(items[2].kind) == std::string("complaint"));
        BOOST_TEST(items[2].due == kNow - 3600 + 8 * 3600);
        BOOST_TEST(items[2].rule == "ok");
        BOOST_TEST(items[2].customer_name == "Иванов");
        BOOST_TEST(desk::my_work(c.as("anna"), kNow).empty());  // nothing is anna's
    });
}

BOOST_AUTO_TEST_SUITE_END()
