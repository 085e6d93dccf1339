#pragma once
/// How a backend's JSON becomes model records: a JSON Pointer to the list, and per field a pointer
/// with a transform (text, integer, ISO or epoch time, boolean), a map and a default. The map reads the
/// backend's value as text before the transform, so "priority": "high" maps onto a numeric severity.
/// Values of the wrong type are bad data, reported with the field (never the value).
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/yaml_reader.h"
#include "connector/connector.h"
#include "connector/record_rows.h"

namespace date { class time_zone; }

namespace kartoteka::connectors::rest {

/// text_list takes an array (or one value) and applies the field's map to each item; boolean takes
/// JSON true/false, 0/1 or the words parse_flag knows, so a backend's "yes" is not silently false.
/// iso_time takes any text util::parse_instant reads (in the connector's zone when it carries none)
/// and numbers as epoch seconds or milliseconds (by size); epoch_s and epoch_ms say which.
enum class Transform { text, integer, iso_time, epoch_s, epoch_ms, text_list, boolean };

struct FieldMap {
    std::string pointer;                    ///< JSON Pointer inside one record: "/name"
    Transform transform = Transform::text;
    std::map<std::string, std::string> map; ///< backend value -> our value ("2" -> "open"); "*" = any other
    std::optional<std::string> fallback;    ///< used when the value is absent or null
};

/// cursor: the next request is the first one with `param` set to the value at `next` (an opaque
/// cursor such as Zendesk's after_cursor); next_link follows a URL at `next`.
enum class Paging { none, page, offset, next_link, cursor };

struct Pagination {
    Paging mode = Paging::none;
    std::string param = "page";       ///< page number or offset parameter
    std::string size_param;           ///< page size parameter; empty = not sent
    int size = 50;
    int start = 1;                    ///< first page number
    std::string next_pointer = "/next";  ///< for next_link and cursor: where the next URL or cursor is in the body
    std::string stop_pointer;         ///< a boolean that ends the list when true (Zendesk's /end_of_stream)
    std::string more_pointer;         ///< a boolean that ends the list when false (/meta/has_more)
};

/// How a directory asks for what changed since the last sync: a query parameter carrying the newest
/// change already copied, as unix seconds (Zendesk's start_time) or ISO 8601 (Freshdesk's updated_since).
struct Since {
    std::string param;
    bool unix_seconds = true;
    /// Where the answer says the next run starts (Zendesk's /end_time); empty: the newest changed_at
    /// read, once the whole list has been read.
    std::string next_pointer;
};

/// One entity (customer, interactions, offers, tickets, preferences): where to get it and how to read it.
struct EntityMapping {
    std::vector<std::string> endpoints;  ///< templates, first usable one wins ({phone} {email} {id} {customer_id})
    std::string list_pointer;            ///< "" = the document (an array, or one object)
    std::map<std::string, FieldMap> fields;
    Pagination pagination;
    std::optional<Since> since;          ///< directory only
};


/// Reads one entity's mapping strictly. @throws Error{config}
EntityMapping read_entity(config::MapReader r, const std::string& entity);

/// Parses a body refusing nesting deeper than max_depth. @throws ConnectorError{bad_data}
nlohmann::json parse_json(const std::string& body, int max_depth);

/// The records at the list pointer (an object there is one record). @throws ConnectorError{bad_data}
std::vector<nlohmann::json> records(const nlohmann::json& doc, const std::string& list_pointer);

using connector::Row;
/// One record mapped to fields; times without a zone are read in `zone`, the connector's.
/// @throws ConnectorError{bad_data} naming the field (never the value) when a value cannot be read.
Row map_record(const nlohmann::json& record, const EntityMapping& mapping, const date::time_zone& zone);
/// The same with times without a zone read as UTC.
Row map_record(const nlohmann::json& record, const EntityMapping& mapping);

}  // namespace kartoteka::connectors::rest
