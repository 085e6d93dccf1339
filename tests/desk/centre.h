#pragma once
// Desks over one store, each signed in as its own login, on SQLite and then on the test PostgreSQL
// server: the staff and ticket-action suites play several seats of one centre.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "config/config.h"
#include "desk/desk.h"
#include "error.h"
#include "test_support.h"

namespace kartoteka::test {

class Centre {
public:
    Centre(std::string store, model::Timestamp now) : m_store(std::move(store)), m_now(now) {}
    desk::Desk& as(const std::string& login) {
        auto& d = m_desks[login];
        if (!d) {
            desk::DeskOptions o;
            o.store_override = m_store;
            o.store_password = "";
            o.clock = [this] { return m_now; };
            o.agent_recheck = std::chrono::milliseconds(0);  // a change by another seat shows at once
            d = std::make_unique<desk::Desk>(
                config::parse_config("agent: {login: " + login + "}\n" + m_config_tail, "centre.yaml"), o);
        }
        return *d;
    }
    /// Every seat's clock moves together.
    void set_now(model::Timestamp now) { m_now = now; }
    /// More of the centre's YAML (connectors, outbox) for the seats signed in from now on.
    void configure(std::string yaml_tail) { m_config_tail = std::move(yaml_tail); }

private:
    std::string m_store;
    model::Timestamp m_now;
    std::string m_config_tail;
    std::map<std::string, std::unique_ptr<desk::Desk>> m_desks;
};

/// An empty SQLite store, then the test PostgreSQL server emptied, when one is given.
inline void for_each_store(model::Timestamp now, const std::function<void(Centre&)>& body) {
    {
        TempDir dir;
        Centre c(dir.file("centre.db"), now);
        BOOST_TEST_CONTEXT("store: SQLite") { body(c); }
    }
    if (auto pg = postgres_url()) {
        reset_postgres(*pg);
        {
            Centre c(*pg, now);
            BOOST_TEST_CONTEXT("store: PostgreSQL") { body(c); }
        }
        reset_postgres(*pg);
    }
}

/// An admin (anna), a supervisor (sveta), team Inbound led by lena with olga in it.
inline void staff_inbound(Centre& c) {
    auto& admin = c.as("anna");
    admin.add_agent({"anna", "Anna Adminova", model::Role::admin, ""});
    admin.add_agent({"sveta", "Sveta Supervisorova", model::Role::supervisor, ""});
    admin.add_agent({"lena", "Lena Leadova", model::Role::operator_, ""});
    admin.add_team("Inbound", "lena");
    admin.set_agent("lena", {std::nullopt, std::string("Inbound"), std::nullopt});
    admin.add_agent({"olga", "Olga Operatorova", model::Role::operator_, "Inbound"});
}

inline ErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    BOOST_FAIL("no error");
    return ErrorKind::storage;
}

}  // namespace kartoteka::test
