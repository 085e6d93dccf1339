// kartoteka-cli team and agent commands (issue 15) on a real, empty SQLite file: a centre set up from
// nothing, roles enforced with exit codes, a disabled agent refused, the audit trail, and agent import
// all or nothing.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "test_support.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

/// An empty store and one configuration per login.
struct Centre : test::CliSeat {
    void ok(const std::string& login, const std::string& args) const {
        auto r = run_as(login, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, args + ": " + r.err);
    }
    json agents() const {
        auto r = run_as("anna", "agent list --json");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return json::parse(r.out);
    }
    /// The first admin, a team led by them and two operators.
    void set_up() const {
        ok("anna", "agent add --login anna --name 'Anna Adminova' --role admin");
        ok("anna", "team add --name Inbound --lead anna");
        ok("anna", "agent add --login olga --name 'Olga Operatorova' --role operator --team Inbound");
        ok("anna", "agent add --login oleg --name 'Oleg Operatorov' --role operator --team Inbound");
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(staff_cli)

BOOST_AUTO_TEST_CASE(a_centre_is_set_up_from_an_empty_store) {
    Centre c;
    // On an empty store every command used to say the login is not known; now it says what to do.
    auto empty = c.run_as("anna", "agent list");
    BOOST_TEST(empty.exit_code == 0, empty.err);
    BOOST_TEST(empty.out.find("add the first admin") != std::string::npos, empty.out);
    auto not_admin = c.run_as("olga", "agent add --login olga --name Olga --role operator");
    BOOST_TEST(not_admin.exit_code == 2);
    BOOST_TEST(not_admin.err.find("must be an admin") != std::string::npos, not_admin.err);
    c.set_up();
    const auto agents = c.agents();
    BOOST_REQUIRE(agents.size() == 3u);
    BOOST_TEST(agents[1]["login"] == "olga");
    BOOST_TEST(agents[1]["role"] == "operator");
    BOOST_TEST(agents[1]["team"] == "Inbound");
    BOOST_TEST(agents[1]["active"] == true);
    auto teams = c.run_as("olga", "team list --json");  // every active agent may look
    BOOST_REQUIRE_MESSAGE(teams.exit_code == 0, teams.err);
    const auto t = json::parse(teams.out);
    BOOST_TEST(t[0]["name"] == "Inbound");
    BOOST_TEST(t[0]["lead"] == "anna");
    BOOST_TEST(t[0]["members"] == 2);
    auto text = c.run_as("anna", "agent list");
    BOOST_TEST(text.out.find("Olga Operatorova") != std::string::npos, text.out);
    // Every change is in the audit log, by whom, without the people's names.
    auto audit = c.run_as("anna", "audit list --json");
    BOOST_REQUIRE_MESSAGE(audit.exit_code == 0, audit.err);
    const auto rows = json::parse(audit.out);
    BOOST_REQUIRE(rows.size() == 4u);
    BOOST_TEST(rows[0]["action"] == "add_agent");
    BOOST_TEST(rows[0]["agent"] == "anna");
    BOOST_TEST(rows[0]["detail"] == "login oleg, role operator, team Inbound");
    BOOST_TEST(rows[2]["action"] == "add_team");
    BOOST_TEST(rows[3]["detail"].get<std::string>().find("first admin") != std::string::npos);
    BOOST_TEST(audit.out.find("Operatorov") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_operator_cannot_add_an_admin_and_a_disabled_agent_is_refused) {
    Centre c;
    c.set_up();
    auto r = c.run_as("olga", "agent add --login boss --name Boss --role admin");
    BOOST_TEST(r.exit_code == 2);  // forbidden: bad input for this seat (README exit codes)
    BOOST_TEST(r.err.find("agent 'olga' (operator) may not administer") != std::string::npos, r.err);
    BOOST_TEST(c.run_as("olga", "agent disable --login oleg").exit_code == 2);
    BOOST_TEST(c.run_as("olga", "team add --name Mine").exit_code == 2);
    BOOST_TEST(c.agents().size() == 3u);

    c.ok("anna", "agent disable --login olga");
    auto refused = c.run_as("olga", "team list");
    BOOST_TEST(refused.exit_code == 2);
    BOOST_TEST(refused.err.find("'olga' is disabled") != std::string::npos, refused.err);
    BOOST_TEST(c.agents()[1]["active"] == false);  // the record stays
    auto audit = c.run_as("anna", "audit list --agent anna --limit 1");
    BOOST_TEST(audit.out.find("disable_agent") != std::string::npos, audit.out);
    c.ok("anna", "agent enable --login olga");
    BOOST_TEST(c.run_as("olga", "team list").exit_code == 0);

    auto last = c.run_as("anna", "agent disable --login anna");
    BOOST_TEST(last.exit_code == 2);
    BOOST_TEST(last.err.find("last active admin") != std::string::npos, last.err);
    c.ok("anna", "agent set --login oleg --role supervisor --team ''");
    BOOST_TEST(c.agents()[2]["role"] == "supervisor");
    BOOST_TEST(c.agents()[2]["team"].is_null());
    BOOST_TEST(c.run_as("anna", "agent set --login nobody --role admin").exit_code == 1);
    BOOST_TEST(c.run_as("anna", "agent add --login x --name X --role chief").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(import_with_a_bad_row_reports_its_line_and_imports_nothing) {
    Centre c;
    c.set_up();
    const std::string file = c.dir.file("centre.csv");
    test::write_file(file, "login,name,role,team\n"
                           "petr,\"Petrov, Petr\",operator,Outbound\n"
                           "vera,Vera Secretova,chief,Outbound\n"
                           "ivan,Ivan Ivanov,service,Service\n");
    auto bad = c.run_as("anna", "agent import " + file);
    BOOST_TEST(bad.exit_code == 2);
    BOOST_TEST(bad.err.find("nothing was imported") != std::string::npos, bad.err);
    BOOST_TEST(bad.err.find("line 3: login 'vera': unknown role") != std::string::npos, bad.err);
    BOOST_TEST(bad.err.find("Secretova") == std::string::npos, bad.err);
    BOOST_TEST(c.agents().size() == 3u);
    BOOST_TEST(c.run_as("anna", "team list --json").out.find("Outbound") == std::string::npos);

    test::write_file(file, "login,name,role,team\n"
                           "petr,\"Petrov, Petr\",operator,Outbound\n"
                           "vera,Vera Secretova,supervisor,Outbound\n"
                           "ivan,Ivan Ivanov,service,\n");
    auto good = c.run_as("anna", "agent import " + file);
    BOOST_REQUIRE_MESSAGE(good.exit_code == 0, good.err);
    BOOST_TEST(good.out.find("imported 3 agents") != std::string::npos, good.out);
    BOOST_TEST(good.out.find("new teams: Outbound") != std::string::npos, good.out);
    const auto agents = c.agents();
    BOOST_REQUIRE(agents.size() == 6u);
    BOOST_TEST(agents[3]["name"] == "Petrov, Petr");
    BOOST_TEST(agents[3]["team"] == "Outbound");
    // The same file again: every row is now already in the store.
    auto again = c.run_as("anna", "agent import " + file);
    BOOST_TEST(again.exit_code == 2);
    BOOST_TEST(again.err.find("line 4: login 'ivan' is already in the store") != std::string::npos, again.err);
    BOOST_TEST(c.run_as("olga", "agent import " + file).exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 16 on SQLite (one seat, one user): whoami names the config's login and says so; database
// roles are refused; admin migrate reports the schema version.
BOOST_AUTO_TEST_SUITE(whoami_cli)

BOOST_AUTO_TEST_CASE(sqlite_seats_are_their_config_login) {
    Centre c;
    c.set_up();
    auto me = c.run_as("olga", "whoami");
    BOOST_TEST(me.exit_code == 0, me.err);
    BOOST_TEST(me.out.find("login: olga\nrole: operator\nrecognised by: config agent.login\n") == 0u, me.out);
    auto j = c.run_as("olga", "whoami --json");
    BOOST_REQUIRE_MESSAGE(j.exit_code == 0, j.err);
    BOOST_TEST(json::parse(j.out)["recognised_by"] == "config agent.login");
    BOOST_TEST(json::parse(j.out)["db_user"] == "");
    auto role = c.run_as("anna", "agent add --login ivan --name Ivan --role operator --db-role ivan");
    BOOST_TEST(role.exit_code == 2);
    BOOST_TEST(role.err.find("one seat and one user") != std::string::npos, role.err);
    auto migrate = c.run_as("anna", "admin migrate");
    BOOST_TEST(migrate.exit_code == 0, migrate.err);
    BOOST_TEST(migrate.out.find("schema at version") != std::string::npos, migrate.out);
}

BOOST_AUTO_TEST_SUITE_END()
