// The desk's staff use cases (issue 15) on SQLite and PostgreSQL: a centre set up from an empty store,
// who may change its staff, disabled agents refused, every change audited, and agent import all or
// nothing with every bad row reported by its line.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>

#include "config/config.h"
#include "desk/desk.h"
#include "error.h"
#include "centre.h"
#include "test_support.h"
#include "util/csv.h"

using namespace kartoteka;

namespace {

constexpr model::Timestamp kNow = 1795000000;

using test::Centre;
using test::kind_of;

void for_each_store(const std::function<void(Centre&)>& body) { test::for_each_store(kNow, body); }

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    BOOST_FAIL("no error");
    return {};
}

/// The first admin, a team led by them and two operators in it.
void set_up(Centre& c) {
    auto& admin = c.as("anna");
    admin.add_agent({"anna", "Anna Adminova", model::Role::admin, ""});
    admin.add_team("Inbound", "anna");
    admin.add_agent({"olga", "Olga Operatorova", model::Role::operator_, "Inbound"});
    admin.add_agent({"oleg", "Oleg Operatorov", model::Role::operator_, "Inbound"});
}

std::vector<audit::Entry> staff_audit(desk::Desk& admin) {
    audit::Filter f;
    f.limit = 1000;
    auto rows = admin.audit(f);
    std::reverse(rows.begin(), rows.end());  // oldest first
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(staff)

BOOST_AUTO_TEST_CASE(an_empty_store_gets_an_admin_a_team_and_two_operators_all_audited) {
    for_each_store([](Centre& c) {
        auto& admin = c.as("anna");
        BOOST_TEST(admin.agents().empty());  // anyone may look at an empty store
        set_up(c);
        const auto agents = admin.agents();
        BOOST_REQUIRE(agents.size() == 3u);
        BOOST_TEST(agents[0].login == "anna");
        BOOST_TEST((agents[0].role == model::Role::admin));
        const auto teams = admin.teams();
        BOOST_REQUIRE(teams.size() == 1u);
        BOOST_TEST(teams[0].lead_id == agents[0].id);
        BOOST_TEST(agents[1].team_id == teams[0].id);
        BOOST_TEST(agents[2].team_id == teams[0].id);
        // The operators can work now.
        BOOST_TEST(c.as("olga").agent().login == "olga");
        const auto rows = staff_audit(admin);
        BOOST_REQUIRE(rows.size() == 4u);
        BOOST_TEST(rows[0].action == "add_agent");
        BOOST_TEST(rows[0].agent_id == 0);  // nobody was signed in to the empty store
        BOOST_TEST(rows[0].detail.find("first admin") != std::string::npos, rows[0].detail);
        BOOST_TEST(rows[1].action == "add_team");
        BOOST_TEST(rows[1].agent_login == "anna");
        BOOST_TEST(rows[2].action == "add_agent");
        BOOST_TEST(rows[2].entity == "agent");
        BOOST_TEST(rows[2].entity_id == agents[1].id);
        BOOST_TEST(rows[2].detail == "login olga, role operator, team Inbound");
        for (const auto& r : rows) BOOST_TEST(r.detail.find("Operator") == std::string::npos, r.detail);  // no names
    });
}

BOOST_AUTO_TEST_CASE(the_first_agent_must_be_an_admin_and_then_only_admins_change_the_staff) {
    for_each_store([](Centre& c) {
        BOOST_TEST((kind_of([&] { c.as("olga").add_agent({"olga", "Olga", model::Role::operator_, ""}); }) ==
                    ErrorKind::forbidden));
        BOOST_TEST(c.as("olga").agents().empty());
        set_up(c);
        auto& op = c.as("olga");
        BOOST_TEST((kind_of([&] { op.add_agent({"boss", "Boss", model::Role::admin, ""}); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { op.set_agent("olga", {model::Role::admin, std::nullopt, std::nullopt}); }) ==
                    ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { op.disable_agent("oleg"); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { op.add_team("Outbound", ""); }) == ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { op.import_agents("login,name,role\nboss,Boss,admin\n"); }) == ErrorKind::forbidden));
        // A stranger with no login in the store may not bootstrap a store that has agents.
        BOOST_TEST((kind_of([&] { c.as("mallory").add_agent({"mallory", "M", model::Role::admin, ""}); }) ==
                    ErrorKind::forbidden));
        BOOST_TEST(c.as("anna").agents().size() == 3u);
        BOOST_TEST((c.as("anna").agent_by_login("olga")->role == model::Role::operator_));
        BOOST_TEST(staff_audit(c.as("anna")).size() == 4u);  // refusals change nothing
    });
}

BOOST_AUTO_TEST_CASE(a_disabled_agent_is_refused_and_keeps_their_records) {
    for_each_store([](Centre& c) {
        set_up(c);
        auto& admin = c.as("anna");
        auto& olga = c.as("olga");
        BOOST_TEST(olga.agent().active);  // signed in before the change
        BOOST_TEST(admin.disable_agent("olga"));
        BOOST_TEST(!admin.disable_agent("olga"));  // already
        const std::string why = message_of([&] { olga.agent(); });
        BOOST_TEST(why.find("'olga' is disabled") != std::string::npos, why);
        BOOST_TEST((kind_of([&] { olga.log_contact({1, model::Channel::phone, model::Direction::inbound, "hi"}); }) ==
                    ErrorKind::forbidden));
        BOOST_TEST((kind_of([&] { olga.agents(); }) == ErrorKind::forbidden));
        // Their agent record stays (tickets and audit rows name them), disabled.
        auto kept = admin.agent_by_login("olga");
        BOOST_REQUIRE(kept);
        BOOST_TEST(!kept->active);
        BOOST_TEST(admin.enable_agent("olga"));
        BOOST_TEST(olga.agent().active);
        const auto rows = staff_audit(admin);
        BOOST_TEST(rows[rows.size() - 2].action == "disable_agent");
        BOOST_TEST(rows.back().action == "enable_agent");
        BOOST_TEST(rows.back().agent_login == "anna");
    });
}

BOOST_AUTO_TEST_CASE(the_last_active_admin_is_kept) {
    for_each_store([](Centre& c) {
        set_up(c);
        auto& admin = c.as("anna");
        const std::string why = message_of([&] { admin.disable_agent("anna"); });
        BOOST_TEST(why.find("last active admin") != std::string::npos, why);
        BOOST_TEST((kind_of([&] { admin.set_agent("anna", {model::Role::supervisor, std::nullopt, std::nullopt}); }) ==
                    ErrorKind::invalid));
        // With a second admin, the first may step down; the audit says what changed, not the name.
        admin.add_agent({"ivan", "Ivan", model::Role::admin, ""});
        auto changed = admin.set_agent("anna", {model::Role::supervisor, std::string(""), std::string("Anna Petrova")});
        BOOST_TEST((changed.role == model::Role::supervisor));
        BOOST_TEST(changed.name == "Anna Petrova");
        BOOST_TEST((kind_of([&] { admin.add_team("Outbound", ""); }) == ErrorKind::forbidden));  // at once
        const auto rows = staff_audit(c.as("ivan"));
        BOOST_TEST(rows.back().action == "set_agent");
        BOOST_TEST(rows.back().detail == "login anna: role admin -> supervisor, name changed");
        BOOST_TEST((kind_of([&] { c.as("ivan").set_agent("nobody", {}); }) == ErrorKind::not_found));
    });
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_before_anything_is_written) {
    for_each_store([](Centre& c) {
        set_up(c);
        auto& admin = c.as("anna");
        BOOST_TEST((kind_of([&] { admin.add_agent({"olga", "Another Olga", model::Role::operator_, ""}); }) ==
                    ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { admin.add_agent({"two words", "X", model::Role::operator_, ""}); }) == ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { admin.add_agent({"x", " ", model::Role::operator_, ""}); }) == ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { admin.add_agent({"x", "X", model::Role::operator_, "Nowhere"}); }) == ErrorKind::invalid));
        BOOST_TEST((kind_of([&] { admin.add_team("Inbound", ""); }) == ErrorKind::invalid));
        BOOST_TEST(admin.add_agent({"мария", "Мария", model::Role::service, ""}).id > 0);  // logins in any script
        BOOST_TEST(admin.agents().size() == 4u);
    });
}

BOOST_AUTO_TEST_CASE(import_reports_every_bad_row_by_line_and_imports_nothing) {
    for_each_store([](Centre& c) {
        set_up(c);
        auto& admin = c.as("anna");
        const std::string csv =
            "login,name,role,team\r\n"
            "petr,\"Petrov, Petr\",operator,Outbound\r\n"  // 2: fine (a comma inside quotes)
            "olga,Olga Again,operator,Inbound\r\n"         // 3: already in the store
            ",No Login,operator,\r\n"                      // 4: empty login
            "vera,Vera Secretname,boss,\r\n"               // 5: unknown role
            "petr,Petr Again,service,\r\n"                 // 6: twice in the file
            "ivan,Ivan Ivanov,operator\r\n"                // 7: a field short
            "\"multi\nline\",\"x\",operator,\r\n";         // 8: a bad login spanning lines 8-9
        const std::string why = message_of([&] { admin.import_agents(csv); });
        BOOST_TEST(why.find("nothing was imported") != std::string::npos, why);
        BOOST_TEST(why.find("line 2:") == std::string::npos, why);
        BOOST_TEST(why.find("line 3: login 'olga' is already in the store") != std::string::npos, why);
        BOOST_TEST(why.find("line 4: empty login") != std::string::npos, why);
        BOOST_TEST(why.find("line 5: login 'vera': unknown role") != std::string::npos, why);
        BOOST_TEST(why.find("line 6: login 'petr' is also on line 2") != std::string::npos, why);
        BOOST_TEST(why.find("line 7: 3 fields where the header has 4") != std::string::npos, why);
        BOOST_TEST(why.find("line 8: a login is one word") != std::string::npos, why);
        for (const char* personal : {"Secretname", "Petrov", "Ivanov", "multi"})
            BOOST_TEST(why.find(personal) == std::string::npos, personal);
        BOOST_TEST(admin.agents().size() == 3u);
        BOOST_TEST(admin.teams().size() == 1u);
        BOOST_TEST(staff_audit(admin).size() == 4u);
    });
}

BOOST_AUTO_TEST_CASE(import_adds_a_whole_centre_and_creates_its_teams) {
    for_each_store([](Centre& c) {
        // On an empty store the file may bring the first admin; columns in any order; a BOM.
        const std::string csv = "\xEF\xBB\xBFrole,login,name,team\n"
                                "admin,anna,Anna Adminova,\n"
                                "Operator,olga,\"Olga \"\"Olya\"\" Operatorova\",Входящие\n"
                                "\n"
                                "supervisor,sveta,\"Svetlana, Sr.\",Входящие\n"
                                "service,sasha,Sasha,Service\n";
        auto& admin = c.as("anna");
        const auto result = admin.import_agents(csv);
        BOOST_REQUIRE(result.agents.size() == 4u);
        BOOST_REQUIRE(result.teams.size() == 2u);
        BOOST_TEST(result.teams[0].name == "Входящие");
        const auto olga = admin.agent_by_login("olga");
        BOOST_REQUIRE(olga);
        BOOST_TEST(olga->name == "Olga \"Olya\" Operatorova");
        BOOST_TEST(olga->team_id == result.teams[0].id);
        BOOST_TEST(admin.agent_by_login("sveta")->name == "Svetlana, Sr.");
        const auto rows = staff_audit(admin);
        BOOST_TEST(rows.size() == 6u);  // four agents, two teams
        BOOST_TEST(rows[0].action == "add_agent");
        BOOST_TEST(rows[0].detail.find("imported from line 2") != std::string::npos, rows[0].detail);
        // Without an admin in the file, an empty store stays empty.
    });
    for_each_store([](Centre& c) {
        BOOST_TEST((kind_of([&] { c.as("x").import_agents("login,name,role\nolga,Olga,operator\n"); }) ==
                    ErrorKind::forbidden));
        BOOST_TEST(c.as("x").agents().empty());
    });
}

BOOST_AUTO_TEST_CASE(csv_reads_rfc_4180) {
    auto r = util::parse_csv("a,\"b,c\",\"d\"\"e\"\r\n\r\n\"f\r\ng\",,h\nlast");
    BOOST_REQUIRE(r.size() == 3u);
    BOOST_TEST(r[0].line == 1);
    BOOST_TEST((r[0].fields == std::vector<std::string>{"a", "b,c", "d\"e"}));
    BOOST_TEST(r[1].line == 3);
    BOOST_TEST((r[1].fields == std::vector<std::string>{"f\r\ng", "", "h"}));
    BOOST_TEST(r[2].line == 5);
    BOOST_TEST(r[2].fields[0] == "last");
    BOOST_TEST(util::parse_csv("a,\"open\n").front().problem.find("not closed") != std::string::npos);
    BOOST_TEST(!util::parse_csv("\"a\"b\n").front().problem.empty());
    BOOST_TEST(util::parse_csv("").empty());
}

BOOST_AUTO_TEST_SUITE_END()
