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

// Today's contacts with grades (the service list's A/B/C column): a customer with orders gets the grade
// their orders give; a new customer without one gets none, not a C drawn from no data that would sort
// them with the weakest (issue 18, m8).
BOOST_AUTO_TEST_CASE(a_new_customer_has_no_grade_on_todays_contacts) {
    test::for_each_store(kNow, [](Centre& c) {
        auto& admin = c.as("anna");
        admin.add_agent({"anna", "Anna Adminova", model::Role::admin, ""});
        admin.add_agent({"sveta", "Sveta Servisova", model::Role::service, ""});
        model::Id sveta = 0, buyer = 0, fresh = 0;
        admin.with_store([&](storage::Store& s) {
            sveta = s.agent_by_login("sveta")->id;
            for (const char* name : {"Покупатель", "Новиков"}) {
                model::Customer cu;
                cu.last_name = name;
                s.insert_customer(cu, kNow - 400 * 86400);
                (buyer ? fresh : buyer) = cu.id;
                model::ServiceContact k;
                k.customer_id = cu.id;
                k.type = model::ContactType::how_are_you;
                k.due = util::date_of(kNow);
                k.assignee_id = sveta;
                s.insert_contact(k);
            }
            for (int month = 1; month <= 12; ++month) {  // a year of monthly orders: a customer with a grade
                model::Order o;
                o.customer_id = buyer;
                o.placed_at = kNow - month * 30 * 86400;
                o.amount = 500000;
                o.currency = "RUB";
                s.insert_order(o);
            }
        });
        const auto work = c.as("sveta").contacts_due(sveta, util::date_of(kNow), kNow, true);
        BOOST_REQUIRE(work.contacts.size() == 2u);
        BOOST_REQUIRE(work.contact_grades.size() == 2u);
        for (std::size_t i = 0; i < work.contacts.size(); ++i) {
            const char grade = work.contact_grades[i];
            if (work.contacts[i].contact.customer_id == fresh) BOOST_TEST(grade == 0);
            else BOOST_TEST((grade == 'A' || grade == 'B' || grade == 'C'), "grade " << int(grade));
        }
    });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(my_work_callbacks)

// The callbacks an agent promised (schema 0011) are on their list at the agreed time, by the end of the
// centre's day, each saying whether the call may be made now: not hours before the time the customer
// asked for, and not against their do-not-call or quiet hours.
BOOST_AUTO_TEST_CASE(callbacks_at_their_time_with_whether_they_may_be_made_now) {
    test::for_each_store(kNow, [](Centre& c) {
        auto& admin = c.as("anna");
        admin.add_agent({"anna", "Anna Adminova", model::Role::admin, ""});
        admin.add_agent({"olga", "Olga Operatorova", model::Role::operator_, ""});
        admin.add_agent({"oleg", "Oleg Operatorov", model::Role::operator_, ""});
        admin.with_store([&](storage::Store& s) {
            const auto olga = s.agent_by_login("olga")->id, oleg = s.agent_by_login("oleg")->id;
            auto customer = [&](const char* name, bool do_not_call, int quiet_from, int quiet_to) {
                model::Customer cu;
                cu.last_name = name;
                s.insert_customer(cu, kNow - 86400);
                auto prefs = s.preferences_for(cu.id);
                prefs.customer_id = cu.id;
                prefs.do_not_call = do_not_call;
                prefs.quiet_hours = {quiet_from, quiet_to};
                prefs.timezone = "Asia/Vladivostok";  // 21:06 there at kNow
                s.save_preferences(prefs);
                return cu.id;
            };
            const auto calm = customer("Петров", false, 0, 0);
            const auto sleepy = customer("Сонин", false, 21 * 60, 9 * 60);  // quiet 21:00-09:00 in Vladivostok
            const auto refusing = customer("Нетов", true, 0, 0);
            auto promise = [&](model::Id customer_id, model::Id agent, model::Timestamp due, const char* note) {
                model::Callback cb;
                cb.customer_id = customer_id;
                cb.agent_id = cb.created_by = agent;
                cb.due_at = due;
                cb.note = note;
                cb.created_at = kNow - 7200;
                s.insert_callback(cb);
            };
            promise(calm, olga, kNow - 1800, "missed half an hour ago");
            promise(calm, olga, kNow + 3 * 3600, "at 17:06 Moscow");
            promise(sleepy, olga, kNow + 60, "in a minute, but it is night there");
            promise(refusing, olga, kNow - 600, "asked us not to call since");
            promise(calm, olga, kNow + 86400, "tomorrow: not today's work");
            promise(calm, oleg, kNow, "oleg's");
        });
        const auto items = desk::my_work(c.as("olga"), kNow);
        std::vector<desk::WorkItem> calls;
        for (const auto& w : items)
            if (w.kind == desk::WorkKind::callback) calls.push_back(w);
        BOOST_REQUIRE(calls.size() == 4u);
        BOOST_TEST(desk::to_string(calls[0].kind) == std::string("callback"));
        BOOST_TEST(calls[0].what == "missed half an hour ago");
        BOOST_TEST(calls[0].due == kNow - 1800);
        BOOST_TEST(calls[0].overdue);
        BOOST_TEST(calls[0].may_now);
        BOOST_TEST(calls[0].customer_name == "Петров");
        BOOST_TEST(calls[1].what == "asked us not to call since");
        BOOST_TEST(!calls[1].may_now);
        BOOST_TEST(calls[1].rule == "do_not_call");
        BOOST_TEST(calls[2].what == "in a minute, but it is night there");
        BOOST_TEST(!calls[2].overdue);
        BOOST_TEST(!calls[2].may_now);
        BOOST_TEST(calls[2].rule == "quiet_hours");
        BOOST_TEST(calls[2].why.find("Asia/Vladivostok") != std::string::npos);
        BOOST_TEST(calls[3].what == "at 17:06 Moscow");
        BOOST_TEST(!calls[3].may_now);  // hours before the time the customer asked for
        BOOST_TEST(calls[3].rule == "not_yet");
        BOOST_TEST(calls[3].why == "agreed for 2026-11-18 17:06");
        BOOST_TEST(!calls[3].message.empty());
        // Sorted with the rest by due time: the missed callback comes before the complaint-free rest.
        BOOST_TEST(items.front().id == calls[0].id);
        BOOST_TEST(desk::my_work(c.as("oleg"), kNow).size() == 1u);
    });
}

BOOST_AUTO_TEST_SUITE_END()
