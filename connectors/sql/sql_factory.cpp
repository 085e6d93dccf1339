#include "sql_factory.h"

#include <cstdlib>

#include "sql_connector.h"
#include "util/time.h"

namespace kartoteka::connectors::sql {
namespace {

using connector::SettingSpec;
using connector::SettingType;

const std::vector<SettingSpec>& specs() {
    static const std::vector<SettingSpec> list = {
        {"backend", SettingType::string, "", "SOCI backend: sqlite3, postgresql (built in) or another SOCI backend name", true},
        {"connection", SettingType::string, "", "the backend's connection string: 'db=/path/billing.db' or 'host=... dbname=...'", true},
        {"password_env", SettingType::string, "", "environment variable holding the database password (never the YAML)"},
        {"timezone", SettingType::string, "UTC", "IANA zone of the database's times that carry none (timestamp without time zone, DATETIME text without an offset, DATE), e.g. Europe/Moscow"},
        {"queries", SettingType::mapping, "", "customer, interactions, offers, tickets, preferences (one row per customer), holdings, feedback, directory (every customer, for directory sync: ORDER BY its changed_at column, :since or :since_iso): {sql (one statement or a list, the first whose parameters all have values runs) with :phone :email :id :customer_id (customer also :name, what the search box typed), fields: {field: column}}"},
        connector::send_card_numbers_setting(),
        {"writeback", SettingType::mapping, "", "interaction, offer_outcome, complaint, escalation: a statement with :idempotency_key :customer_id and payload fields"},
    };
    return list;
}

std::shared_ptr<connector::Connector> make(const std::string& name, const connector::Settings& s) {
    SqlSettings ss;
    ss.backend = s.text("backend");
    ss.connection = s.text("connection");
    ss.zone = util::find_zone(s.text("timezone"));
    if (!ss.zone) s.fail("timezone", "unknown time zone '" + s.text("timezone") + "' (expected an IANA name such as Europe/Moscow)");
    if (const std::string env = s.text("password_env"); !env.empty())
        if (const char* pw = std::getenv(env.c_str()); pw && *pw) ss.connection += " password=" + std::string(pw);
    // The customer may also be looked up by what the search box reads as a name; the directory is read
    // from the last sync's newest change on (:since epoch seconds, :since_iso "YYYY-MM-DD HH:MM:SS" UTC).
    auto allowed = [](const std::string& entity) -> std::vector<std::string> {
        if (entity == "directory") return {"since", "since_iso"};
        if (entity == "customer") return {"phone", "email", "id", "customer_id", "name"};
        return {"phone", "email", "id", "customer_id"};
    };
    config::MapReader q = s.section("queries");
    for (const auto& entity : connector::mappable_entities())
        if (q.has(entity)) ss.queries[entity] = read_query(q.map(entity), entity, allowed(entity));
    q.done();
    if (ss.queries.empty()) s.fail("queries", "give at least one of customer, interactions, offers, tickets, preferences, holdings, feedback");
    config::MapReader w = s.section("writeback");
    for (const char* kind : {"interaction", "offer_outcome", "complaint", "escalation"})
        if (w.has(kind)) ss.writeback[kind] = w.get_string(kind, "");
    w.done();
    return std::make_shared<SqlConnector>(name, std::move(ss));
}

}  // namespace

void register_sql(connector::Registry& registry) {
    using connector::Capability;
    registry.add({"sql", "a database reached through SOCI, read with declared queries (e.g. a legacy billing system)",
                  {Capability::lookup_by_phone, Capability::lookup_by_email, Capability::lookup_by_id,
                   Capability::lookup_by_name, Capability::directory, Capability::interactions, Capability::offers, Capability::tickets, Capability::preferences,
                   Capability::holdings, Capability::feedback,
                   Capability::accept_interaction,
                   Capability::accept_offer_outcome, Capability::accept_ticket, Capability::accept_escalation},
                  specs(), make});
}

}  // namespace kartoteka::connectors::sql
