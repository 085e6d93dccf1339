#pragma once
/// The connector contract's scene: a local SQLite store that knows one caller, and REST backends on
/// loopback described by YAML exactly as a user would configure them.
#include <boost/test/unit_test.hpp>

#include <httplib.h>

#include <memory>
#include <string>

#include "config/config.h"
#include "desk/card_service.h"
#include "connectors.h"
#include "storage/database.h"
#include "storage/store.h"
#include "test_support.h"

namespace kartoteka::test {

inline const char* kCallerPhone = "+79161234567";

/// A `connectors:` entry for a rest backend at `url` with customer and ticket mappings.
inline std::string rest_entry(const std::string& name, const std::string& url, int priority, int timeout_ms,
                              const std::string& extra = "") {
    return "  - name: " + name + "\n    type: rest\n    priority: " + std::to_string(priority) +
           "\n    timeout_ms: " + std::to_string(timeout_ms) + "\n    settings:\n      base_url: " + url +
           "\n      retries: 0\n      read_timeout_ms: 300\n      connect_timeout_ms: 200\n" + extra +
           "      entities:\n"
           "        customer:\n"
           "          endpoint: /customers?phone={phone}\n"
           "          list: /data\n"
           "          fields: {id: /id, first_name: /first, last_name: /last, phone: /phone, email: /email}\n"
           "        tickets:\n"
           "          endpoint: /customers/{customer_id}/tickets\n"
           "          fields:\n"
           "            id: /id\n"
           "            subject: /subject\n"
           "            created_at: /created\n"
           "            status: {pointer: /state, map: {new: open, closed: closed}}\n";
}

/// The JSON a well-behaved backend answers for the caller.
inline std::string customer_json(const std::string& id, const std::string& last) {
    return R"({"data":[{"id":")" + id + R"(","first":"Ivan","last":")" + last + R"(","phone":"8 (916) 123-45-67","email":"Ivan@Example.com"}]})";
}
inline std::string tickets_json(const std::string& prefix) {
    return R"([{"id":")" + prefix + R"(-1","subject":"Broken router","created":"2026-11-01T10:00:00Z","state":"new"}])";
}

/// Serves the caller at /customers only (httplib takes the first matching route, so a test adds its
/// own tickets route after this).
inline void serve_customer(httplib::Server& s, const std::string& id, const std::string& last) {
    s.Get("/customers", [id, last](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("phone") == kCallerPhone) res.set_content(customer_json(id, last), "application/json");
        else res.set_content(R"({"data":[]})", "application/json");
    });
}

/// Serves the caller at /customers and its tickets, as a healthy backend does.
inline void serve_healthy(httplib::Server& s, const std::string& id, const std::string& last) {
    serve_customer(s, id, last);
    s.Get(R"(/customers/([^/]+)/tickets)", [id](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.matches[1] == id ? tickets_json(id) : "[]", "application/json");
    });
}

/// The local store (a real SQLite file) with the caller and one logged call, plus the card service
/// over the configured connectors.
class Scene {
public:
    explicit Scene(const std::string& connectors_yaml)
        : m_db(storage::StoreLocation::parse(m_dir.file("scene.db"))), m_store(m_db), m_phones("RU") {
        config = config::parse_config("connectors:\n" + connectors_yaml, "test.yaml");
        connectors::register_all(registry);
        registry.set_preset_dirs({source_path("config/presets")});
        model::Customer c;
        c.first_name = "Иван";
        c.last_name = "Иванов";
        c.phones = {kCallerPhone};
        m_store.insert_customer(c, 1700000000);
        customer_id = c.id;
        model::Interaction i;
        i.customer_id = c.id;
        i.occurred_at = 1700000100;
        i.summary = "local call";
        i.source_system = "local";
        m_store.insert_interaction(i);
        assembler = std::make_unique<connector::CardAssembler>(registry.create_all(config.connectors), 50, m_phones,
                                                               [] { return model::Timestamp{1800000000}; });
        service = std::make_unique<desk::CardService>(m_store, *assembler, m_phones, 50,
                                                           [] { return model::Timestamp{1800000000}; });
    }

    storage::Store& store() { return m_store; }

    config::Config config;
    connector::Registry registry;
    std::unique_ptr<connector::CardAssembler> assembler;
    std::unique_ptr<desk::CardService> service;
    model::Id customer_id = 0;

private:
    TempDir m_dir;
    storage::Database m_db;
    storage::Store m_store;
    phone::PhoneNormalizer m_phones;
};

/// The named source's state; one with an empty name when the card has no such source.
inline card::SourceState source(const card::Card& c, const std::string& name) {
    for (const auto& s : c.sources)
        if (s.name == name) return s;
    return {};
}

inline bool has_interaction(const card::Card& c, const std::string& summary) {
    for (const auto& i : c.interactions.items)
        if (i.summary == summary) return true;
    return false;
}

inline int tickets_from(const card::Card& c, const std::string& source_name) {
    int n = 0;
    for (const auto& t : c.tickets) n += t.source_system == source_name;
    return n;
}

}  // namespace kartoteka::test
