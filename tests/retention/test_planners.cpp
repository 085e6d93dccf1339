// The win-back ladder and the planned service contacts (DOMAIN.md "Offers and win-back", "Service
// contacts").
#include <boost/test/unit_test.hpp>

#include "error.h"
#include "retention/contact_planner.h"
#include "retention/winback_planner.h"
#include "retention_builders.h"

using namespace kartoteka;
using model::ContactType;
using test::day;
using test::test_now;
using Action = retention::WinbackDecision::Action;

namespace {

std::vector<model::Agent> staff() {
    return {{1, "op1", "Op One", model::Role::operator_, 1, true},
            {2, "op2", "Op Two", model::Role::operator_, 1, true},
            {3, "svc", "Service", model::Role::service, 2, true},
            {4, "svc2", "Service Two", model::Role::service, 2, true},
            {5, "gone", "Left us", model::Role::operator_, 1, false}};
}

/// A customer who bought ten times a year and then stopped `days` days ago.
retention::CustomerHistory sleeper(int days) {
    retention::CustomerHistory h;
    h.customer.id = 10;
    h.customer.created_at = test_now() - 900 * day;
    for (int k = 0; k < 10; ++k) h.orders.push_back(test::order_at(test_now() - (days + 36 * k) * day, 100000));
    return h;
}

retention::WinbackDecision plan(const retention::CustomerHistory& h, const config::RetentionConfig& cfg = {}) {
    const auto status = retention::assess_status(h, cfg, test_now());
    const auto value = retention::assess_value(h, status, cfg, test_now());
    return retention::plan_winback(h, status, value, staff(), cfg, test_now());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(winback)

BOOST_AUTO_TEST_CASE(the_ladder_steps_up_with_the_sleeping_bucket) {
    BOOST_TEST(retention::to_string(plan(sleeper(89)).action) == "skip");  // at risk, not sleeping yet
    const std::vector<std::pair<int, int>> steps{{90, 10}, {179, 10}, {180, 15}, {359, 15}, {360, 20}};
    for (auto [days, discount] : steps) {
        BOOST_TEST_CONTEXT("days " << days) {
            const auto d = plan(sleeper(days));
            BOOST_TEST(retention::to_string(d.action) == "create");
            BOOST_TEST(d.offer.discount_percent == discount);
            BOOST_TEST(model::to_string(d.offer.kind) == "winback");
            BOOST_TEST(d.offer.valid_until == test_now() + 30 * day);
        }
    }
}

BOOST_AUTO_TEST_CASE(never_assigned_to_the_agent_who_lost_the_customer) {
    for (model::Id lost_by : {1, 2}) {
        auto h = sleeper(20);
        h.events.push_back(test::loss_at(test_now() - 5 * day, lost_by));
        for (model::Id id = 10; id < 14; ++id) {
            h.customer.id = id;
            const auto d = plan(h);
            BOOST_REQUIRE(std::string(retention::to_string(d.action)) == "create");
            BOOST_TEST(d.offer.assignee_id != lost_by);
            BOOST_TEST(d.offer.discount_percent == 10);  // lost: the ladder starts at its first step
        }
    }
    // Nobody but the agent who lost them (the other operator left): skipped, and it says why.
    config::RetentionConfig cfg;
    cfg.winback.assignee_role = model::Role::admin;
    auto h = sleeper(200);
    const auto d = plan(h, cfg);
    BOOST_TEST(retention::to_string(d.action) == "skip");
    BOOST_TEST(d.reason.rfind("no_assignee", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(lost_twice_and_not_worth_customers_are_never_queued) {
    auto h = sleeper(400);
    h.events.push_back(test::loss_at(test_now() - 390 * day));
    h.orders.push_back(test::order_at(test_now() - 300 * day, 1000));
    h.events.push_back(test::loss_at(test_now() - 200 * day));
    auto d = plan(h);
    BOOST_TEST(retention::to_string(d.action) == "skip");
    BOOST_TEST(d.reason == "lost_twice: never queued for win-back");
    auto rude = sleeper(200);
    rude.traits.rude = true;
    d = plan(rude);
    BOOST_TEST(retention::to_string(d.action) == "skip");
    BOOST_TEST(d.reason == "not_worth_winning_back: rude;");
}

BOOST_AUTO_TEST_CASE(an_open_offer_is_kept_or_replaced_by_a_stronger_step) {
    auto h = sleeper(200);
    model::Offer open;
    open.id = 77;
    open.kind = model::OfferKind::winback;
    open.discount_percent = 10;
    open.valid_until = test_now() + 10 * day;
    h.offers.push_back(open);
    auto d = plan(h);
    BOOST_TEST(retention::to_string(d.action) == "upgrade");
    BOOST_TEST(d.replaces == 77);
    BOOST_TEST(d.offer.discount_percent == 15);
    h.offers.back().discount_percent = 15;
    BOOST_TEST(retention::to_string(plan(h).action) == "keep");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(service_contacts)

BOOST_AUTO_TEST_CASE(a_new_deal_plans_the_welcome_letter_and_the_service_call) {
    const model::Date deal = util::date_of(test_now());
    for (model::Id manager : {1, 3}) {  // an operator, or a service agent who closed the deal
        const auto c = retention::plan_deal_contacts(10, deal, manager, staff(), config::ContactRules{});
        BOOST_REQUIRE(c.size() == 2u);
        BOOST_TEST(model::to_string(c[0].type) == "welcome_letter");
        BOOST_TEST(c[0].due == deal);
        BOOST_TEST(c[0].assignee_id == manager);
        BOOST_TEST(model::to_string(c[1].type) == "service_call");
        BOOST_TEST(c[1].due == deal + 30);
        BOOST_TEST(c[1].assignee_id != manager);
        BOOST_TEST((c[1].assignee_id == 3 || c[1].assignee_id == 4));
    }
    std::vector<model::Agent> only_manager{{3, "svc", "Service", model::Role::service, 2, true}};
    BOOST_CHECK_THROW(retention::plan_deal_contacts(10, deal, 3, only_manager, config::ContactRules{}), Error);
}

BOOST_AUTO_TEST_CASE(periodic_contacts_follow_the_tier_schedule) {
    const model::Date today = util::date_of(test_now());
    auto h = sleeper(10);
    h.customer.manager_id = 1;
    const auto status = retention::assess_status(h, {}, test_now());
    const config::ContactRules rules;
    auto a = retention::plan_periodic_contacts(h, status, 'A', staff(), rules, today);
    BOOST_REQUIRE(a.size() == 4u);  // all four types for A
    for (const auto& c : a) {
        BOOST_TEST_CONTEXT(model::to_string(c.type)) {
            const int days = rules.periodic.at('A').at(c.type);
            BOOST_TEST(c.due == std::max(today, util::date_of(h.orders.front().placed_at) + days));
            if (c.type == ContactType::new_idea || c.type == ContactType::become_part) BOOST_TEST(c.assignee_id == 1);
            else BOOST_TEST((c.assignee_id == 3 || c.assignee_id == 4));
        }
    }
    // C: how-are-you and stay-informed only; a planned one of a type is not stacked.
    auto c = retention::plan_periodic_contacts(h, status, 'C', staff(), rules, today);
    BOOST_TEST(c.size() == 2u);
    model::ServiceContact pending;
    pending.type = ContactType::how_are_you;
    pending.due = today + 3;
    h.contacts.push_back(pending);
    c = retention::plan_periodic_contacts(h, status, 'C', staff(), rules, today);
    BOOST_REQUIRE(c.size() == 1u);
    BOOST_TEST(model::to_string(c[0].type) == "stay_informed");
    // The next one falls an interval after the last one done.
    h.contacts.back().status = model::ContactStatus::done;
    h.contacts.back().done_at = test_now() - 5 * day;
    c = retention::plan_periodic_contacts(h, status, 'C', staff(), rules, today);
    BOOST_TEST(c.size() == 2u);
    for (const auto& k : c)
        if (k.type == ContactType::how_are_you) BOOST_TEST(k.due == today - 5 + 120);
    // Sleeping, lost and do-not-retain customers get win-back or nothing, not periodic contacts.
    const auto sleeping = retention::assess_status(sleeper(200), {}, test_now());
    BOOST_TEST(retention::plan_periodic_contacts(sleeper(200), sleeping, 'A', staff(), rules, today).empty());
}

BOOST_AUTO_TEST_SUITE_END()
