#pragma once
/// The `rest` connector: a backend's HTTP JSON API read through declared endpoint templates and JSON
/// Pointer mappings, and written back through declared routes with an idempotency key.
#include <map>
#include <optional>
#include <string>

#include "connector/connector.h"
#include "rest_client.h"
#include "rest_mapping.h"

namespace kartoteka::connectors::rest {

/// Where one kind of outbox record is delivered.
struct WritebackRoute {
    std::string method = "POST";
    std::string endpoint;  ///< template, e.g. /api/v1/tickets or /contacts/{customer_id}/notes
};

struct RestSettings {
    ClientOptions client;
    int max_json_depth = 32;
    int max_pages = 5;
    std::string idempotency_header = "Idempotency-Key";
    std::map<std::string, EntityMapping> entities;        ///< customer, interactions, offers, tickets, preferences
    std::map<std::string, WritebackRoute> writeback;      ///< interaction, offer_outcome, complaint
    /// The zone of the backend's times that carry none ("2026-11-27 11:00:00"); from the `timezone`
    /// setting, UTC by default.
    const date::time_zone* zone = nullptr;
};

/// Placeholders endpoint templates may use.
bool known_placeholder(const std::string& name);

class RestConnector : public connector::Connector {
public:
    RestConnector(std::string name, RestSettings settings);

    connector::Capabilities capabilities() const override;
    connector::SourceRecord fetch(const connector::Lookup& lookup, connector::Deadline deadline) override;
    std::string deliver(const connector::Delivery& delivery, connector::Deadline deadline) override;

private:
    using Vars = std::map<std::string, std::string>;
    /// The entity's raw records from every page; mapped by the caller, so one that cannot be read
    /// is skipped alone.
    std::vector<nlohmann::json> fetch_records(const EntityMapping& mapping, const Vars& vars, connector::Deadline deadline);
    std::string next_path(const nlohmann::json& doc, const Pagination& p) const;
    Vars vars_for(const connector::Lookup& lookup) const;

    std::string m_name;
    RestSettings m_settings;
    RestClient m_client;
};

/// Expands {placeholders} with URL-encoded values; nullopt when one of them has no value.
std::optional<std::string> expand(const std::string& templ, const std::map<std::string, std::string>& vars);

}  // namespace kartoteka::connectors::rest
