// The retention commands of the real kartoteka-cli binary on a seeded SQLite file, and the demo data
// checked against the rules: every status, tier and contact type shows up somewhere.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "desk/retention_service.h"
#include "storage/database.h"
#include "test_support.h"
#include "util/time.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

const std::string now_text = "2026-11-24T09:00:00Z";

/// One seeded demo database shared by the CLI cases (seeding is the slow part).
struct Seeded {
    test::TempDir dir;
    std::string db = dir.file("demo.db");
    Seeded() {
        auto r = run("demo seed --customers 1500 --seed 3 --now " + now_text);
        if (r.exit_code != 0) throw std::runtime_error("demo seed failed: " + r.err);
    }
    /// As the default seat's agent (operator).
    test::RunResult run(const std::string& args) const {
        return test::run(test::binary("app/cli/kartoteka-cli") + " --db " + db + " " + args);
    }
    /// As another agent: roles are enforced in the core, so reports and planning need a supervisor.
    test::RunResult run_as(const std::string& login, const std::string& args) const {
        const std::string config = dir.file(login + ".yaml");
        test::write_file(config, "agent:\n  login: " + login + "\n");
        return test::run(test::binary("app/cli/kartoteka-cli") + " --config " + config + " --db " + db + " " + args);
    }
};

const Seeded& seeded() {
    static Seeded s;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retention_cli)

BOOST_AUTO_TEST_CASE(report_churn_as_json_and_text) {
    BOOST_TEST(seeded().run("report churn --from 2025-11-24 --to 2026-11-23").exit_code == 2);  // operator: no
    auto r = seeded().run_as("supervisor", "report churn --from 2025-11-24 --to 2026-11-23 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto all = json::parse(r.out);
    BOOST_REQUIRE(!all["currencies"].empty());
    const auto& j = all["currencies"][0];  // the centre's own first, each currency apart
    BOOST_TEST(j["currency"] == "RUB");
    const long long at_start = j["customers_at_start"], lost = j["lost"];
    BOOST_TEST(at_start > 500);
    BOOST_TEST(lost > 10);
    BOOST_TEST(j["count_churn_percent"].get<double>() == 100.0 * static_cast<double>(lost) / static_cast<double>(at_start),
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(j["money_churn"].get<long long>() > 0);
    // Value lost = lost x lifetime value: the sum, and the average it reports, agree to the kopeck.
    const long long remainder = j["value_lost"].get<long long>() - j["average_lifetime_value"].get<long long>() * lost;
    BOOST_TEST((remainder >= 0 && remainder < lost));
    BOOST_TEST(!j["returned"].empty());
    BOOST_TEST(j["returned"][0]["first_order"].get<long long>() > 0);
    r = seeded().run_as("supervisor", "report churn --from 2025-11-24 --to 2026-11-23");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("count churn") != std::string::npos);
    BOOST_TEST(seeded().run_as("supervisor", "report churn --from 2026-11-23 --to 2025-11-24").exit_code == 2);
    BOOST_TEST(seeded().run_as("supervisor", "report churn --from yesterday --to 2025-11-24").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(card_json_carries_the_retention_reading) {
    auto r = seeded().run("card --id 5 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = json::parse(r.out);
    for (const char* key : {"customer", "status", "value", "interactions", "offers", "preferences", "tickets",
                            "contacts", "sources"})
        BOOST_TEST(j.contains(key), key);
    BOOST_TEST(j["status"]["signals"].is_array());
    BOOST_TEST(j["status"].contains("extra_sensitive"));
    BOOST_TEST(j["value"]["tier"].is_string());
    BOOST_TEST(j["value"]["lifetime_value"].is_number_integer());
    BOOST_TEST(j["value"]["satisfaction"].contains("warning"));
    for (const auto& o : j["offers"]) BOOST_TEST(o["eligibility"].contains("eligible"));
    for (const auto& c : j["contacts"]) BOOST_TEST(c.contains("due_today"));
}

BOOST_AUTO_TEST_CASE(contacts_schedule_due_and_log_with_a_problem) {
    BOOST_TEST(seeded().run("contacts schedule --now " + now_text).exit_code == 2);  // operators do not plan
    auto r = seeded().run_as("supervisor", "contacts schedule --now " + now_text);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("planned ") == 0u);
    r = seeded().run("contacts due --now " + now_text + " --date 2027-03-01 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto list = json::parse(r.out);
    const auto& due = list["contacts"];
    BOOST_REQUIRE(!due.empty());
    BOOST_TEST(!list["offers"].empty());
    for (const auto& o : list["offers"])
        if (!o["eligible"].get<bool>()) BOOST_TEST(!o["rule"].get<std::string>().empty());
    long long how_are_you = 0;
    std::set<std::string> assignees;
    for (const auto& d : due) {
        assignees.insert(d["assignee"].get<std::string>());
        if (d["type"] == "how_are_you" && how_are_you == 0) how_are_you = d["id"];
        if (!d["eligible"].get<bool>()) BOOST_TEST(!d["rule"].get<std::string>().empty());
    }
    BOOST_TEST(assignees.size() > 1u);
    BOOST_REQUIRE(how_are_you > 0);
    r = seeded().run("contacts due --agent service --now " + now_text + " --date 2027-03-01");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("service  contact #") == 0u);
    BOOST_TEST(r.out.find("operator") == std::string::npos);  // only the service agent's list
    const std::string id = std::to_string(how_are_you);
    BOOST_TEST(seeded().run_as("service", "contacts log --id " + id).exit_code == 2);  // no rating
    BOOST_TEST(seeded().run_as("service", "contacts log --id " + id + " --satisfaction 7").exit_code == 2);
    r = seeded().run("contacts log --id " + id + " --satisfaction 3");  // an operator, not the assignee
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("may not log a planned service contact") != std::string::npos, r.err);
    r = seeded().run_as("service", "contacts log --id " + id + " --satisfaction 3 --text 'OK overall' "
                        "--problems 'Invoice was wrong twice'");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("complaint ticket #") != std::string::npos);
    BOOST_TEST(seeded().run_as("service", "contacts log --id 99999999 --satisfaction 5").exit_code == 1);
}

BOOST_AUTO_TEST_CASE(deal_offer_work_and_winback) {
    auto r = seeded().run("deal close --customer 7 --amount 1500.50 --product 'Home Internet' --manager operator2 "
                          "--now " + now_text);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("welcome_letter  due 2026-11-24  for operator2") != std::string::npos);
    BOOST_TEST(r.out.find("service_call  due 2026-12-24  for service") != std::string::npos);
    BOOST_TEST(seeded().run("deal close --customer 7 --amount -5 --product X").exit_code == 2);

    r = seeded().run_as("supervisor", "winback run --now " + now_text + " --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto run = json::parse(r.out);
    BOOST_TEST(run["created"].get<int>() > 10);
    BOOST_TEST(run["skipped"].get<int>() > 0);
    // A customer the run made a win-back offer for that the rules let be made now (an open complaint,
    // do-not-call or quiet hours hold a sale back), and that offer on their card.
    long long offer_id = 0;
    for (const auto& it : run["items"]) {
        if (it["action"] != "create" || offer_id) continue;
        const auto card = json::parse(seeded().run("card --id " + std::to_string(it["customer_id"].get<long long>()) + " --json").out);
        for (const auto& o : card["offers"])
            if (o["kind"] == "winback" && o["eligibility"]["eligible"] == true) offer_id = o["id"];
    }
    BOOST_REQUIRE(offer_id > 0);
    const std::string work = "offer work --id " + std::to_string(offer_id) + " --now " + now_text;
    BOOST_TEST(seeded().run(work + " --outcome accepted").exit_code == 2);  // no concrete next step
    BOOST_TEST(seeded().run(work + " --outcome accepted --next-step office --at 2026-11-25T10:00:00Z").exit_code == 2);
    BOOST_TEST(seeded().run(work + " --outcome accepted --next-step office --address 'Tverskaya 1' "
                                   "--at 2026-12-05T10:00:00Z").exit_code == 2);  // beyond 3 days
    r = seeded().run(work + " --outcome accepted --next-step office --address 'Tverskaya 1' "
                            "--at 2026-11-26T10:00:00Z --said 'Will come'");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("accepted, next step office at Tverskaya 1") != std::string::npos);
    BOOST_TEST(seeded().run(work + " --outcome declined").exit_code == 2);  // already closed
}

BOOST_AUTO_TEST_CASE(demo_data_shows_every_status_tier_and_contact_type) {
    storage::Database db(storage::StoreLocation::parse(seeded().db));
    storage::Store store(db);
    desk::RetentionService rules(store, config::RetentionConfig{}, "Europe/Moscow");
    const auto now = *util::parse_iso(now_text);
    std::set<std::string> statuses, tiers, types;
    for (model::Id id = 1; id <= 1500; ++id) {
        const auto h = rules.load_history(id, now);
        const auto r = rules.assess(h, now);
        statuses.insert(model::to_string(r.status.record.status));
        tiers.insert(std::string(1, r.value.tier));
        for (const auto& c : h.contacts) types.insert(model::to_string(c.type));
    }
    BOOST_TEST(statuses == (std::set<std::string>{"active", "at_risk", "sleeping", "lost", "returned", "lost_twice",
                                                   "do_not_retain"}));
    BOOST_TEST(tiers == (std::set<std::string>{"A", "B", "C"}));
    BOOST_TEST(types == (std::set<std::string>{"welcome_letter", "service_call", "how_are_you", "new_idea",
                                                "stay_informed", "become_part"}));
}

BOOST_AUTO_TEST_SUITE_END()
