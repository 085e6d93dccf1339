#include "connector/connector.h"

#include <map>

namespace kartoteka::connector {

const char* to_string(Capability c) noexcept {
    switch (c) {
    case Capability::lookup_by_phone: return "lookup by phone";
    case Capability::lookup_by_email: return "lookup by email";
    case Capability::lookup_by_id: return "lookup by id";
    case Capability::lookup_by_name: return "lookup by name";
    case Capability::directory: return "customer directory";
    case Capability::interactions: return "interactions";
    case Capability::offers: return "offers";
    case Capability::preferences: return "preferences";
    case Capability::tickets: return "tickets";
    case Capability::holdings: return "holdings";
    case Capability::feedback: return "feedback";
    case Capability::accept_interaction: return "accepts new interaction";
    case Capability::accept_offer_outcome: return "accepts offer outcome";
    case Capability::accept_ticket: return "accepts new or updated ticket";
    case Capability::accept_escalation: return "accepts SLA warnings and breaches";
    }
    return "?";
}

const char* to_string(Failure f) noexcept {
    switch (f) {
    case Failure::down: return "down";
    case Failure::timed_out: return "timed_out";
    case Failure::bad_data: return "bad_data";
    case Failure::rejected: return "rejected";
    }
    return "?";
}

std::string skipped_summary(const std::vector<Skipped>& skipped) {
    std::vector<std::string> order;
    std::map<std::string, std::pair<int, std::string>> by_entity;  // count, first reason
    for (const auto& s : skipped) {
        auto [it, fresh] = by_entity.try_emplace(s.entity, 0, s.reason);
        if (fresh) order.push_back(s.entity);
        ++it->second.first;
    }
    std::string out;
    for (const auto& entity : order) {
        const auto& [n, reason] = by_entity[entity];
        // "interactions" -> "1 interaction"; the entity names are plural nouns ending in 's'.
        const std::string noun = n == 1 && entity.size() > 1 && entity.back() == 's' ? entity.substr(0, entity.size() - 1) : entity;
        out += (out.empty() ? "" : "; ") + std::to_string(n) + " " + noun + " skipped" +
               (n == 1 ? ": " + reason : " (the first: " + reason + ")");
    }
    return out;
}

std::string Lookup::ref_for(const std::string& system) const {
    for (const auto& r : refs)
        if (r.system == system) return r.external_id;
    return {};
}

std::string Lookup::key() const {
    std::string k = phone + "|" + email;
    for (const auto& r : refs) k += "|" + r.system + ":" + r.external_id;
    return k;
}

std::vector<model::Customer> Connector::find_customers(const Lookup& lookup, Deadline deadline) {
    auto rec = fetch(lookup, deadline);
    std::vector<model::Customer> out;
    if (rec.customer) out.push_back(std::move(*rec.customer));
    for (auto& c : rec.also_matched) out.push_back(std::move(c));
    return out;
}

void Connector::read_directory(const std::string&, std::chrono::milliseconds, const DirectorySink&) {
    throw ConnectorError(Failure::rejected, "this connector has no customer directory", false);
}

const std::vector<std::string>& mappable_entities() {
    static const std::vector<std::string> all = {"customer", "interactions", "offers", "tickets", "preferences", "directory",
                                                 "holdings", "feedback"};
    return all;
}

const std::vector<std::string>& mappable_fields(const std::string& entity) {
    static const std::map<std::string, std::vector<std::string>> all = {
        {"customer", {"id", "name", "first_name", "middle_name", "last_name", "company", "language", "phone", "mobile",
                      "phones", "email", "emails"}},
        // The customer list for directory sync: a customer's fields and when the record last changed.
        {"directory", {"id", "name", "first_name", "middle_name", "last_name", "company", "language", "phone", "mobile",
                       "phones", "email", "emails", "changed_at"}},
        {"interactions", {"id", "at", "channel", "direction", "summary", "agent_name"}},
        {"tickets", {"id", "subject", "description", "problem_type", "severity", "status", "cause", "created_at",
                     "updated_at", "first_response_at", "resolved_at"}},
        // `script`: what the agent says with the offer (pitch, price, conditions), shown beside it on the card.
        {"offers", {"id", "product", "priority", "status", "kind", "channel", "discount_percent", "valid_from",
                    "valid_until", "outcome", "script"}},
        // model::ContactPreferences, owned by a marketing or consent system: channel lists as arrays or
        // comma text, quiet hours as HH:MM in `timezone` (an IANA name; empty = the centre's).
        {"preferences", {"allowed_channels", "unsubscribed", "preferred_channel", "written_only", "do_not_call",
                         "calls_themselves", "quiet_from", "quiet_to", "timezone", "irritants"}},
        // model::Holding (issue 20): the balance as decimal text in major units ("1234.56") or as
        // whole minor units (balance_minor), never both; `number` is masked as it is read.
        {"holdings", {"id", "kind", "product", "number", "balance", "balance_minor", "currency", "status", "opened",
                      "closed", "as_of"}},
        // model::Feedback: a 1..5 rating from a contact, a review or a survey.
        {"feedback", {"id", "channel", "score", "text", "at"}}};
    static const std::vector<std::string> none;
    auto it = all.find(entity);
    return it == all.end() ? none : it->second;
}

bool has_record_ids(const std::string& entity) { return entity != "preferences"; }

}  // namespace kartoteka::connector
