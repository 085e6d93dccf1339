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
    std::vector<model::Customer> find_customers(const connector::Lookup& lookup, connector::Deadline deadline) override;
    /// Reads the `directory` entity page by page (rest_directory.cpp). With `since.next` each page's
    /// cursor is the answer's own (Zendesk's end_time); otherwise a page-numbered list may change
    /// order while it is read, so the cursor moves to the newest changed_at only after the last page.
    void read_directory(const std::string& cursor, std::chrono::milliseconds page_timeout,
                        const connector::DirectorySink& sink) override;

private:
    /// The request for the page after `doc` (empty: the list ended).
    std::string following(const nlohmann::json& doc, const EntityMapping& m, const std::string& base,
                          std::size_t read, long long& page) const;
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

/// RFC 3986 percent-encoding of everything but unreserved characters.
std::string url_encode(const std::string& s);
/// `path` with `key=encoded_value` appended to its query.
std::string with_param(const std::string& path, const std::string& key, const std::string& encoded_value);

/// The request for page (or offset) `at` of a numbered list; `base` itself for other paging.
std::string paged(const std::string& base, const Pagination& p, long long at);

/// Expands {placeholders} with URL-encoded values; nullopt when one of them has no value.
std::optional<std::string> expand(const std::string& templ, const std::map<std::string, std::string>& vars);

}  // namespace kartoteka::connectors::rest
