#include "rest_connector.h"

#include "rest_errors.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::connectors::rest {
namespace {

using connector::Capability;
using connector::to_customer;
using connector::to_interaction;
using connector::to_offer;
using connector::to_ticket;

}  // namespace

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string with_param(const std::string& path, const std::string& key, const std::string& encoded_value) {
    return path + (path.find('?') == std::string::npos ? "?" : "&") + key + "=" + encoded_value;
}

std::string paged(const std::string& base, const Pagination& p, long long at) {
    if (p.mode != Paging::page && p.mode != Paging::offset) return base;
    std::string out = with_param(base, p.param, std::to_string(at));
    return p.size_param.empty() ? out : with_param(out, p.size_param, std::to_string(p.size));
}

namespace {

/// The boolean at `pointer`; nullopt when the answer has none there.
std::optional<bool> flag_at(const nlohmann::json& doc, const std::string& pointer) {
    const nlohmann::json::json_pointer ptr(pointer);
    if (!doc.is_object() || !doc.contains(ptr) || !doc.at(ptr).is_boolean()) return std::nullopt;
    return doc.at(ptr).get<bool>();
}

}  // namespace

bool known_placeholder(const std::string& name) {
    return name == "phone" || name == "phone_digits" || name == "email" || name == "id" || name == "customer_id" ||
           name == "name";
}

std::optional<std::string> expand(const std::string& templ, const std::map<std::string, std::string>& vars) {
    std::string out;
    std::size_t pos = 0;
    while (pos < templ.size()) {
        const auto open = templ.find('{', pos);
        if (open == std::string::npos) break;
        const auto close = templ.find('}', open);
        if (close == std::string::npos) break;
        out += templ.substr(pos, open - pos);
        auto it = vars.find(templ.substr(open + 1, close - open - 1));
        if (it == vars.end() || it->second.empty()) return std::nullopt;
        out += url_encode(it->second);
        pos = close + 1;
    }
    return out + templ.substr(std::min(pos, templ.size()));
}

RestConnector::RestConnector(std::string name, RestSettings settings)
    : m_name(std::move(name)), m_settings(std::move(settings)), m_client(m_name, m_settings.client) {
    if (!m_settings.zone) m_settings.zone = util::find_zone("UTC");
}

connector::Capabilities RestConnector::capabilities() const {
    connector::Capabilities caps;
    if (auto it = m_settings.entities.find("customer"); it != m_settings.entities.end())
        for (const auto& e : it->second.endpoints) {
            if (e.find("{phone") != std::string::npos) caps.insert(Capability::lookup_by_phone);
            if (e.find("{email}") != std::string::npos) caps.insert(Capability::lookup_by_email);
            if (e.find("{id}") != std::string::npos) caps.insert(Capability::lookup_by_id);
            if (e.find("{name}") != std::string::npos) caps.insert(Capability::lookup_by_name);
        }
    if (m_settings.entities.count("directory")) caps.insert(Capability::directory);
    if (m_settings.entities.count("interactions")) caps.insert(Capability::interactions);
    if (m_settings.entities.count("offers")) caps.insert(Capability::offers);
    if (m_settings.entities.count("tickets")) caps.insert(Capability::tickets);
    if (m_settings.entities.count("preferences")) caps.insert(Capability::preferences);
    if (m_settings.entities.count("holdings")) caps.insert(Capability::holdings);
    if (m_settings.entities.count("feedback")) caps.insert(Capability::feedback);
    if (m_settings.writeback.count("interaction")) caps.insert(Capability::accept_interaction);
    if (m_settings.writeback.count("offer_outcome")) caps.insert(Capability::accept_offer_outcome);
    if (m_settings.writeback.count("complaint")) caps.insert(Capability::accept_ticket);
    if (m_settings.writeback.count("escalation")) caps.insert(Capability::accept_escalation);
    return caps;
}

RestConnector::Vars RestConnector::vars_for(const connector::Lookup& lookup) const {
    Vars v{{"phone", lookup.phone}, {"email", lookup.email}, {"id", lookup.ref_for(m_name)}, {"name", lookup.name}};
    v["phone_digits"] = lookup.phone.empty() || lookup.phone[0] != '+' ? lookup.phone : lookup.phone.substr(1);
    v["customer_id"] = v["id"];
    return v;
}

std::string RestConnector::next_path(const nlohmann::json& doc, const Pagination& p) const {
    const nlohmann::json::json_pointer ptr(p.next_pointer);
    if (!doc.is_object() || !doc.contains(ptr) || !doc.at(ptr).is_string()) return {};
    std::string next = doc.at(ptr).get<std::string>();
    const std::string base = m_client.origin() + m_client.prefix();
    if (next.rfind(base, 0) == 0) return next.substr(base.size());
    if (!m_client.prefix().empty() && next.rfind(m_client.prefix() + "/", 0) == 0) return next.substr(m_client.prefix().size());
    if (next.rfind("/", 0) == 0 && m_client.prefix().empty()) return next;
    throw bad_data("next link '" + next.substr(0, 80) + "' leaves " + base + "; not followed");
}

std::vector<nlohmann::json> RestConnector::fetch_records(const EntityMapping& m, const Vars& vars, connector::Deadline deadline) {
    std::optional<std::string> path;
    for (const auto& e : m.endpoints)
        if ((path = expand(e, vars))) break;
    std::vector<nlohmann::json> rows;
    if (!path) return rows;  // nothing to ask this backend by
    const httplib::Headers accept{{"Accept", "application/json"}};
    long long page = m.pagination.start;
    std::string next = paged(*path, m.pagination, page);
    for (int n = 0; n < m_settings.max_pages && !next.empty(); ++n) {
        HttpResponse r = m_client.request("GET", next, "", accept, deadline);
        if (r.status == 404) break;  // no such record here
        const auto doc = parse_json(r.body, m_settings.max_json_depth);
        const auto recs = records(doc, m.list_pointer);
        rows.insert(rows.end(), recs.begin(), recs.end());
        next = following(doc, m, *path, recs.size(), page);
    }
    return rows;
}

std::string RestConnector::following(const nlohmann::json& doc, const EntityMapping& m, const std::string& base,
                                     std::size_t read, long long& page) const {
    const Pagination& p = m.pagination;
    if (!p.stop_pointer.empty() && flag_at(doc, p.stop_pointer).value_or(false)) return {};
    if (!p.more_pointer.empty() && !flag_at(doc, p.more_pointer).value_or(false)) return {};
    const bool short_page = static_cast<int>(read) < p.size;
    switch (p.mode) {
    case Paging::none: return {};
    case Paging::page: ++page; return short_page ? std::string() : paged(base, p, page);
    case Paging::offset: page += static_cast<long long>(read); return short_page ? std::string() : paged(base, p, page);
    case Paging::next_link: return next_path(doc, p);
    case Paging::cursor: {
        const nlohmann::json::json_pointer ptr(p.next_pointer);
        if (!doc.is_object() || !doc.contains(ptr) || !doc.at(ptr).is_string() || doc.at(ptr).get<std::string>().empty()) return {};
        return with_param(base, p.param, url_encode(doc.at(ptr).get<std::string>()));
    }
    }
    return {};
}

connector::SourceRecord RestConnector::fetch(const connector::Lookup& lookup, connector::Deadline deadline) {
    connector::SourceRecord rec;
    Vars vars = vars_for(lookup);
    const auto& ents = m_settings.entities;
    const auto& zone = *m_settings.zone;
    if (auto it = ents.find("customer"); it != ents.end()) {
        auto rows = fetch_records(it->second, vars, deadline);
        if (rows.empty()) return rec;  // this backend does not know the caller
        rec.customer = to_customer(map_record(rows.front(), it->second, zone), m_name);
        if (!rec.customer->refs.empty()) vars["customer_id"] = rec.customer->refs.front().external_id;
        // A user search that finds two people (an office line, a family phone) keeps the second too.
        for (std::size_t i = 1; i < rows.size(); ++i) {
            try {
                rec.also_matched.push_back(to_customer(map_record(rows[i], it->second, zone), m_name));
            } catch (const std::exception&) {
                rec.skipped.push_back({"customer", "a further matching customer could not be read"});
            }
        }
    }
    // A record that cannot be read costs only itself (issue 14): the caller and the rest still come,
    // and the source strip says what was skipped.
    using connector::read_each;
    if (auto it = ents.find("interactions"); it != ents.end())
        read_each(fetch_records(it->second, vars, deadline), "interactions", rec.interactions, rec.skipped,
                  [&](const nlohmann::json& r) { return to_interaction(map_record(r, it->second, zone), m_name); });
    if (auto it = ents.find("tickets"); it != ents.end())
        read_each(fetch_records(it->second, vars, deadline), "tickets", rec.tickets, rec.skipped,
                  [&](const nlohmann::json& r) { return to_ticket(map_record(r, it->second, zone), m_name); });
    if (auto it = ents.find("offers"); it != ents.end())
        read_each(fetch_records(it->second, vars, deadline), "offers", rec.offers, rec.skipped,
                  [&](const nlohmann::json& r) { return to_offer(map_record(r, it->second, zone), m_name); });
    if (auto it = ents.find("holdings"); it != ents.end())
        read_each(fetch_records(it->second, vars, deadline), "holdings", rec.holdings, rec.skipped,
                  [&](const nlohmann::json& r) { return connector::to_holding(map_record(r, it->second, zone), m_name); });
    if (auto it = ents.find("feedback"); it != ents.end())
        read_each(fetch_records(it->second, vars, deadline), "feedback", rec.feedback, rec.skipped,
                  [&](const nlohmann::json& r) { return connector::to_feedback(map_record(r, it->second, zone), m_name); });
    if (auto it = ents.find("preferences"); it != ents.end()) {
        const auto rows = fetch_records(it->second, vars, deadline);
        // Two differing answers about one customer's consent cannot be merged safely by guessing.
        if (rows.size() > 1) throw bad_data("preferences: expected one record for the customer, found " + std::to_string(rows.size()));
        // Consent misread is worse than a failed source: an unreadable record still fails it.
        if (!rows.empty()) rec.preferences = connector::to_preferences(map_record(rows.front(), it->second, zone));
    }
    return rec;
}

std::string RestConnector::deliver(const connector::Delivery& d, connector::Deadline deadline) {
    auto route = m_settings.writeback.find(d.kind);
    if (route == m_settings.writeback.end())
        throw connector::ConnectorError(connector::Failure::rejected, m_name + " has no writeback route for " + d.kind, false);
    Vars vars = vars_for(d.customer);
    if (d.kind == "escalation") {  // a note on the ticket: its id here, when it came from here
        const auto payload = nlohmann::json::parse(d.payload, nullptr, false);
        vars["ticket_id"] = payload.is_object() ? payload.value("ticket_id", std::string()) : std::string();
    }
    auto path = expand(route->second.endpoint, vars);
    if (!path)
        throw connector::ConnectorError(connector::Failure::rejected,
                                        m_name + ": the " + (d.kind == "escalation" ? "ticket or customer" : "customer") +
                                            " has no " + m_name + " reference for " + route->second.endpoint, false);
    const httplib::Headers headers{{m_settings.idempotency_header, d.idempotency_key}, {"Accept", "application/json"}};
    HttpResponse r = m_client.request(route->second.method, *path, d.payload, headers, deadline);
    if (r.status == 404) throw status_error(404, m_name + " " + *path);
    try {
        auto doc = parse_json(r.body, m_settings.max_json_depth);
        if (doc.is_object() && doc.contains("id")) return doc["id"].is_string() ? doc["id"].get<std::string>() : doc["id"].dump();
    } catch (const connector::ConnectorError& e) {
        // Acknowledged with a 2xx: an unreadable body does not undo the delivery.
        util::logger()->info("connector {}: {} delivered (HTTP {}) but its answer is unreadable, so no remote id: {}",
                             m_name, d.kind, r.status, util::redact(e.what()));
    }
    return {};
}

}  // namespace kartoteka::connectors::rest
