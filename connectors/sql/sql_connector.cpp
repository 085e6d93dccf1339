#include "sql_connector.h"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "sql_errors.h"
#include "storage/soci_error_text.h"
#include "util/time.h"

namespace kartoteka::connectors::sql {
namespace {

using connector::Capability;

}  // namespace

SqlConnector::SqlConnector(std::string name, SqlSettings settings)
    : m_name(std::move(name)), m_settings(std::move(settings)) {
    if (!m_settings.zone) m_settings.zone = util::find_zone("UTC");
}

connector::Capabilities SqlConnector::capabilities() const {
    connector::Capabilities caps;
    if (auto it = m_settings.queries.find("customer"); it != m_settings.queries.end()) {
        if (it->second.uses("phone")) caps.insert(Capability::lookup_by_phone);
        if (it->second.uses("email")) caps.insert(Capability::lookup_by_email);
        if (it->second.uses("id")) caps.insert(Capability::lookup_by_id);
        if (it->second.uses("name")) caps.insert(Capability::lookup_by_name);
    }
    if (m_settings.queries.count("directory")) caps.insert(Capability::directory);
    if (m_settings.queries.count("interactions")) caps.insert(Capability::interactions);
    if (m_settings.queries.count("offers")) caps.insert(Capability::offers);
    if (m_settings.queries.count("tickets")) caps.insert(Capability::tickets);
    if (m_settings.queries.count("preferences")) caps.insert(Capability::preferences);
    if (m_settings.queries.count("holdings")) caps.insert(Capability::holdings);
    if (m_settings.queries.count("feedback")) caps.insert(Capability::feedback);
    if (m_settings.writeback.count("interaction")) caps.insert(Capability::accept_interaction);
    if (m_settings.writeback.count("offer_outcome")) caps.insert(Capability::accept_offer_outcome);
    if (m_settings.writeback.count("complaint")) caps.insert(Capability::accept_ticket);
    if (m_settings.writeback.count("escalation")) caps.insert(Capability::accept_escalation);
    return caps;
}

namespace {

/// Whole milliseconds left until the deadline. @throws ConnectorError{timed_out} when none are.
long long millis_left(const std::string& name, connector::Deadline deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) throw connector::ConnectorError(connector::Failure::timed_out, name + ": no time left for the query", true);
    return left;
}

}  // namespace

std::unique_ptr<soci::session> SqlConnector::acquire(connector::Deadline deadline) {
    const bool postgres = m_settings.backend == "postgresql";
    const long long left = millis_left(m_name, deadline);
    std::unique_ptr<soci::session> s;
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            s = std::move(m_idle.back());
            m_idle.pop_back();
        }
    }
    try {
        if (!s) {
            if (m_settings.backend == "sqlite3") {
                s = std::make_unique<soci::session>(*soci::factory_sqlite3(), m_settings.connection);
            } else if (postgres) {
                // libpq counts connect_timeout in whole seconds (at least 2 s is honoured); the
                // configured string's own value, if any, wins.
                std::string conn = m_settings.connection;
                if (conn.find("connect_timeout") == std::string::npos && conn.find("://") == std::string::npos)
                    conn += " connect_timeout=" + std::to_string(std::max(2LL, (left + 999) / 1000));
                s = std::make_unique<soci::session>(*soci::factory_postgresql(), conn);
            } else {
                s = std::make_unique<soci::session>(m_settings.backend, m_settings.connection);  // SOCI's loader
            }
        }
        if (postgres) *s << "SET statement_timeout = " + std::to_string(millis_left(m_name, deadline));
    } catch (const soci::soci_error& e) {
        throw connector::ConnectorError(connector::Failure::down, m_name + ": cannot connect: " + storage::soci_error_text(e), true);
    }
    return s;
}

void SqlConnector::release(std::unique_ptr<soci::session> s) {
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < 4) m_idle.push_back(std::move(s));
}

std::vector<CellRow> SqlConnector::run(soci::session& s, const QueryMapping& q,
                                       const std::map<std::string, std::string>& vars) {
    auto usable = [&vars](const Statement& st) {
        return std::all_of(st.params.begin(), st.params.end(), [&vars](const std::string& p) {
            auto it = vars.find(p);
            return it != vars.end() && !it->second.empty();
        });
    };
    for (const auto& st : q.statements)
        if (usable(st)) return read_rows(s, m_settings.backend, st.sql, st.params, vars, m_name);
    return {};  // nothing to ask by
}

SqlConnector::Vars SqlConnector::vars_for(const connector::Lookup& lookup) const {
    Vars vars{{"phone", lookup.phone}, {"email", lookup.email}, {"id", lookup.ref_for(m_name)}, {"name", lookup.name}};
    vars["customer_id"] = vars["id"];
    return vars;
}

connector::SourceRecord SqlConnector::fetch(const connector::Lookup& lookup, connector::Deadline deadline) {
    auto vars = vars_for(lookup);
    vars.erase("name");  // the card never asks by name
    auto session = acquire(deadline);
    connector::SourceRecord rec;
    try {
        const auto& q = m_settings.queries;
        if (auto it = q.find("customer"); it != q.end()) {
            auto rows = run(*session, it->second, vars);
            if (rows.empty()) {
                release(std::move(session));
                return rec;
            }
            rec.customer = connector::to_customer(map(rows.front(), it->second), m_name);
            if (!rec.customer->refs.empty()) vars["customer_id"] = rec.customer->refs.front().external_id;
            // Two customers with one number (an office line, a family phone): the second is kept too.
            for (std::size_t i = 1; i < rows.size(); ++i) {
                try {
                    rec.also_matched.push_back(connector::to_customer(map(rows[i], it->second), m_name));
                } catch (const std::exception&) {
                    rec.skipped.push_back({"customer", "a further matching customer could not be read"});
                }
            }
        }
        // A row that cannot be read costs only itself (issue 14); the source strip says so.
        if (auto it = q.find("interactions"); it != q.end())
            connector::read_each(run(*session, it->second, vars), "interactions", rec.interactions, rec.skipped,
                                 [&](const CellRow& r) { return connector::to_interaction(map(r, it->second), m_name); });
        if (auto it = q.find("tickets"); it != q.end())
            connector::read_each(run(*session, it->second, vars), "tickets", rec.tickets, rec.skipped,
                                 [&](const CellRow& r) { return connector::to_ticket(map(r, it->second), m_name); });
        if (auto it = q.find("offers"); it != q.end())
            connector::read_each(run(*session, it->second, vars), "offers", rec.offers, rec.skipped,
                                 [&](const CellRow& r) { return connector::to_offer(map(r, it->second), m_name); });
        if (auto it = q.find("holdings"); it != q.end())
            connector::read_each(run(*session, it->second, vars), "holdings", rec.holdings, rec.skipped,
                                 [&](const CellRow& r) { return connector::to_holding(map(r, it->second), m_name); });
        if (auto it = q.find("feedback"); it != q.end())
            connector::read_each(run(*session, it->second, vars), "feedback", rec.feedback, rec.skipped,
                                 [&](const CellRow& r) { return connector::to_feedback(map(r, it->second), m_name); });
        if (auto it = q.find("preferences"); it != q.end()) {
            const auto rows = run(*session, it->second, vars);
            // Two differing rows about one customer's consent cannot be merged safely by guessing.
            if (rows.size() > 1)
                throw connector::ConnectorError(connector::Failure::bad_data,
                                                "preferences: expected one row for the customer, found " + std::to_string(rows.size()), false);
            // Consent misread is worse than a failed source: an unreadable row still fails it.
            if (!rows.empty()) rec.preferences = connector::to_preferences(map(rows.front(), it->second));
        }
    } catch (const soci::soci_error& e) {
        throw from_soci(e, m_name);  // the session is dropped: its state is unknown
    }
    release(std::move(session));
    return rec;
}

std::string SqlConnector::deliver(const connector::Delivery& d, connector::Deadline deadline) {
    auto it = m_settings.writeback.find(d.kind);
    if (it == m_settings.writeback.end())
        throw connector::ConnectorError(connector::Failure::rejected, m_name + " has no writeback statement for " + d.kind, false);
    std::map<std::string, std::string> vars{{"idempotency_key", d.idempotency_key}, {"customer_id", d.customer.ref_for(m_name)}};
    const auto payload = nlohmann::json::parse(d.payload, nullptr, false);
    if (payload.is_object())
        for (const auto& [k, v] : payload.items())
            if (!vars.count(k)) vars[k] = v.is_string() ? v.get<std::string>() : v.dump();
    const auto params = named_parameters(it->second);
    std::vector<std::string> keep;
    soci::values v = bind_named(params, vars, keep);
    auto session = acquire(deadline);
    try {
        soci::statement st = (session->prepare << it->second, soci::use(v));
        st.execute(true);
    } catch (const soci::soci_error& e) {
        // A duplicate idempotency key means an earlier attempt got through: that is the acknowledgement.
        if (is_duplicate(e)) {
            release(std::move(session));
            return d.idempotency_key;
        }
        throw from_soci(e, m_name);
    }
    release(std::move(session));
    return d.idempotency_key;
}

}  // namespace kartoteka::connectors::sql
