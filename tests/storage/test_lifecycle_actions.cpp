// Losses, returns and do-not-retain decisions recorded through the core action (on both stores), read
// back by the same rules the card uses.
#include <boost/test/unit_test.hpp>

#include <functional>

#include "actions/lifecycle_actions.h"
#include "audit/audit_log.h"
#include "error.h"
#include "retention/lifecycle_rules.h"
#include "store_fixture.h"

using namespace kartoteka;

namespace {

constexpr model::Timestamp day = 86400;
constexpr model::Timestamp t0 = 1'790'000'000;  // 2026-09-21: the history below is days after it

struct Scene {
    storage::Store& s;
    model::Customer customer;
    model::Agent op{0, "op", "Op", model::Role::operator_, 0, true};
    model::Agent op2{0, "op2", "Op Two", model::Role::operator_, 0, true};
    model::Agent sup{0, "sup", "Sup", model::Role::supervisor, 0, true};
    model::Agent svc{0, "svc", "Svc", model::Role::service, 0, true};

    explicit Scene(storage::Store& store) : s(store) {
        customer.last_name = "Petrova";
        s.insert_customer(customer, t0);
        for (auto* a : {&op, &op2, &sup, &svc}) s.insert_agent(*a);
        order(t0 + 10 * day, 150000);
    }
    void order(model::Timestamp at, model::Money amount) {
        model::Order o{0, customer.id, at, amount, "Home Internet", "local", ""};
        s.insert_order(o);
    }
    actions::LifecycleActions as(const model::Agent& a) { return actions::LifecycleActions(s, a, {}); }
    /// What the card would show at `now`.
    retention::StatusAssessment status(model::Timestamp now) {
        retention::CustomerHistory h;
        h.orders = s.orders_for(customer.id);
        h.events = s.lifecycle_events_for(customer.id);
        return retention::assess_status(h, {}, now);
    }
    std::vector<audit::Entry> audit() {
        audit::Filter f;
        f.customer_id = customer.id;
        return audit::AuditLog(s).query(f);
    }
};

void refused(const std::function<void()>& f, ErrorKind kind, const char* needle) {
    try {
        f();
        BOOST_FAIL(std::string("accepted, expected a refusal mentioning: ") + needle);
    } catch (const Error& e) {
        BOOST_TEST((e.kind() == kind), e.what());
        BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_actions)

BOOST_AUTO_TEST_CASE(a_loss_then_an_order_then_the_return_change_the_status) {
    test::for_each_store([](storage::Store& store) {
        Scene sc(store);
        const auto now = t0 + 30 * day;
        auto op = sc.as(sc.op);
        const auto loss = op.record_loss({sc.customer.id, model::LossReason::competitor, sc.op2.id, t0 + 20 * day,
                                          "  went to Beeline  "}, now);
        BOOST_TEST(loss.id > 0);
        BOOST_TEST(loss.note == "went to Beeline");
        auto st = sc.status(now);
        BOOST_TEST((st.record.status == model::LifecycleStatus::lost));
        BOOST_TEST(st.record.lost_at == t0 + 20 * day);
        BOOST_TEST((st.record.lost_reason == model::LossReason::competitor));
        BOOST_TEST(st.record.lost_by == sc.op2.id);  // who lost them, not who typed it

        // A promise is not a return: without a new order the return is refused and nothing is stored.
        refused([&] { op.record_return({sc.customer.id, sc.op.id, "promised to come back"}, now); }, ErrorKind::invalid,
                "only after a new order");
        BOOST_TEST(sc.s.lifecycle_events_for(sc.customer.id).size() == 1u);

        sc.order(t0 + 25 * day, 5000);  // a small trial order
        BOOST_TEST((sc.status(now).record.status == model::LifecycleStatus::returned));
        const auto back = op.record_return({sc.customer.id, sc.op.id, ""}, now);
        BOOST_TEST(back.at == t0 + 25 * day);  // dated by the order, not by when it was typed
        BOOST_TEST(back.note.find("order #") == 0u, back.note);
        st = sc.status(now);
        BOOST_TEST((st.record.status == model::LifecycleStatus::returned));
        BOOST_TEST(st.record.returned_by == sc.op.id);
        BOOST_TEST(st.extra_sensitive);
        refused([&] { op.record_return({sc.customer.id, 0, ""}, now); }, ErrorKind::invalid, "already recorded");

        // Lost again after the return: lost twice, never to be won back.
        op.record_loss({sc.customer.id, model::LossReason::service, sc.op.id, t0 + 28 * day, ""}, now);
        BOOST_TEST((sc.status(now).record.status == model::LifecycleStatus::lost_twice));

        const auto entries = sc.audit();
        BOOST_REQUIRE(entries.size() == 3u);  // newest first
        BOOST_TEST(entries[2].action == "record_loss");
        BOOST_TEST(entries[2].agent_login == "op");
        BOOST_TEST(entries[2].detail == "competitor, lost by op2");
        BOOST_TEST(entries[1].action == "record_return");
        BOOST_TEST(entries[1].entity == "lifecycle_event");
        BOOST_TEST(entries[1].entity_id == back.id);
    });
}

BOOST_AUTO_TEST_CASE(a_loss_needs_who_when_and_why_and_is_not_recorded_twice) {
    test::for_each_store([](storage::Store& store) {
        Scene sc(store);
        const auto now = t0 + 30 * day;
        auto op = sc.as(sc.op);
        const auto id = sc.customer.id;
        using model::LossReason;
        refused([&] { op.record_loss({id + 100, LossReason::product, sc.op.id, 0, ""}, now); }, ErrorKind::not_found,
                "no customer");
        refused([&] { op.record_loss({id, LossReason::product, 0, 0, ""}, now); }, ErrorKind::invalid, "who lost");
        refused([&] { op.record_loss({id, LossReason::product, sc.op.id, now + day, ""}, now); }, ErrorKind::invalid,
                "future");
        refused([&] { op.record_loss({id, LossReason::product, sc.op.id, t0 + 5 * day, ""}, now); }, ErrorKind::invalid,
                "would count as their return");
        refused([&] { op.record_loss({id, LossReason::other, sc.op.id, 0, "  "}, now); }, ErrorKind::invalid, "note");
        BOOST_TEST(sc.s.lifecycle_events_for(id).empty());
        BOOST_TEST(sc.audit().empty());

        const auto e = op.record_loss({id, LossReason::moved_away, sc.op.id, 0, ""}, now);
        BOOST_TEST(e.at == now);  // no date: now
        refused([&] { op.record_loss({id, LossReason::competitor, sc.op2.id, 0, ""}, now); }, ErrorKind::invalid,
                "already lost");
        refused([&] { sc.as(sc.svc).record_loss({id, LossReason::product, sc.op.id, 0, ""}, now); },
                ErrorKind::forbidden, "may not record a loss or a return");
        BOOST_TEST(sc.s.lifecycle_events_for(id).size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(do_not_retain_is_a_supervisors_decision_and_final) {
    test::for_each_store([](storage::Store& store) {
        Scene sc(store);
        const auto now = t0 + 30 * day;
        const auto id = sc.customer.id;
        refused([&] { sc.as(sc.op).mark_do_not_retain({id, "Threatened staff"}, now); }, ErrorKind::forbidden,
                "may not mark a customer do-not-retain");
        refused([&] { sc.as(sc.svc).mark_do_not_retain({id, "Threatened staff"}, now); }, ErrorKind::forbidden,
                "do-not-retain");
        auto sup = sc.as(sc.sup);
        refused([&] { sup.mark_do_not_retain({id, "   "}, now); }, ErrorKind::invalid, "say why");
        BOOST_TEST(sc.s.lifecycle_events_for(id).empty());

        const auto e = sup.mark_do_not_retain({id, "Threatened staff on the phone"}, now);
        BOOST_TEST(e.agent_id == sc.sup.id);  // the decision is the signed-in supervisor's
        auto st = sc.status(now);
        BOOST_TEST((st.record.status == model::LifecycleStatus::do_not_retain));
        BOOST_TEST(st.do_not_retain_by == sc.sup.id);
        BOOST_TEST(st.do_not_retain_note == "Threatened staff on the phone");
        refused([&] { sup.mark_do_not_retain({id, "again"}, now + day); }, ErrorKind::invalid, "already do-not-retain");
        // Final: a later order does not lift it.
        sc.order(now + day, 1000);
        BOOST_TEST((sc.status(now + 2 * day).record.status == model::LifecycleStatus::do_not_retain));
        const auto entries = sc.audit();
        BOOST_REQUIRE(entries.size() == 1u);
        BOOST_TEST(entries[0].action == "mark_do_not_retain");
        BOOST_TEST(entries[0].agent_login == "sup");

        model::Agent gone{0, "gone", "Gone", model::Role::supervisor, 0, false};
        store.insert_agent(gone);
        refused([&] { sc.as(gone).record_loss({id, model::LossReason::product, sc.op.id, 0, ""}, now); },
                ErrorKind::forbidden, "deactivated");
    });
}

BOOST_AUTO_TEST_SUITE_END()
