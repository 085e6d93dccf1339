// The retention service over a real store: SQLite always, PostgreSQL when KARTOTEKA_TEST_PG is set.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include "card/card.h"
#include "desk/card_service.h"
#include "error.h"
#include "desk/retention_service.h"
#include "retention_builders.h"
#include "store_fixture.h"
#include "util/message.h"

using namespace kartoteka;
using test::day;
using test::test_now;

namespace {

struct Staff {
    model::Id op1, op2, svc;
};

Staff add_staff(storage::Store& s) {
    model::Agent a{0, "op1", "Op One", model::Role::operator_, 0, true};
    model::Agent b{0, "op2", "Op Two", model::Role::operator_, 0, true};
    model::Agent c{0, "svc", "Service", model::Role::service, 0, true};
    s.insert_agent(a);
    s.insert_agent(b);
    s.insert_agent(c);
    return {a.id, b.id, c.id};
}

model::Id add_customer(storage::Store& s, model::Id manager, const std::string& last) {
    model::Customer c;
    c.first_name = "Ivan";
    c.last_name = last;
    c.manager_id = manager;
    c.created_at = test_now() - 800 * day;
    return s.insert_customer(c, test_now());
}

void add_order(storage::Store& s, model::Id customer, int days_ago, model::Money amount) {
    model::Order o = test::order_at(test_now() - days_ago * day, amount);
    o.customer_id = customer;
    s.insert_order(o);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retention_store)

BOOST_AUTO_TEST_CASE(value_traits_round_trip_with_an_unknown_margin) {
    test::for_each_store([](storage::Store& s) {
        const auto id = add_customer(s, 0, "Traits");
        BOOST_TEST(!s.traits_for(id).margin_percent.has_value());
        model::ValueTraits t;
        t.customer_id = id;
        t.margin_percent = -3;
        t.rude = true;
        s.save_traits(t);
        auto back = s.traits_for(id);
        BOOST_TEST(back.margin_percent.value_or(99) == -3);
        BOOST_TEST(back.rude);
        BOOST_TEST(!back.pays_late);
        t.margin_percent.reset();
        t.reference = true;
        s.save_traits(t);
        back = s.traits_for(id);
        BOOST_TEST(!back.margin_percent.has_value());
        BOOST_TEST(back.reference);
        BOOST_TEST(s.all_traits().size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(deal_contact_log_and_offer_work_are_recorded) {
    test::for_each_store([](storage::Store& s) {
        const auto staff = add_staff(s);
        const auto id = add_customer(s, staff.op1, "Dealer");
        desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
        model::Order deal = test::order_at(test_now(), 150000, "Home Internet");
        deal.customer_id = id;
        const auto planned = rules.close_deal(deal, 0);  // the customer's manager closed it
        BOOST_TEST(deal.id > 0);
        BOOST_REQUIRE(planned.size() == 2u);
        BOOST_TEST(planned[0].assignee_id == staff.op1);
        BOOST_TEST(planned[1].assignee_id == staff.svc);
        BOOST_TEST(s.contacts_for(id).size() == 2u);
        // The service call, logged with a problem raised: a complaint ticket with a named owner.
        retention::ContactLog log;
        log.agent_id = staff.svc;
        log.answers = {3, "Fine mostly", "Router drops the line every evening"};
        const auto ticket = rules.log_contact(planned[1].id, log, test_now() + 30 * day);
        BOOST_REQUIRE(ticket.has_value());
        const auto t = s.ticket(*ticket);
        BOOST_REQUIRE(t.has_value());
        BOOST_TEST(t->owner_id == staff.svc);
        BOOST_TEST(t->problem_type == "service");
        BOOST_TEST(t->description == "Router drops the line every evening");
        BOOST_TEST(model::to_string(s.contact(planned[1].id)->status) == "done");
        BOOST_CHECK_THROW(rules.log_contact(planned[1].id, log, test_now()), Error);  // already done
        // Offers: the next step must be concrete.
        model::Offer o;
        o.customer_id = id;
        o.product = "TV Premium";
        s.insert_offer(o);
        retention::OfferWork w;
        w.outcome = model::OfferStatus::accepted;
        w.agent_id = staff.svc;
        w.next_step = {model::NextStepKind::office, test_now() + 2 * day, "Tverskaya 1", ""};
        BOOST_CHECK_THROW(rules.work_offer(o.id, w, test_now()), Error);  // service staff do not sell
        w.agent_id = staff.op2;
        w.next_step = {};
        BOOST_CHECK_THROW(rules.work_offer(o.id, w, test_now()), Error);  // accepted without a next step
        w.next_step = {model::NextStepKind::office, test_now() + 5 * day, "Tverskaya 1", ""};
        BOOST_CHECK_THROW(rules.work_offer(o.id, w, test_now()), Error);  // beyond 3 days
        w.next_step.at = test_now() + 2 * day;
        w.said = "Will come on Thursday";
        w.expected_version = 0;  // what the agent saw
        // The complaint raised on the service call is open: no sale goes through without the agent
        // saying why they go on.
        try {
            rules.work_offer(o.id, w, test_now());
            BOOST_ERROR("a sale during an open complaint was saved without a reason");
        } catch (const Error& e) {
            BOOST_TEST(std::string(e.what()).find("open_complaint") != std::string::npos);
        }
        w.override_reason = "asked for it themselves";
        w.during_inbound_call = true;
        const auto done = rules.work_offer(o.id, w, test_now());
        // Logged as the caller's inbound call, with the reason, and the visit on the centre's clock.
        const auto logged = s.interactions_for(id, 50, 0);
        const auto worked = std::find_if(logged.items.begin(), logged.items.end(),
                                         [](const model::Interaction& i) { return util::Message::from_json(i.details).text == "offer #{1} {2}: {3}"; });
        BOOST_REQUIRE(worked != logged.items.end());
        const auto& note = *worked;
        BOOST_TEST(model::to_string(note.direction) == "inbound");
        BOOST_TEST(model::to_string(note.channel) == "phone");
        BOOST_TEST(note.summary.find("office at Tverskaya 1 on " + retention::format_local(test_now() + 2 * day, "Europe/Moscow")) !=
                   std::string::npos, note.summary);
        BOOST_TEST(note.summary.find("gone on because: asked for it themselves") != std::string::npos, note.summary);
        const auto details = util::Message::from_json(note.details);
        BOOST_TEST(details.text == "offer #{1} {2}: {3}");
        BOOST_TEST(details.then.size() == 3u);  // next step, what was said, the reason
        BOOST_TEST(model::to_string(s.offer(o.id)->status) == "accepted");
        BOOST_TEST(s.offer(o.id)->next_step.address == "Tverskaya 1");
        BOOST_TEST(done.version == 1);
        // A second seat still looking at version 0 gets a conflict naming the offer's state, not an overwrite.
        model::Offer other;
        other.customer_id = id;
        other.product = "Router";
        s.insert_offer(other);
        retention::OfferWork first;
        first.agent_id = staff.op2;
        first.outcome = model::OfferStatus::in_progress;
        first.expected_version = 0;
        first.override_reason = "asked for it themselves";
        rules.work_offer(other.id, first, test_now());
        retention::OfferWork second = first;
        second.outcome = model::OfferStatus::declined;
        try {
            rules.work_offer(other.id, second, test_now());
            BOOST_FAIL("a stale version was saved");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::conflict));
            BOOST_TEST(std::string(e.what()).find("in_progress") != std::string::npos);
        }
        BOOST_TEST(model::to_string(s.offer(other.id)->status) == "in_progress");
        second.expected_version = 1;  // looked again: now it saves
        BOOST_TEST(model::to_string(rules.work_offer(other.id, second, test_now()).status) == "declined");
    });
}

// A contact that raises a problem saves the complaint, the contact and its timeline entry together:
// when the save fails part-way the agent retries, and the retry must not leave two complaints.
BOOST_AUTO_TEST_CASE(a_failed_contact_save_leaves_no_complaint_and_the_retry_opens_one) {
    test::for_each_store([](storage::Store& s) {
        const auto staff = add_staff(s);
        const auto id = add_customer(s, staff.op1, "Retry");
        desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
        model::Order deal = test::order_at(test_now(), 90000, "Home Internet");
        deal.customer_id = id;
        const auto service_call = rules.close_deal(deal, 0).at(1);
        // The timeline insert is the last write of the save; make it fail as a full disk would.
        const bool sqlite = s.database().dialect() == storage::Dialect::sqlite;
        if (sqlite) {
            s.session() << "CREATE TEMP TRIGGER refuse_log BEFORE INSERT ON interactions "
                           "BEGIN SELECT RAISE(ABORT, 'no space left'); END";
        } else {
            s.session() << "CREATE FUNCTION refuse_log() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'no space left'; END $$";
            s.session() << "CREATE TRIGGER refuse_log BEFORE INSERT ON interactions "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_log()";
        }
        retention::ContactLog log;
        log.agent_id = staff.svc;
        log.answers = {2, "Unhappy", "Invoice charged twice"};
        BOOST_CHECK_THROW(rules.log_contact(service_call.id, log, test_now() + 30 * day), Error);
        BOOST_TEST(s.tickets_for(id).empty());
        BOOST_TEST(model::to_string(s.contact(service_call.id)->status) == "planned");
        BOOST_TEST(rules.queued().empty());
        if (sqlite) {
            s.session() << "DROP TRIGGER refuse_log";
        } else {
            s.session() << "DROP TRIGGER refuse_log ON interactions";
            s.session() << "DROP FUNCTION refuse_log()";
        }
        const auto ticket = rules.log_contact(service_call.id, log, test_now() + 30 * day);
        BOOST_REQUIRE(ticket.has_value());
        BOOST_TEST(s.tickets_for(id).size() == 1u);
        BOOST_TEST(model::to_string(s.contact(service_call.id)->status) == "done");
        // Another seat that had the same contact open cannot log it a second time.
        try {
            model::ServiceContact stale = *s.contact(service_call.id);
            stale.status = model::ContactStatus::skipped;
            s.close_contact(stale);
            BOOST_FAIL("a closed contact was closed again");
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::conflict));
        }
        BOOST_TEST(s.tickets_for(id).size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(winback_run_and_card_over_the_store) {
    test::for_each_store([](storage::Store& s) {
        const auto staff = add_staff(s);
        const auto sleeping = add_customer(s, staff.op1, "Sleeper");
        for (int k = 0; k < 6; ++k) add_order(s, sleeping, 200 + 40 * k, 100000);
        const auto lost = add_customer(s, staff.op1, "Gone");
        for (int k = 0; k < 6; ++k) add_order(s, lost, 30 + 40 * k, 100000);
        model::LifecycleEvent e = test::loss_at(test_now() - 10 * day, staff.op1);
        e.customer_id = lost;
        s.insert_lifecycle_event(e);
        const auto active = add_customer(s, staff.op2, "Happy");
        add_order(s, active, 3, 100000);
        desk::RetentionService rules(s, config::RetentionConfig{}, "Europe/Moscow");
        const auto run = rules.run_winback(test_now());
        BOOST_TEST(run.created == 2);
        const auto offers = s.offers_for(lost);
        BOOST_REQUIRE(offers.size() == 1u);
        BOOST_TEST(offers[0].assignee_id == staff.op2);  // not op1, who lost them
        BOOST_TEST(s.offers_for(sleeping).at(0).discount_percent == 15);
        BOOST_TEST(s.offers_for(active).empty());
        BOOST_TEST(rules.run_winback(test_now()).kept == 2);  // idempotent

        desk::CardLoader loader(s, 50);
        const auto c = loader.load(lost, test_now());
        BOOST_REQUIRE(c.has_value());
        BOOST_TEST(model::to_string(c->status.status) == "lost");
        BOOST_TEST(c->status.lost_by == staff.op1);
        BOOST_REQUIRE(c->retention.offers.size() == 1u);
        BOOST_TEST(c->retention.offers[0].eligible);
        const retention::Period month{test_now() - 30 * day, test_now(), 0};
        const auto churn = rules.retention_report({month}, test_now(), "RUB").currencies.front().total;
        BOOST_TEST(churn.at_start == 3);
        BOOST_TEST(churn.lost == 1);
    });
}

BOOST_AUTO_TEST_SUITE_END()
