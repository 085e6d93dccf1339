// Callbacks and call wrap-up (issue 18) on SQLite and PostgreSQL: a callback belongs to the agent who
// promised it, a supervisor alone reassigns it, lists come in time order, each reminder comes up once,
// and a logged contact's disposition is checked against the centre's codes and kept on the interaction.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>

#include "card/card_json.h"
#include "config/config.h"
#include "desk/desk.h"
#include "error.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

constexpr model::Timestamp kStart = 1795000000;  // 2026-11-18T09:46:40Z

const std::string kWrapUp = R"(
wrap_up:
  required: true
  dispositions:
    - {code: resolved, label: {en: Resolved, ru: Решено, bg: Решено}}
    - {code: callback_scheduled, needs_callback: true, label: {en: Callback scheduled}}
callbacks: {remind_before_minutes: 2}
)";

/// Desks over one store, each signed in as its own login, sharing one movable clock.
class Centre {
public:
    explicit Centre(std::string store) : m_store(std::move(store)) {}
    desk::Desk& as(const std::string& login) {
        auto& d = m_desks[login];
        if (!d) {
            desk::DeskOptions o;
            o.store_override = m_store;
            o.store_password = "";
            o.clock = [this] { return now; };
            o.agent_recheck = std::chrono::milliseconds(0);
            d = std::make_unique<desk::Desk>(config::parse_config("agent: {login: " + login + "}\n" + kWrapUp, "cb.yaml"), o);
        }
        return *d;
    }
    model::Timestamp now = kStart;
    model::Id customer = 0, op = 0, op2 = 0, sup = 0, offer = 0;

private:
    std::string m_store;
    std::map<std::string, std::unique_ptr<desk::Desk>> m_desks;
};

/// Two operators and a supervisor, a customer, and an offer assigned to the second operator.
void seed(Centre& c) {
    c.as("sup").with_store([&](storage::Store& s) {
        model::Agent op{0, "op", "Olga", model::Role::operator_, 0, true};
        model::Agent op2{0, "op2", "Oleg", model::Role::operator_, 0, true};
        model::Agent sup{0, "sup", "Sergey", model::Role::supervisor, 0, true};
        s.insert_agent(op);
        s.insert_agent(op2);
        s.insert_agent(sup);
        c.op = op.id, c.op2 = op2.id, c.sup = sup.id;
        model::Customer k;
        k.first_name = "Мария";
        k.last_name = "Новикова";
        k.phones = {"+79161234567"};
        s.insert_customer(k, kStart - 86400);
        c.customer = k.id;
        model::Offer o;
        o.customer_id = k.id;
        o.product = "Cloud Backup";
        o.assignee_id = op2.id;
        s.insert_offer(o);
        c.offer = o.id;
    });
}

void for_each_centre(const std::function<void(Centre&)>& body) {
    {
        test::TempDir dir;
        Centre c(dir.file("cb.db"));
        seed(c);
        BOOST_TEST_CONTEXT("store: SQLite") { body(c); }
    }
    if (auto pg = test::postgres_url()) {
        test::reset_postgres(*pg);
        {
            Centre c(*pg);
            seed(c);
            BOOST_TEST_CONTEXT("store: PostgreSQL") { body(c); }
        }
        test::reset_postgres(*pg);
    }
}

ErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    BOOST_FAIL("no error");
    return ErrorKind::storage;
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    BOOST_FAIL("no error");
    return {};
}

std::vector<model::Id> ids(const std::vector<desk::CallbackView>& list) {
    std::vector<model::Id> out;
    for (const auto& v : list) out.push_back(v.callback.id);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(callbacks_and_wrap_up)

BOOST_AUTO_TEST_CASE(a_callback_belongs_to_the_agent_who_promised_it) {
    for_each_centre([](Centre& c) {
        // F10: op postpones op2's offer with "call back tomorrow at 18:00": the callback is op's.
        retention::OfferWork w;
        w.outcome = model::OfferStatus::postponed;
        w.next_step.kind = model::NextStepKind::callback;
        w.next_step.at = kStart + 86400;
        w.next_step.note = "after payday";
        c.as("op").work_offer(c.offer, w);
        auto mine = c.as("op").callbacks(c.op, 0, kStart + 7 * 86400);
        BOOST_REQUIRE(mine.size() == 1u);
        BOOST_TEST(mine[0].callback.agent_id == c.op);
        BOOST_TEST(mine[0].callback.created_by == c.op);
        BOOST_TEST(mine[0].callback.offer_id == c.offer);
        BOOST_TEST(mine[0].callback.due_at == kStart + 86400);
        BOOST_TEST(mine[0].callback.note.find("after payday") != std::string::npos);
        BOOST_TEST(mine[0].customer == "Новикова Мария");
        BOOST_TEST(c.as("op2").callbacks(c.op2, 0, kStart + 7 * 86400).empty());  // the assignee has none
        // At wrap-up of a logged call: the callback carries the call and its words.
        actions::ContactDraft d{c.customer, model::Channel::phone, model::Direction::inbound, "wants the tariff by phone"};
        const auto i = c.as("op2").log_contact(d, nullptr, {}, {"callback_scheduled", kStart + 3600});
        auto theirs = c.as("op2").callbacks(c.op2, 0, kStart + 7 * 86400);
        BOOST_REQUIRE(theirs.size() == 1u);
        BOOST_TEST(theirs[0].callback.interaction_id == i.id);
        BOOST_TEST(theirs[0].callback.note == "wants the tariff by phone");
        // From the card: audited as the promising agent's.
        const auto cb = c.as("op").schedule_callback({c.customer, kStart + 600, "asked for the manager", 0, 0});
        BOOST_TEST(cb.agent_id == c.op);
        c.as("sup").with_store([&](storage::Store& s) {
            auto rows = audit::AuditLog(s).query({c.customer, c.op, 0, 0, 50});
            BOOST_TEST(std::count_if(rows.begin(), rows.end(), [](const audit::Entry& e) {
                           return e.action == "schedule_callback";
                       }) == 2);
        });
        // A time already gone, a customer nobody knows: refused.
        BOOST_TEST((kind_of([&] { c.as("op").schedule_callback({c.customer, kStart - 3600, "", 0, 0}); }) == ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { c.as("op").schedule_callback({999999, kStart + 60, "", 0, 0}); }) == ErrorKind::invalid));
    });
}

BOOST_AUTO_TEST_CASE(only_a_supervisor_reassigns_a_callback_and_it_is_audited) {
    for_each_centre([](Centre& c) {
        const auto cb = c.as("op").schedule_callback({c.customer, kStart + 3600, "", 0, 0});
        BOOST_TEST((kind_of([&] { c.as("op").reassign_callback(cb.id, "op2"); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { c.as("op2").complete_callback(cb.id); }) == ErrorKind::forbidden));  // not theirs
        BOOST_TEST((kind_of([&] { c.as("op2").callbacks(c.op, 0, kStart + 86400); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { c.as("sup").reassign_callback(cb.id, "nobody"); }) == ErrorKind::not_found));
        const auto moved = c.as("sup").reassign_callback(cb.id, "op2");
        BOOST_TEST(moved.agent_id == c.op2);
        BOOST_TEST(moved.created_by == c.op);  // who promised it stays on record
        BOOST_TEST(c.as("op").callbacks(c.op, 0, kStart + 86400).empty());
        BOOST_TEST(c.as("op2").callbacks(c.op2, 0, kStart + 86400).size() == 1u);
        c.as("sup").with_store([&](storage::Store& s) {
            auto rows = audit::AuditLog(s).query({c.customer, c.sup, 0, 0, 10});
            BOOST_REQUIRE(!rows.empty());
            BOOST_TEST(rows[0].action == "reassign_callback");
            BOOST_TEST(rows[0].detail == "from op to op2");
        });
        c.as("op2").complete_callback(cb.id);
        BOOST_TEST((c.as("op2").callback(cb.id)->status == model::CallbackStatus::done));
        BOOST_TEST((kind_of([&] { c.as("op2").cancel_callback(cb.id); }) == ErrorKind::conflict));  // already done
        BOOST_TEST(c.as("sup").callbacks(0, 0, kStart + 86400).empty());
    });
}

BOOST_AUTO_TEST_CASE(the_due_list_is_in_time_order_and_keeps_overdue_ones) {
    for_each_centre([](Centre& c) {
        auto& op = c.as("op");
        const auto late = op.schedule_callback({c.customer, kStart + 3 * 3600, "c", 0, 0});
        const auto soon = op.schedule_callback({c.customer, kStart + 3600, "a", 0, 0});
        const auto mid = op.schedule_callback({c.customer, kStart + 2 * 3600, "b", 0, 0});
        BOOST_TEST(ids(op.callbacks(c.op, 0, kStart + 86400)) == (std::vector<model::Id>{soon.id, mid.id, late.id}),
                   boost::test_tools::per_element());
        c.now = kStart + 90 * 60;  // the first is due, the second not yet
        BOOST_TEST(ids(op.due_callbacks(c.op, c.now)) == std::vector<model::Id>{soon.id}, boost::test_tools::per_element());
        c.now = kStart + 5 * 3600;  // all three overdue, still owed
        BOOST_TEST(op.due_callbacks(c.op, c.now).size() == 3u);
        op.cancel_callback(mid.id);
        BOOST_TEST(ids(op.due_callbacks(c.op, c.now)) == (std::vector<model::Id>{soon.id, late.id}),
                   boost::test_tools::per_element());
        BOOST_TEST(c.as("sup").due_callbacks(0, c.now).size() == 2u);  // everyone's, for a supervisor
    });
}

BOOST_AUTO_TEST_CASE(a_reminder_comes_up_once_when_due_and_again_for_a_new_owner) {
    for_each_centre([](Centre& c) {
        auto& op = c.as("op");
        const auto a = op.schedule_callback({c.customer, kStart + 10 * 60, "a", 0, 0});
        const auto b = op.schedule_callback({c.customer, kStart + 60 * 60, "b", 0, 0});
        op.schedule_callback({c.customer, kStart + 60 * 60, "b", 0, 0});
        c.as("op2").schedule_callback({c.customer, kStart + 5 * 60, "other agent's", 0, 0});
        BOOST_TEST(op.callback_reminders().empty());  // nothing due within two minutes
        c.now = kStart + 9 * 60;                      // a is due in a minute
        auto r = op.callback_reminders();
        BOOST_TEST(ids(r) == std::vector<model::Id>{a.id}, boost::test_tools::per_element());
        BOOST_TEST(op.callback_reminders().empty());  // announced once
        c.now = kStart + 2 * 3600;                    // both b's overdue; a stays announced
        BOOST_TEST(op.callback_reminders().size() == 2u);
        op.complete_callback(a.id);
        // Given to op2, b comes up again in op2's window, not in op's.
        c.as("sup").reassign_callback(b.id, "op2");
        auto theirs = c.as("op2").callback_reminders();
        BOOST_TEST(ids(theirs) == (std::vector<model::Id>{theirs.front().callback.id, b.id}), boost::test_tools::per_element());
        BOOST_TEST(theirs.size() == 2u);  // their own, overdue, and b
        BOOST_TEST(op.callback_reminders().empty());
    });
}

BOOST_AUTO_TEST_CASE(a_disposition_is_checked_and_kept_on_the_interaction) {
    for_each_centre([](Centre& c) {
        auto& op = c.as("op");
        actions::ContactDraft d{c.customer, model::Channel::phone, model::Direction::inbound, "asked about fees"};
        desk::WrapUp w{"resolved", 0};
        const auto i = op.log_contact(d, nullptr, {}, w);
        BOOST_TEST(i.disposition == "resolved");
        const auto page = op.timeline(c.customer, 0);
        BOOST_REQUIRE(!page.items.empty());
        BOOST_TEST(page.items.front().disposition == "resolved");
        auto card = op.open_card({c.customer, ""}, desk::Origin::cli);
        BOOST_REQUIRE(card);
        BOOST_TEST(card::to_json(*card)["interactions"]["items"][0]["disposition"] == "resolved");
        w.disposition = "resloved";
        const auto why = message_of([&] { op.log_contact(d, nullptr, {}, w); });
        BOOST_TEST(why.find("'resloved' is not a disposition: one of resolved, callback_scheduled") != std::string::npos);
        w.disposition = "";  // required by this centre
        BOOST_TEST((kind_of([&] { op.log_contact(d, nullptr, {}, w); }) == ErrorKind::invalid));
        w.disposition = "callback_scheduled";  // needs a time
        BOOST_TEST(message_of([&] { op.log_contact(d, nullptr, {}, w); }).find("needs a time to call back at") != std::string::npos);
        BOOST_TEST(op.timeline(c.customer, 0).total == 1);  // nothing refused was kept
        BOOST_TEST(op.callbacks(c.op, 0, kStart + 86400).empty());
    });
}

BOOST_AUTO_TEST_CASE(a_bad_wrap_up_section_names_the_file_line_and_key) {
    auto error_of = [](const std::string& yaml) { return message_of([&] { config::parse_config(yaml, "centre.yaml"); }); };
    const std::string bad_code = "wrap_up:\n  dispositions:\n    - {code: resolved, label: {en: Resolved}}\n"
                                 "    - {code: No Answer, label: {en: No answer}}\n";
    const auto e1 = error_of(bad_code);
    BOOST_TEST(e1.find("centre.yaml:4") == 0u, e1);
    BOOST_TEST(e1.find("key 'wrap_up.dispositions[1].code'") != std::string::npos, e1);
    const auto e2 = error_of("wrap_up:\n  dispositions:\n    - {code: a, label: {en: A}}\n    - {code: a, label: {en: B}}\n");
    BOOST_TEST(e2.find("centre.yaml:4") == 0u, e2);
    BOOST_TEST(e2.find("listed twice") != std::string::npos, e2);
    const auto e3 = error_of("wrap_up:\n  dispositions:\n    - code: a\n      label: {ru: А}\n");
    BOOST_TEST(e3.find("wrap_up.dispositions[0].label.en") != std::string::npos, e3);
    const auto e4 = error_of("wrap_up:\n  dispositions:\n    - {code: a, label: {en: A, de: B}}\n");
    BOOST_TEST(e4.find("wrap_up.dispositions[0].label.de") != std::string::npos, e4);
    const auto e5 = error_of("wrap_up:\n  required: true\n");
    BOOST_TEST(e5.find("centre.yaml:2") == 0u, e5);
    // The shipped configuration has the codes a centre starts with, each labelled in ru and bg.
    const auto shipped = config::load_config(test::source_path("config/kartoteka.yaml"));
    BOOST_TEST(shipped.wrap_up.dispositions.size() >= 8u);
    for (const auto& d : shipped.wrap_up.dispositions) {
        BOOST_TEST(d.label.count("ru") == 1u, d.code);
        BOOST_TEST(d.label.count("bg") == 1u, d.code);
    }
    BOOST_TEST(shipped.wrap_up.find("callback_scheduled")->needs_callback);
}

BOOST_AUTO_TEST_SUITE_END()
