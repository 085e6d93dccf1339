// libFuzzer target: a REST backend's response body through the rest connector's mapping, as
// RestConnector::fetch_records and fetch do it: the body size limit, the nesting-limited JSON parser, the list
// pointer, every field transform (text, integer, ISO and epoch times, text lists, enumeration maps
// with and without "*", defaults, nested pointers) and the conversion to model records. A backend is
// outside our control: any body must end as records or a ConnectorError{bad_data}; a crash, a hang,
// unbounded memory or any other exception (a library error leaking past the mapping) is a finding.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "connector/connector.h"
#include "connector/record_rows.h"
#include "rest_mapping.h"

namespace {

using namespace kartoteka;
using namespace kartoteka::connectors::rest;

// The limits the connector runs with by default (rest_factory.cpp: max_body_bytes, max_json_depth).
constexpr std::size_t kMaxBody = 1 << 20;
constexpr int kMaxDepth = 32;

// A customer mapping shaped like the Freshdesk preset plus nested pointers and defaults, and a ticket
// mapping using every transform; read with the same strict reader as a user's configuration.
const char* kCustomer = R"(
endpoint: /contacts?phone={phone}
list: /data
fields:
  id: /id
  name: /name
  first_name: /person/names/0
  email: {pointer: /contact/email, default: ""}
  emails: /other_emails
  phone: /phone
  mobile: /mobile
  phones: /phones
  language: {pointer: /language, map: {ru: ru, en: en, "*": en}}
)";

const char* kTickets = R"(
endpoint: /tickets?requester_id={customer_id}
list: ""
fields:
  id: /id
  subject: /subject
  description: /description_text
  problem_type: /type
  created_at: /created_at
  updated_at: {pointer: /updated_ms, as: epoch_ms}
  resolved_at: {pointer: /resolved, as: epoch_s}
  first_response_at: /stats/first_responded_at
  status: {pointer: /status, map: {"2": open, "3": waiting_customer, "4": resolved, "5": closed, "*": open}}
  severity: {pointer: /priority, as: integer, map: {"1": "2", "2": "3", "3": "4", "4": "5"}, default: "3"}
)";

EntityMapping mapping(const char* yaml, const char* entity) {
    return read_entity(config::MapReader(YAML::Load(yaml), "fuzz.yaml", entity), entity);
}

template <class Convert>
void map_all(const nlohmann::json& doc, const EntityMapping& m, Convert convert) {
    try {
        for (const auto& rec : records(doc, m.list_pointer)) convert(map_record(rec, m), "fuzz");
    } catch (const connector::ConnectorError&) {
        // The expected refusal: the source is marked bad_data.
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const EntityMapping customer = mapping(kCustomer, "customer");
    static const EntityMapping tickets = mapping(kTickets, "tickets");
    if (size > kMaxBody) return 0;  // RestClient refuses these while reading, before any parsing
    const std::string body(reinterpret_cast<const char*>(data), size);
    nlohmann::json doc;
    try {
        doc = parse_json(body, kMaxDepth);
    } catch (const connector::ConnectorError&) {
        return 0;  // malformed or nested too deep: refused cleanly
    }
    map_all(doc, customer, connector::to_customer);
    map_all(doc, tickets, connector::to_ticket);
    return 0;
}
