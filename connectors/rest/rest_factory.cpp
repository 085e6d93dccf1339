#include "rest_factory.h"

#include <cstdlib>
#include <fstream>

#include "error.h"
#include "rest_connector.h"
#include "secrets/secrets.h"
#include "util/time.h"

namespace kartoteka::connectors::rest {
namespace {

using connector::SettingSpec;
using connector::SettingType;

const std::vector<SettingSpec>& specs() {
    static const std::vector<SettingSpec> list = {
        {"preset", SettingType::string, "", "a product preset from config/presets (zammad, freshdesk, zendesk; the demo backend speaks freshdesk); your keys override it"},
        {"base_url", SettingType::string, "", "http:// or https:// URL of the API, may end in a path prefix", true},
        {"auth", SettingType::string, "none", "none, bearer, basic, basic_key (the secret is the user, password X) or header"},
        {"auth_user", SettingType::string, "", "user name for basic auth (the password is the secret)"},
        {"auth_header", SettingType::string, "Authorization", "header carrying the secret for auth: header"},
        {"auth_prefix", SettingType::string, "", "text before the secret in that header, e.g. 'Token token='"},
        {"secret_env", SettingType::string, "", "environment variable holding the token or password (never the YAML)"},
        {"secret_keyring", SettingType::boolean, "false", "also look the secret up in the desktop keyring (libsecret)"},
        {"verify_tls", SettingType::boolean, "true", "verify the server's certificate and host name for https", false,
         "false", "certificate checks are off: anyone on the network path can read and alter this traffic, "
                  "credentials included; trust a private CA with ca_file instead"},
        {"ca_file", SettingType::string, "", "PEM file of the CA certificate(s) to trust instead of the system's, for a private CA"},
        {"connect_timeout_ms", SettingType::integer, "300", "TCP/TLS connect timeout per attempt"},
        {"read_timeout_ms", SettingType::integer, "800", "read timeout per attempt"},
        {"write_timeout_ms", SettingType::integer, "500", "write timeout per attempt"},
        {"retries", SettingType::integer, "2", "extra attempts on retryable failures (connection, timeout, 429, 5xx)"},
        {"retry_backoff_ms", SettingType::integer, "50", "first backoff, doubled on each retry, never past the deadline"},
        {"breaker_failures", SettingType::integer, "5", "consecutive failures that open the circuit breaker (0 = never)"},
        {"breaker_cooldown_ms", SettingType::integer, "10000", "how long an open breaker skips the backend"},
        {"max_body_bytes", SettingType::integer, "1048576", "largest response body accepted"},
        {"max_json_depth", SettingType::integer, "32", "deepest JSON nesting accepted"},
        {"max_pages", SettingType::integer, "5", "pages read per entity at most"},
        {"timezone", SettingType::string, "UTC", "IANA zone of the API's times that carry none (\"2026-11-27 11:00:00\"), e.g. Europe/Moscow"},
        {"idempotency_header", SettingType::string, "Idempotency-Key", "header carrying the outbox idempotency key"},
        {"entities", SettingType::mapping, "", "customer ({name} in an endpoint: the search box asks it by name), interactions, offers, tickets, preferences (one record per customer), holdings, feedback, directory (every customer, for directory sync; since: {param, format: unix|iso8601, next}): {endpoint(s), list, fields, pagination: {mode: none|page|offset|next_link|cursor, param, size_param, size, next, stop, more}}"},
        connector::send_card_numbers_setting(),
        {"writeback", SettingType::mapping, "", "interaction, offer_outcome, complaint, escalation: {method, endpoint}; an escalation's endpoint may name {ticket_id}"},
    };
    return list;
}

/// `with_ticket`: an escalation's endpoint may also name the ticket's id at this backend ({ticket_id}).
void check_template(config::MapReader& r, const std::string& key, const std::string& templ, bool with_ticket = false) {
    for (std::size_t open = templ.find('{'); open != std::string::npos; open = templ.find('{', open + 1)) {
        const auto close = templ.find('}', open);
        const std::string name = close == std::string::npos ? "" : templ.substr(open + 1, close - open - 1);
        if (!known_placeholder(name) && !(with_ticket && name == "ticket_id"))
            r.fail(key, "unknown placeholder {" + name + "}; use {phone} {phone_digits} {email} {id} {customer_id} {name}" +
                            (with_ticket ? " {ticket_id}" : ""));
    }
}

void read_entities(const connector::Settings& s, RestSettings& out) {
    config::MapReader r = s.section("entities");
    for (const auto& entity : connector::mappable_entities()) {
        if (!r.has(entity)) continue;
        auto m = read_entity(r.map(entity), entity);
        config::MapReader at = r.map(entity);
        for (const auto& e : m.endpoints) check_template(at, "endpoint", e);
        // The directory is the whole list: nothing about one customer to put in its address.
        if (entity == "directory" && m.endpoints.front().find('{') != std::string::npos)
            at.fail("endpoint", "the directory's endpoint lists every customer and takes no {placeholder}");
        out.entities[entity] = std::move(m);
    }
    r.done();
    if (out.entities.empty()) s.fail("entities", "map at least one of customer, interactions, offers, tickets, preferences, holdings, feedback");
    config::MapReader wb = s.section("writeback");
    for (const std::string kind : {"interaction", "offer_outcome", "complaint", "escalation"}) {
        if (!wb.has(kind)) continue;
        config::MapReader w = wb.map(kind);
        WritebackRoute route;
        route.method = w.get_choice("method", "POST", {"POST", "PUT", "PATCH"});
        route.endpoint = w.require_string("endpoint");
        check_template(w, "endpoint", route.endpoint, kind == "escalation");
        w.done();
        out.writeback[kind] = route;
    }
    wb.done();
}

ClientOptions client_options(const std::string& name, const connector::Settings& s) {
    ClientOptions o;
    o.base_url = s.text("base_url");
    if (o.base_url.rfind("http://", 0) != 0 && o.base_url.rfind("https://", 0) != 0)
        s.fail("base_url", "must start with http:// or https://");
    const std::string auth = s.text("auth");
    static const std::map<std::string, AuthKind> kinds = {
        {"none", AuthKind::none},       {"bearer", AuthKind::bearer}, {"basic", AuthKind::basic},
        {"basic_key", AuthKind::basic_key}, {"header", AuthKind::header}};
    if (!kinds.count(auth)) s.fail("auth", "expected none, bearer, basic, basic_key or header");
    o.auth = kinds.at(auth);
    o.user = s.text("auth_user");
    o.auth_header = s.text("auth_header");
    o.auth_prefix = s.text("auth_prefix");
    if (o.auth != AuthKind::none) {
        if (s.text("secret_env").empty() && !s.boolean("secret_keyring"))
            s.fail("secret_env", "auth '" + auth + "' needs the name of the environment variable holding the secret");
        o.secret = secrets::read_secret(s.text("secret_env"), s.boolean("secret_keyring") ? secrets::connector_entry(name) : "");
    }
    o.verify_tls = s.boolean("verify_tls");
    o.ca_file = s.text("ca_file");
    // Checked here, not at the first call: an unreadable CA file would otherwise show up as every card
    // missing this source with a TLS error, long after whoever edited the file has gone.
    if (!o.ca_file.empty() && !std::ifstream(o.ca_file))
        s.fail("ca_file", "cannot read '" + o.ca_file + "' (a PEM file with the CA certificate)");
    using ms = std::chrono::milliseconds;
    o.connect_timeout = ms(s.integer("connect_timeout_ms"));
    o.read_timeout = ms(s.integer("read_timeout_ms"));
    o.write_timeout = ms(s.integer("write_timeout_ms"));
    o.retries = static_cast<int>(std::min(5LL, s.integer("retries")));
    o.backoff = ms(s.integer("retry_backoff_ms"));
    o.breaker_failures = static_cast<int>(s.integer("breaker_failures"));
    o.breaker_cooldown = ms(s.integer("breaker_cooldown_ms"));
    o.max_body_bytes = static_cast<std::size_t>(s.integer("max_body_bytes"));
    return o;
}

std::shared_ptr<connector::Connector> make(const std::string& name, const connector::Settings& s) {
    RestSettings rs;
    rs.client = client_options(name, s);
    rs.max_json_depth = static_cast<int>(std::clamp(s.integer("max_json_depth"), 2LL, 512LL));
    rs.max_pages = static_cast<int>(std::clamp(s.integer("max_pages"), 1LL, 100LL));
    rs.idempotency_header = s.text("idempotency_header");
    rs.zone = util::find_zone(s.text("timezone"));
    if (!rs.zone) s.fail("timezone", "unknown time zone '" + s.text("timezone") + "' (expected an IANA name such as Europe/Moscow)");
    read_entities(s, rs);
    return std::make_shared<RestConnector>(name, std::move(rs));
}

}  // namespace

void register_rest(connector::Registry& registry) {
    using connector::Capability;
    registry.add({"rest", "an HTTP JSON API mapped with JSON Pointers (presets: zammad, freshdesk, zendesk)",
                  {Capability::lookup_by_phone, Capability::lookup_by_email, Capability::lookup_by_id,
                   Capability::lookup_by_name, Capability::directory, Capability::interactions, Capability::offers, Capability::tickets, Capability::preferences,
                   Capability::holdings, Capability::feedback,
                   Capability::accept_interaction,
                   Capability::accept_offer_outcome, Capability::accept_ticket, Capability::accept_escalation},
                  specs(), make});
}

}  // namespace kartoteka::connectors::rest
