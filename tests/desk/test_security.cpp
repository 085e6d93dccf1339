// Issue 16 on the test PostgreSQL server: who a seat is comes from its database session, and what it
// may do is enforced by the server, so an operator's own SQL connection (as psql would use) can do no
// more than their desk. Seats are real login roles, named uniquely per run and dropped at the end
// (role names are cluster-wide). Skipped without KARTOTEKA_TEST_PG; the SQLite half always runs.
#include <boost/test/unit_test.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <unistd.h>

#include "config/config.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/database.h"
#include "storage/store.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

constexpr model::Timestamp kNow = 1795000000;

std::unique_ptr<desk::Desk> desk_at(const std::string& store, const std::string& yaml_login) {
    desk::DeskOptions o;
    o.store_override = store;
    o.store_password = "";
    o.clock = [] { return kNow; };
    o.agent_recheck = std::chrono::milliseconds(0);
    return std::make_unique<desk::Desk>(config::parse_config("agent: {login: " + yaml_login + "}\n", "seat.yaml"), o);
}

/// The test server as its superuser (a maintenance connection) plus seats signing in as their own
/// login roles, which are dropped when it goes.
class Seats {
public:
    explicit Seats(std::string url) : m_url(std::move(url)) {
        std::random_device rd;
        m_prefix = "sec_t" + std::to_string(getpid()) + "_" + std::to_string(rd() % 100000) + "_";
        test::reset_postgres(m_url);
        m_owner = desk_at(m_url, "boss");
        m_owner->add_agent({"boss", "Boss", model::Role::admin, "", "", ""});
    }
    ~Seats() {
        m_owner.reset();
        soci::session s(*soci::factory_postgresql(), m_url);
        for (const auto& r : m_roles) {
            try {
                s << "DROP ROLE IF EXISTS \"" + r + "\"";
            } catch (const soci::soci_error& e) {
                BOOST_TEST_MESSAGE("could not drop role " << r << ": " << e.get_error_message());
            }
        }
    }
    /// Adds an agent signing in as a new login role (with a password) and returns the role's name.
    std::string add(const std::string& login, model::Role role) {
        const std::string db_role = m_prefix + login;
        m_roles.push_back(db_role);
        m_owner->add_agent({login, login, role, "", db_role, "pw-" + login});
        return db_role;
    }
    /// A role name unique to this run, dropped at the end (for a role the test makes another way).
    std::string name(const std::string& login) {
        m_roles.push_back(m_prefix + login);
        return m_roles.back();
    }
    /// The test server's connection string as `db_role` (later key=value pairs win in libpq).
    std::string as(const std::string& db_role) const { return m_url + " user=" + db_role + " password=pw"; }
    desk::Desk& owner() { return *m_owner; }
    soci::session superuser() const { return soci::session(*soci::factory_postgresql(), m_url); }

private:
    std::string m_url;
    std::string m_prefix;
    std::unique_ptr<desk::Desk> m_owner;
    std::vector<std::string> m_roles;
};

/// True when the statement fails on the server.
bool refused(soci::session& s, const std::string& sql) {
    try {
        s << sql;
    } catch (const soci::soci_error&) {
        return true;
    }
    return false;
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

model::Id a_customer(desk::Desk& d) {
    model::Customer c;
    c.first_name = "Иван";
    c.last_name = "Петров";
    c.phones = {"+79161234567"};
    return d.create_customer(c).id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(security)

BOOST_AUTO_TEST_CASE(the_database_decides_who_an_operator_is_and_what_they_may_do) {
    auto pg = test::postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: database roles need PostgreSQL; skipped");
        return;
    }
    Seats seats(*pg);
    const std::string olga = seats.add("olga", model::Role::operator_);
    const std::string sveta = seats.add("sveta", model::Role::supervisor);
    const model::Id customer = a_customer(seats.owner());

    // Olga's YAML claims the supervisor's login: the database session says who she is.
    auto op = desk_at(seats.as(olga), "sveta");
    const auto me = op->whoami();
    BOOST_TEST(me.agent.login == "olga");
    BOOST_TEST((me.agent.role == model::Role::operator_));
    BOOST_TEST((me.source == desk::Identity::Source::database_session));
    BOOST_TEST(me.db_user == olga);
    BOOST_TEST((kind_of([&] { op->mark_do_not_retain({customer, "abused staff"}, kNow); }) == ErrorKind::forbidden));
    BOOST_TEST((kind_of([&] { op->audit({}); }) == ErrorKind::forbidden));
    BOOST_TEST((kind_of([&] { op->add_agent({"eve", "Eve", model::Role::admin, "", "", ""}); }) == ErrorKind::forbidden));
    op->record_loss({customer, model::LossReason::competitor, me.agent.id, kNow - 60, "went to a competitor"}, kNow);
    // The grants cover an operator's day: search, the card (its view audited), a contact, a complaint.
    BOOST_TEST(op->search("Петров", 10).size() == 1u);
    BOOST_TEST(op->open_card({customer, ""}, desk::Origin::cli).has_value());
    op->log_contact({customer, model::Channel::phone, model::Direction::inbound, "called about the bill"});
    op->open_complaint({customer, "billing", 2, model::TicketCause::human, "Charged twice", "twice in May", 0});

    // The supervisor (whose YAML names the operator) may.
    auto sup = desk_at(seats.as(sveta), "olga");
    BOOST_TEST(sup->agent().login == "sveta");
    sup->mark_do_not_retain({customer, "abused staff"}, kNow);
    BOOST_TEST(sup->sla_board({}) != nullptr);  // records warnings and breaches as the supervisor
    BOOST_TEST(!sup->audit({}).empty());

    // Olga's own SQL, as psql would send it.
    soci::session raw(*soci::factory_postgresql(), seats.as(olga));
    auto count = [&](const std::string& sql) {
        long long n = -1;
        auto s = seats.superuser();
        s << sql, soci::into(n);
        return n;
    };
    const std::string dnr = "SELECT count(*) FROM lifecycle_events WHERE kind = 'do_not_retain' AND note = 'abused staff'";
    BOOST_TEST(count(dnr) == 1);
    BOOST_TEST(refused(raw, "INSERT INTO lifecycle_events(customer_id, kind, at, note) VALUES(" + std::to_string(customer) +
                                ", 'do_not_retain', 1, 'forged')"));
    raw << "UPDATE lifecycle_events SET note = 'changed' WHERE kind = 'do_not_retain'";  // row security: no row matches
    raw << "DELETE FROM lifecycle_events WHERE kind = 'do_not_retain'";
    BOOST_TEST(count(dnr) == 1);
    BOOST_TEST(refused(raw, "UPDATE lifecycle_events SET kind = 'do_not_retain' WHERE kind = 'lost'"));
    // The audit log: no reading, changing, emptying, nor touching its triggers; no role changes.
    const long long audit_rows = count("SELECT count(*) FROM audit_log");
    BOOST_TEST(audit_rows >= 5);
    for (const char* sql : {"SELECT count(*) FROM audit_log", "UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log",
                            "TRUNCATE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
                            "ALTER TABLE audit_log DISABLE TRIGGER ALL", "DROP TRIGGER audit_log_stamp ON audit_log",
                            "DROP TABLE audit_log", "UPDATE agents SET role = 'admin'", "CREATE TABLE mine (x INT)",
                            "SELECT kartoteka_set_seat_password('x', 'y')", "SET session_replication_role = replica"}) {
        BOOST_TEST(refused(raw, sql), sql);
    }
    std::string supervisors;
    raw << "SELECT kartoteka_group('supervisor')", soci::into(supervisors);
    BOOST_TEST(refused(raw, "SET ROLE \"" + supervisors + "\""));
    BOOST_TEST(refused(raw, "SET ROLE \"" + sveta + "\""));
    BOOST_TEST(count("SELECT count(*) FROM audit_log") == audit_rows);
    BOOST_TEST(count("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_log_no_change' AND tgenabled = 'O'") == 1);
    // A forged audit row blaming the supervisor names Olga all the same.
    raw << "INSERT INTO audit_log(at, agent_id, action, detail) VALUES(1, " + std::to_string(sup->agent().id) +
               ", 'view_card', 'forged')";
    std::string forged_user;
    model::Id forged_agent = 0;
    {
        auto s = seats.superuser();
        s << "SELECT db_user, agent_id FROM audit_log WHERE detail = 'forged'", soci::into(forged_user), soci::into(forged_agent);
    }
    BOOST_TEST(forged_user == olga);
    BOOST_TEST(forged_agent == me.agent.id);

    // Every audit row names the session's real user, and a seat's row the agent mapped to it.
    for (const auto& e : seats.owner().audit({})) {
        BOOST_TEST(!e.db_user.empty());
        if (e.db_user == olga) BOOST_TEST(e.agent_login == "olga");
        if (e.db_user == sveta) BOOST_TEST(e.agent_login == "sveta");
    }
    BOOST_TEST(count("SELECT count(*) FROM audit_log WHERE action = 'record_loss' AND db_user = '" + olga + "'") == 1);
    BOOST_TEST(count("SELECT count(*) FROM audit_log WHERE action = 'mark_do_not_retain' AND db_user = '" + sveta + "'") == 1);
    // Passwords reached the server as SCRAM verifiers.
    BOOST_TEST(count("SELECT count(*) FROM pg_authid WHERE rolname IN ('" + olga + "', '" + sveta +
                     "') AND rolpassword LIKE 'SCRAM-SHA-256$%'") == 2);
}

BOOST_AUTO_TEST_CASE(failed_write_backs_and_staff_are_beyond_an_operators_sql) {
    auto pg = test::postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: database roles need PostgreSQL; skipped");
        return;
    }
    Seats seats(*pg);
    const std::string olga = seats.add("olga", model::Role::operator_);
    const std::string sveta = seats.add("sveta", model::Role::supervisor);
    {
        auto s = seats.superuser();
        s << "INSERT INTO outbox(idempotency_key, target, kind, payload, status, created_at) "
             "VALUES('k1', 'crm', 'interaction', '{}', 'failed', 1)";
    }
    soci::session op(*soci::factory_postgresql(), seats.as(olga));
    op << "UPDATE outbox SET status = 'pending' WHERE status = 'failed'";
    int failed = 0;
    op << "SELECT count(*) FROM outbox WHERE status = 'failed'", soci::into(failed);
    BOOST_TEST(failed == 1);
    BOOST_TEST(refused(op, "INSERT INTO agents(login, name, role, db_role) VALUES('root', 'Root', 'admin', 'postgres')"));
    auto sup = desk_at(seats.as(sveta), "sveta");
    BOOST_TEST(sup->retry_outbox(0) == 1);
    // A seat connection does not migrate: with a migration pending it says who does.
    {
        auto s = seats.superuser();
        s << "DELETE FROM schema_migrations WHERE version = 7";
    }
    try {
        storage::Database seat(storage::StoreLocation::parse(seats.as(olga)));
        BOOST_FAIL("a seat opened a store with a migration pending");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("admin migrate") != std::string::npos, e.what());
    }
    auto s = seats.superuser();
    s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(7, '0007_seat_roles', 0)";
    // An admin may not map a superuser as a seat (its powers would come with it); the database refuses.
    std::string superuser;
    s << "SELECT current_user", soci::into(superuser);
    BOOST_TEST((kind_of([&] { seats.owner().add_agent({"root", "Root", model::Role::admin, "", superuser, ""}); }) ==
                ErrorKind::forbidden));
}

BOOST_AUTO_TEST_CASE(an_imported_centre_brings_its_database_roles) {
    auto pg = test::postgres_url();
    if (!pg) {
        BOOST_TEST_MESSAGE("KARTOTEKA_TEST_PG not set: database roles need PostgreSQL; skipped");
        return;
    }
    Seats seats(*pg);
    const std::string olga = seats.name("olga"), petr = seats.name("petr");
    // One role on two lines, or a superuser's, refuses the whole file, each by its line.
    const std::string twice = "login,name,role,team,db_role\nolga,Olga,operator,Desk,\"" + olga + "\"\npetr,Petr,supervisor,," +
                              olga + "\n";
    try {
        seats.owner().import_agents(twice);
        BOOST_FAIL("a database role named twice was imported");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("line 3") != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find("also on line 2") != std::string::npos, e.what());
    }
    BOOST_TEST(!seats.owner().agent_by_login("olga"));
    const auto result = seats.owner().import_agents("login,name,role,team,db_role\nolga,Olga,operator,Desk," + olga +
                                                    "\npetr,Petr,supervisor,," + petr + "\nivan,Ivan,operator,Desk,\n");
    BOOST_TEST(result.agents.size() == 3u);
    BOOST_TEST(seats.owner().agent_by_login("olga")->db_role == olga);
    BOOST_TEST(seats.owner().agent_by_login("ivan")->db_role.empty());
    // The database made each role a seat of its kind, with no password: an admin sets one later.
    auto s = seats.superuser();
    int kinds = 0;
    s << "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
         "WHERE (u.rolname = :o AND g.rolname = kartoteka_group('operator')) OR (u.rolname = :p AND g.rolname = kartoteka_group('supervisor'))",
        soci::use(olga), soci::use(petr), soci::into(kinds);
    BOOST_TEST(kinds == 2);
    int with_password = -1;
    s << "SELECT count(*) FROM pg_authid WHERE rolname IN (:o, :p) AND rolpassword IS NOT NULL", soci::use(olga), soci::use(petr),
        soci::into(with_password);
    BOOST_TEST(with_password == 0);
}

BOOST_AUTO_TEST_CASE(sqlite_is_one_seat_its_audit_log_refuses_changes) {
    test::TempDir dir;
    const std::string file = dir.file("seat.db");
    auto d = desk_at(file, "boss");
    d->add_agent({"boss", "Boss", model::Role::admin, "", "", ""});
    BOOST_TEST((kind_of([&] { d->add_agent({"olga", "Olga", model::Role::operator_, "", "olga", ""}); }) == ErrorKind::invalid));
    BOOST_TEST((kind_of([&] { d->import_agents("login,name,role,db_role\nolga,Olga,operator,olga\n"); }) == ErrorKind::invalid));
    const auto me = d->whoami();
    BOOST_TEST((me.source == desk::Identity::Source::config));
    BOOST_TEST(me.db_user.empty());
    storage::Database db(storage::StoreLocation::parse(file));
    BOOST_TEST(refused(db.session(), "UPDATE audit_log SET detail = 'x'"));
    BOOST_TEST(refused(db.session(), "DELETE FROM audit_log"));
}

BOOST_AUTO_TEST_SUITE_END()
