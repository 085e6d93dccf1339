#include "demo/demo_backend.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <mutex>
#include <set>

#include "error.h"
#include "util/money.h"
#include "util/time.h"

namespace kartoteka::demo {
namespace {

using nlohmann::json;

int freshdesk_status(model::TicketStatus s) {
    switch (s) {
    case model::TicketStatus::open: return 2;
    case model::TicketStatus::waiting_customer: return 3;
    case model::TicketStatus::resolved: return 4;
    case model::TicketStatus::closed: return 5;
    }
    return 2;
}

json channel_list(const std::set<model::Channel>& channels) {
    json out = json::array();
    for (auto c : channels) out.push_back(model::to_string(c));
    return out;
}

std::string hhmm(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

/// The contact's consent as a Freshdesk account would keep it: contact custom fields (the demo's
/// connector maps them as the preferences entity, config/examples/demo-rest.yaml).
json consent_fields(const model::ContactPreferences& p) {
    const bool quiet = p.quiet_hours.enabled();
    auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    return {{"allowed_channels", channel_list(p.allowed_channels)},
            {"unsubscribed_channels", channel_list(p.unsubscribed)},
            {"preferred_channel", p.preferred_channel ? json(model::to_string(*p.preferred_channel)) : json(nullptr)},
            {"written_only", p.written_only}, {"do_not_call", p.do_not_call}, {"calls_themselves", p.calls_themselves},
            {"quiet_from", quiet ? json(hhmm(p.quiet_hours.from_minute)) : json(nullptr)},
            {"quiet_to", quiet ? json(hhmm(p.quiet_hours.to_minute)) : json(nullptr)},
            {"time_zone", text_or_null(p.timezone)}, {"irritants", text_or_null(p.irritants)}};
}

json contact(const model::Customer& c, const model::ContactPreferences& prefs) {
    json other = json::array();
    for (std::size_t i = 1; i < c.emails.size(); ++i) other.push_back(c.emails[i]);
    return {{"id", c.id}, {"name", c.first_name + (c.first_name.empty() ? "" : " ") + c.last_name},
            {"email", c.emails.empty() ? json(nullptr) : json(c.emails.front())},
            {"phone", c.phones.empty() ? json(nullptr) : json(c.phones.front())},
            {"mobile", c.phones.size() > 1 ? json(c.phones[1]) : json(nullptr)}, {"other_emails", other},
            {"language", c.language.empty() ? json(nullptr) : json(c.language)}, {"active", true},
            {"created_at", util::format_iso(c.created_at)}, {"updated_at", util::format_iso(c.created_at)},
            {"custom_fields", consent_fields(prefs)}};
}

/// A holding as the demo's billing extension of the API sends it (config/examples/demo-rest.yaml):
/// the balance as decimal text in major units, as many billing APIs do, so it never passes a double.
json holding(const model::Holding& h) {
    return {{"id", h.external_id.empty() ? std::to_string(h.id) : h.external_id}, {"type", model::to_string(h.kind)},
            {"name", h.product}, {"number", h.number},
            {"balance", h.balance ? json{{"amount", util::decimal_text(h.balance->minor)}, {"currency", h.balance->currency}}
                                  : json(nullptr)},
            {"state", model::to_string(h.status)}, {"opened_on", h.opened ? json(util::format_date(h.opened)) : json(nullptr)},
            {"closed_on", h.closed ? json(util::format_date(h.closed)) : json(nullptr)},
            {"balance_at", h.as_of ? json(util::format_iso(h.as_of)) : json(nullptr)}};
}

json rating(const model::Feedback& f) {
    return {{"id", f.external_id.empty() ? std::to_string(f.id) : f.external_id}, {"kind", model::to_string(f.channel)},
            {"rating", f.score}, {"comment", f.text}, {"created_at", util::format_iso(f.at)}};
}

json ticket(const model::Ticket& t) {
    return {{"id", t.id}, {"subject", t.subject}, {"description_text", t.description},
            {"type", t.problem_type.empty() ? json(nullptr) : json(t.problem_type)}, {"status", freshdesk_status(t.status)},
            {"priority", std::clamp(t.severity - 1, 1, 4)}, {"requester_id", t.customer_id},
            {"created_at", util::format_iso(t.created_at)}, {"updated_at", util::format_iso(t.updated_at ? t.updated_at : t.created_at)}};
}

}  // namespace

struct DemoBackend::Impl {
    storage::Store& store;
    const phone::PhoneNormalizer& phones;
    std::string auth;
    std::mutex mutex;
    std::set<std::string> keys;  ///< idempotency keys already applied
    httplib::Server http;

    Impl(storage::Store& s, const phone::PhoneNormalizer& p, const std::string& key)
        : store(s), phones(p), auth(httplib::make_basic_authentication_header(key, "X").second) {}

    bool authorized(const httplib::Request& req, httplib::Response& res) const {
        if (req.get_header_value("Authorization") == auth) return true;
        res.status = 401;
        res.set_content(R"({"code":"invalid_credentials"})", "application/json");
        return false;
    }

    json contacts(const httplib::Request& req) {
        std::vector<model::Id> ids;
        if (req.has_param("phone")) {
            if (auto e164 = phones.normalize(req.get_param_value("phone"))) ids = store.customers_by_phone(*e164);
        } else if (req.has_param("email")) {
            ids = store.customers_by_email(req.get_param_value("email"));
        }
        json out = json::array();
        for (auto id : ids)
            if (auto c = store.customer(id)) out.push_back(contact(*c, store.preferences_for(id)));
        return out;
    }

    void routes() {
        http.Get("/api/v2/contacts", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            res.set_content(contacts(req).dump(), "application/json");
        });
        http.Get(R"(/api/v2/contacts/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            auto c = store.customer(std::stoll(req.matches[1]));
            if (!c) res.status = 404;
            else res.set_content(contact(*c, store.preferences_for(c->id)).dump(), "application/json");
        });
        // Not Freshdesk's: the demo's billing and survey data, so the demo's card shows holdings and the
        // satisfaction index's inputs through the rest connector too (issue 20).
        http.Get(R"(/api/v2/contacts/(\d+)/holdings)", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            json out = json::array();
            for (const auto& h : store.holdings_for(std::stoll(req.matches[1]))) out.push_back(holding(h));
            res.set_content(out.dump(), "application/json");
        });
        http.Get(R"(/api/v2/contacts/(\d+)/ratings)", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            json out = json::array();
            for (const auto& f : store.feedback_for(std::stoll(req.matches[1]))) out.push_back(rating(f));
            res.set_content(out.dump(), "application/json");
        });
        http.Get("/api/v2/tickets", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            json out = json::array();
            const int page = req.has_param("page") ? std::atoi(req.get_param_value("page").c_str()) : 1;
            const std::string who = req.get_param_value("requester_id");
            if (page == 1 && !who.empty() && who.find_first_not_of("0123456789") == std::string::npos)
                for (const auto& t : store.tickets_for(std::stoll(who))) out.push_back(ticket(t));
            res.set_content(out.dump(), "application/json");
        });
        http.Post("/api/v2/tickets", [this](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            std::lock_guard lock(mutex);
            const std::string key = req.get_header_value("Idempotency-Key");
            if (!key.empty() && !keys.insert(key).second) {  // a repeat: already applied
                res.status = 200;
                res.set_content(R"({"duplicate":true})", "application/json");
                return;
            }
            res.status = 201;
            res.set_content(json{{"id", keys.size()}, {"received", json::parse(req.body, nullptr, false).is_object()}}.dump(),
                            "application/json");
        });
    }
};

DemoBackend::DemoBackend(storage::Store& store, const phone::PhoneNormalizer& phones, std::string api_key)
    : m_impl(std::make_unique<Impl>(store, phones, api_key)) {
    m_impl->http.set_tcp_nodelay(true);
    m_impl->http.set_payload_max_length(64 * 1024);
    m_impl->http.set_read_timeout(2, 0);
    m_impl->routes();
}

DemoBackend::~DemoBackend() { stop(); }

int DemoBackend::bind(int port) {
    auto& http = m_impl->http;
    const int bound = port == 0 ? http.bind_to_any_port("127.0.0.1") : (http.bind_to_port("127.0.0.1", port) ? port : -1);
    if (bound <= 0) throw Error(ErrorKind::invalid, "demo serve: cannot listen on 127.0.0.1:" + std::to_string(port));
    return bound;
}

void DemoBackend::run() { m_impl->http.listen_after_bind(); }
void DemoBackend::stop() { m_impl->http.stop(); }

}  // namespace kartoteka::demo
