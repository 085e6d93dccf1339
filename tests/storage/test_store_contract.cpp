// The storage contract: every store (SQLite, PostgreSQL) behaves the same through Store.
#include <boost/test/unit_test.hpp>

#include "error.h"
#include "store_fixture.h"
#include "util/text.h"

using namespace kartoteka;
using kartoteka::test::for_each_store;

namespace {

model::Customer ivanov() {
    model::Customer c;
    c.first_name = "Иван";
    c.middle_name = "Петрович";
    c.last_name = "Семёнов";
    c.phones = {"+79161234567", "+359888123456"};
    c.emails = {"Ivan.Semenov@Mail.RU"};
    c.refs = {{"billing", "B-1"}, {"crm", "CRM-7"}};
    c.language = "ru";
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_contract)

BOOST_AUTO_TEST_CASE(customer_round_trip_and_lookups) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1000);
        BOOST_TEST(c.id > 0);
        auto back = s.customer(c.id);
        BOOST_REQUIRE(back.has_value());
        BOOST_TEST(back->display_name() == "Семёнов Иван Петрович");
        BOOST_TEST(back->phones.size() == 2u);
        BOOST_TEST(back->phones[0] == "+79161234567");
        BOOST_TEST(back->emails[0] == "ivan.semenov@mail.ru");
        BOOST_TEST(back->refs.size() == 2u);
        BOOST_TEST(s.customers_by_phone("+359888123456") == std::vector<model::Id>{c.id});
        BOOST_TEST(s.customers_by_email("ivan.semenov@mail.ru") == std::vector<model::Id>{c.id});
        BOOST_TEST(s.customer_by_ref("crm", "CRM-7").value_or(0) == c.id);
        BOOST_TEST(!s.customer_by_ref("crm", "CRM-8").has_value());
        BOOST_TEST(!s.customer(c.id + 100).has_value());
    });
}

BOOST_AUTO_TEST_CASE(name_prefix_search_is_case_and_yo_insensitive) {
    for_each_store([](storage::Store& s) {
        auto a = ivanov();
        s.insert_customer(a, 1);
        model::Customer b;
        b.first_name = "John";
        b.last_name = "Smith";
        s.insert_customer(b, 1);
        BOOST_TEST(s.customers_by_name_prefix(util::fold_case("СЕМЕН"), 10) == std::vector<model::Id>{a.id});
        BOOST_TEST(s.customers_by_name_prefix(util::fold_case("Иван"), 10) == std::vector<model::Id>{a.id});
        BOOST_TEST(s.customers_by_name_prefix("smi", 10) == std::vector<model::Id>{b.id});
        BOOST_TEST(s.customers_by_name_prefix("john sm", 10) == std::vector<model::Id>{b.id});
        BOOST_TEST(s.customers_by_name_prefix("zz", 10).empty());
    });
}

BOOST_AUTO_TEST_CASE(update_customer_replaces_keys) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        c.phones = {"+447911123456"};
        c.last_name = "Smirnov";
        s.update_customer(c, 2);
        BOOST_TEST(s.customers_by_phone("+79161234567").empty());
        BOOST_TEST(s.customers_by_phone("+447911123456") == std::vector<model::Id>{c.id});
        BOOST_TEST(s.customers_by_name_prefix("smirnov", 5) == std::vector<model::Id>{c.id});
    });
}

BOOST_AUTO_TEST_CASE(timeline_is_paged_newest_first) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        for (int k = 0; k < 25; ++k) {
            model::Interaction i;
            i.customer_id = c.id;
            i.occurred_at = 1000 + k;
            i.channel = k % 2 ? model::Channel::email : model::Channel::phone;
            i.summary = "call " + std::to_string(k);
            i.source_system = "crm";
            s.insert_interaction(i);
        }
        auto first = s.interactions_for(c.id, 10);
        BOOST_TEST(first.total == 25);
        BOOST_REQUIRE(first.items.size() == 10u);
        BOOST_TEST(first.items[0].summary == "call 24");
        BOOST_TEST((first.items[1].channel == model::Channel::email));
        auto last = s.interactions_for(c.id, 10, 20);
        BOOST_REQUIRE(last.items.size() == 5u);
        BOOST_TEST(last.items[4].summary == "call 0");
    });
}

BOOST_AUTO_TEST_CASE(offer_update_detects_a_concurrent_change) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        model::Offer o;
        o.customer_id = c.id;
        o.product = "TV Premium";
        o.priority = 3;
        s.insert_offer(o);
        auto mine = *s.offer(o.id);
        auto theirs = *s.offer(o.id);
        theirs.status = model::OfferStatus::declined;
        s.update_offer(theirs);
        mine.status = model::OfferStatus::accepted;
        mine.next_step = {model::NextStepKind::office, 5000, "Москва, ул. Тверская, 12", ""};
        try {
            s.update_offer(mine);
            BOOST_FAIL("second writer was not told about the conflict");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::conflict));
        }
        BOOST_TEST((s.offer(o.id)->status == model::OfferStatus::declined));
        auto fresh = *s.offer(o.id);
        fresh.status = model::OfferStatus::accepted;
        fresh.next_step = mine.next_step;
        s.update_offer(fresh);
        auto stored = *s.offer(o.id);
        BOOST_TEST((stored.next_step.kind == model::NextStepKind::office));
        BOOST_TEST(stored.next_step.address == "Москва, ул. Тверская, 12");
        BOOST_TEST(stored.version == 2);
    });
}

BOOST_AUTO_TEST_CASE(preferences_round_trip_with_versions) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        auto p = s.preferences_for(c.id);
        BOOST_TEST(p.version == 0);
        p.written_only = true;
        p.unsubscribed = {model::Channel::sms, model::Channel::email};
        p.preferred_channel = model::Channel::email;
        p.quiet_hours = {21 * 60, 9 * 60};
        p.irritants = "Не звонить до 10 утра";
        s.save_preferences(p);
        auto back = s.preferences_for(c.id);
        BOOST_TEST(back.written_only);
        BOOST_TEST(back.unsubscribed.size() == 2u);
        BOOST_TEST((back.preferred_channel == model::Channel::email));
        BOOST_TEST(back.quiet_hours.from_minute == 21 * 60);
        BOOST_TEST(back.irritants == "Не звонить до 10 утра");
        auto stale = back;
        back.do_not_call = true;
        s.save_preferences(back);
        BOOST_CHECK_THROW(s.save_preferences(stale), Error);
    });
}

BOOST_AUTO_TEST_CASE(tickets_with_events_and_open_list) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        model::Ticket t;
        t.customer_id = c.id;
        t.problem_type = "billing";
        t.severity = 4;
        t.cause = model::TicketCause::human;
        t.subject = "Charged twice";
        t.created_at = 1000;
        s.insert_ticket(t);
        model::TicketEvent reply{0, t.id, model::TicketEventKind::agent_reply, 2000, 0, "called back"};
        s.insert_ticket_event(reply);
        auto back = s.ticket(t.id);
        BOOST_REQUIRE(back.has_value());
        BOOST_REQUIRE(back->events.size() == 2u);
        BOOST_TEST((back->events[0].kind == model::TicketEventKind::created));
        BOOST_TEST((back->events[1].kind == model::TicketEventKind::agent_reply));
        BOOST_TEST(s.open_tickets().size() == 1u);
        back->status = model::TicketStatus::resolved;
        back->resolved_at = 3000;
        s.update_ticket(*back);
        BOOST_TEST(s.open_tickets().empty());
        BOOST_TEST(s.tickets_for(c.id, true).at(0).events.size() == 2u);
        model::Ticket bad = t;
        bad.severity = 9;
        BOOST_CHECK_THROW(s.insert_ticket(bad), Error);  // severity is 1..5 in the schema itself
    });
}

BOOST_AUTO_TEST_CASE(contacts_due_for_an_agent) {
    for_each_store([](storage::Store& s) {
        auto c = ivanov();
        s.insert_customer(c, 1);
        model::Agent a{0, "service", "Елена", model::Role::service, 0, true};
        s.insert_agent(a);
        for (int d : {100, 101, 105}) {
            model::ServiceContact k;
            k.customer_id = c.id;
            k.due = d;
            k.assignee_id = a.id;
            s.insert_contact(k);
        }
        BOOST_TEST(s.contacts_due(a.id, 101).size() == 2u);
        BOOST_TEST(s.contacts_due(0, 200).size() == 3u);
        auto k = s.contacts_due(a.id, 101).front();
        k.status = model::ContactStatus::done;
        k.answers = {5, "ok", ""};
        s.close_contact(k);
        BOOST_TEST(s.contacts_due(a.id, 101).size() == 1u);
        BOOST_TEST(s.contact(k.id)->answers.satisfaction == 5);
    });
}

BOOST_AUTO_TEST_CASE(agents_orders_and_lifecycle) {
    for_each_store([](storage::Store& s) {
        model::Team t{0, "Inbound", 0};
        s.insert_team(t);
        model::Agent a{0, "operator", "Анна", model::Role::operator_, t.id, true};
        s.insert_agent(a);
        s.set_team_lead(t.id, a.id);
        BOOST_TEST(s.agent_by_login("operator")->name == "Анна");
        BOOST_TEST((s.agent(a.id)->role == model::Role::operator_));
        BOOST_TEST(s.teams().at(0).lead_id == a.id);
        auto c = ivanov();
        s.insert_customer(c, 1);
        model::Order o{0, c.id, 500, 50000, "TV", "billing", "O-1"};
        s.insert_order(o);
        BOOST_TEST(s.orders_for(c.id).at(0).amount == 50000);
        model::LifecycleEvent e{0, c.id, model::LifecycleEventKind::lost, 900, model::LossReason::competitor, a.id, ""};
        s.insert_lifecycle_event(e);
        auto events = s.lifecycle_events_for(c.id);
        BOOST_TEST((events.at(0).reason == model::LossReason::competitor));
    });
}

BOOST_AUTO_TEST_SUITE_END()
