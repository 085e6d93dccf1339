// The rest connector's search-box lookup and its customer directory (directory sync).
#include <charconv>

#include "rest_connector.h"
#include "rest_errors.h"
#include "util/time.h"

namespace kartoteka::connectors::rest {
namespace {

long long number_text(const std::string& s) {
    long long v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

/// A whole number at `pointer` (Zendesk's end_time), as a number or digits; nullopt when absent.
std::optional<long long> number_at(const nlohmann::json& doc, const std::string& pointer) {
    const nlohmann::json::json_pointer ptr(pointer);
    if (!doc.is_object() || !doc.contains(ptr)) return std::nullopt;
    const auto& v = doc.at(ptr);
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_string() && !v.get<std::string>().empty()) return number_text(v.get<std::string>());
    return std::nullopt;
}

}  // namespace

std::vector<model::Customer> RestConnector::find_customers(const connector::Lookup& lookup, connector::Deadline deadline) {
    auto it = m_settings.entities.find("customer");
    if (it == m_settings.entities.end()) return {};
    std::vector<model::Customer> out;
    for (const auto& row : fetch_records(it->second, vars_for(lookup), deadline)) {
        try {
            out.push_back(connector::to_customer(map_record(row, it->second, *m_settings.zone), m_name));
        } catch (const connector::ConnectorError& e) {
            if (e.failure() != connector::Failure::bad_data) throw;  // one unreadable match costs itself
        }
    }
    return out;
}

void RestConnector::read_directory(const std::string& cursor, std::chrono::milliseconds page_timeout,
                                   const connector::DirectorySink& sink) {
    auto it = m_settings.entities.find("directory");
    if (it == m_settings.entities.end())
        throw connector::ConnectorError(connector::Failure::rejected, m_name + " has no directory entity", false);
    const EntityMapping& m = it->second;
    const long long since = number_text(cursor);
    std::string base = m.endpoints.front();
    if (m.since)
        base = with_param(base, m.since->param, url_encode(m.since->unix_seconds ? std::to_string(since) : util::format_iso(since)));
    const httplib::Headers accept{{"Accept", "application/json"}};
    long long page = m.pagination.start;
    std::string next = paged(base, m.pagination, page);
    long long newest = since;
    std::string last_request;
    while (!next.empty() && next != last_request) {  // a list that points at itself has ended
        HttpResponse r = m_client.request("GET", next, "", accept, std::chrono::steady_clock::now() + page_timeout);
        if (r.status == 404) throw status_error(404, m_name + " directory");
        const auto doc = parse_json(r.body, m_settings.max_json_depth);
        const auto recs = records(doc, m.list_pointer);
        connector::DirectoryBatch batch;
        for (const auto& rec : recs) {
            try {
                const auto row = map_record(rec, m, *m_settings.zone);
                if (auto id = row.find("id"); id == row.end() || id->second.empty()) {
                    batch.skipped.push_back({"directory", "a record without an id"});
                    continue;
                }
                if (auto t = row.find("changed_at"); t != row.end()) newest = std::max(newest, number_text(t->second));
                batch.customers.push_back(connector::to_customer(row, m_name));
            } catch (const connector::ConnectorError& e) {
                if (e.failure() != connector::Failure::bad_data) throw;
                batch.skipped.push_back({"directory", e.what()});
            }
        }
        last_request = next;
        next = following(doc, m, base, recs.size(), page);
        if (m.since && !m.since->next_pointer.empty()) {
            if (auto end = number_at(doc, m.since->next_pointer)) newest = std::max(newest, *end);
            batch.cursor = std::to_string(newest);
        } else {
            batch.cursor = next.empty() || next == last_request ? std::to_string(newest) : cursor;
        }
        if (!m.since) batch.cursor.clear();  // no since parameter: every run reads the whole list
        sink(std::move(batch));
    }
}

}  // namespace kartoteka::connectors::rest
