#include "card/card_json.h"

#include <cstdio>

#include "privacy/card_number_mask.h"
#include "util/time.h"

namespace kartoteka::card {
namespace {

using nlohmann::json;

/// Free text leaves the program only with payment card numbers masked (PCI DSS).
std::string masked(const std::string& text) { return privacy::mask_card_numbers(text); }

json time_or_null(model::Timestamp t) { return t ? json(util::format_iso(t)) : json(nullptr); }

json channels(const std::set<model::Channel>& set) {
    json a = json::array();
    for (auto c : set) a.push_back(model::to_string(c));
    return a;
}

std::string minutes_text(int m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 24, m % 60);
    return buf;
}

json to_json(const model::Interaction& i) {
    return {{"id", i.id}, {"channel", model::to_string(i.channel)}, {"direction", model::to_string(i.direction)},
            {"at", util::format_iso(i.occurred_at)}, {"agent_id", i.agent_id}, {"agent_name", i.agent_name},
            {"summary", masked(i.summary)}, {"source", i.source_system}, {"external_id", i.external_id},
            {"disposition", i.disposition.empty() ? json() : json(i.disposition)}};
}

json to_json(const model::Offer& o) {
    json step = {{"kind", model::to_string(o.next_step.kind)}, {"at", time_or_null(o.next_step.at)},
                 {"address", o.next_step.address}, {"note", masked(o.next_step.note)}};
    return {{"id", o.id}, {"product", masked(o.product)}, {"priority", o.priority}, {"channel", model::to_string(o.channel)},
            {"valid_from", time_or_null(o.valid_from)}, {"valid_until", time_or_null(o.valid_until)},
            {"status", model::to_string(o.status)}, {"kind", model::to_string(o.kind)},
            {"discount_percent", o.discount_percent}, {"assignee_id", o.assignee_id}, {"outcome", masked(o.outcome)},
            {"next_step", step}, {"script", masked(o.script)}, {"source", o.source_system}, {"version", o.version}};
}

json to_json(const model::ContactPreferences& p) {
    json quiet = p.quiet_hours.enabled()
                     ? json{{"from", minutes_text(p.quiet_hours.from_minute)}, {"to", minutes_text(p.quiet_hours.to_minute)}}
                     : json(nullptr);
    return {{"allowed_channels", channels(p.allowed_channels)},
            {"preferred_channel", p.preferred_channel ? json(model::to_string(*p.preferred_channel)) : json(nullptr)},
            {"written_only", p.written_only}, {"do_not_call", p.do_not_call},
            {"calls_themselves", p.calls_themselves}, {"quiet_hours", quiet}, {"timezone", p.timezone},
            {"unsubscribed", channels(p.unsubscribed)}, {"irritants", masked(p.irritants)}, {"version", p.version}};
}

json to_json(const model::ServiceContact& c) {
    return {{"id", c.id}, {"type", model::to_string(c.type)}, {"due", util::format_date(c.due)},
            {"assignee_id", c.assignee_id}, {"status", model::to_string(c.status)}, {"outcome", masked(c.outcome)},
            {"done_at", time_or_null(c.done_at)},
            {"answers", {{"satisfaction", c.answers.satisfaction}, {"free_text", masked(c.answers.free_text)},
                         {"problems", masked(c.answers.problems)}}}};
}

json to_json(const model::LifecycleRecord& r) {
    return {{"status", model::to_string(r.status)}, {"lost_at", time_or_null(r.lost_at)},
            {"lost_reason", r.lost_reason ? json(model::to_string(*r.lost_reason)) : json(nullptr)},
            {"lost_by", r.lost_by}, {"returned_at", time_or_null(r.returned_at)},
            {"returned_by", r.returned_by}, {"times_lost", r.times_lost}};
}

json to_json(const retention::Eligibility& e) {
    return {{"eligible", e.eligible}, {"rule", e.eligible ? json(nullptr) : json(e.rule)},
            {"reason", e.reason}, {"caution", e.caution.empty() ? json(nullptr) : json(e.caution.english())}};
}

/// Adds the retention rules' reading to the status, value, offers and contacts already built.
void add_retention(const Card& card, json& status, json& value, json& offers, json& contacts) {
    const auto& r = card.retention;
    json signals = json::array();
    for (const auto& s : r.status.signals)
        signals.push_back({{"code", s.code}, {"fact", masked(s.fact)}, {"at", time_or_null(s.at)}});  // quotes summaries
    status["signals"] = signals;
    status["days_since_order"] = r.status.days_since_order < 0 ? json(nullptr) : json(r.status.days_since_order);
    status["sleeping_bucket"] = r.status.sleeping_bucket ? json(r.status.sleeping_bucket) : json(nullptr);
    status["responding"] = r.status.responding.empty() ? json(nullptr) : json(masked(r.status.responding));
    status["extra_sensitive"] = r.status.extra_sensitive;
    status["sensitive_until"] = r.status.extra_sensitive ? time_or_null(r.status.sensitive_until) : json(nullptr);
    // Said loudly, for everyone: a returned customer forgives nothing (000).
    status["warning"] = r.status.extra_sensitive ? json("RETURNED CUSTOMER: extremely sensitive to problems")
                                                 : json(nullptr);
    status["do_not_retain_by"] = r.status.do_not_retain_by;
    status["do_not_retain_note"] = masked(r.status.do_not_retain_note);
    const auto& v = r.value;
    value["tier"] = std::string(1, v.tier);
    value["tier_reasons"] = v.tier_reasons;
    value["lifetime_value"] = v.lifetime_value;
    value["expected_years"] = v.expected_years;
    value["purchases_per_year"] = v.purchases_per_year;
    value["average_price"] = v.average_price;
    value["annual_turnover"] = v.annual_turnover;
    value["worth_winning_back"] = v.worth_winning_back;
    value["not_worth_reasons"] = v.not_worth_reasons;
    value["satisfaction"] = card::to_json(r.satisfaction);
    value["grade"] = card::to_json(r.grade);
    for (std::size_t i = 0; i < offers.size() && i < r.offers.size(); ++i) offers[i]["eligibility"] = to_json(r.offers[i]);
    for (std::size_t i = 0; i < contacts.size() && i < r.contacts.size(); ++i) {
        const auto& c = r.contacts[i];
        contacts[i]["channel"] = model::to_string(c.channel);
        contacts[i]["due_today"] = c.due_today;
        contacts[i]["eligibility"] = c.contact.status == model::ContactStatus::planned ? to_json(c.eligibility)
                                                                                       : json(nullptr);
    }
}

}  // namespace

json to_json(const model::Customer& c) {
    json refs = json::array();
    for (const auto& r : c.refs) refs.push_back({{"system", r.system}, {"id", r.external_id}});
    return {{"id", c.id}, {"name", c.display_name()}, {"first_name", c.first_name}, {"middle_name", c.middle_name},
            {"last_name", c.last_name}, {"company", c.company}, {"phones", c.phones}, {"emails", c.emails},
            {"refs", refs}, {"language", c.language}, {"manager_id", c.manager_id},
            {"created_at", time_or_null(c.created_at)}, {"pinned_note", masked(c.pinned_note)}};
}

bool is_local(const model::Ticket& t) {
    return t.source_system.empty() || t.source_system == "local" || t.external_id.empty();
}

json to_json(const model::Ticket& t) {
    json events = json::array();
    for (const auto& e : t.events)
        events.push_back({{"kind", model::to_string(e.kind)}, {"at", util::format_iso(e.at)},
                          {"agent_id", e.agent_id}, {"note", masked(e.note)}});
    return {{"id", t.id}, {"problem_type", t.problem_type}, {"severity", t.severity},
            {"cause", model::to_string(t.cause)}, {"owner_id", t.owner_id}, {"status", model::to_string(t.status)},
            {"subject", masked(t.subject)}, {"description", masked(t.description)}, {"calendar", t.calendar},
            {"created_at", time_or_null(t.created_at)}, {"updated_at", time_or_null(t.updated_at)},
            {"first_response_at", time_or_null(t.first_response_at)}, {"resolved_at", time_or_null(t.resolved_at)},
            {"source", t.source_system}, {"version", t.version}, {"events", events}};
}

json to_json(const sla::TicketSla& s) {
    // The target the agent races against: the running one whose deadline is next; else the worst
    // paused or stopped one, so a paused or met ticket still says which clock it is about.
    const sla::TargetStatus* shown = nullptr;
    for (const auto& t : s.targets)
        if (s.has_deadline && t.deadline == s.next_deadline && t.stopped_at == 0) shown = &t;
    if (!shown)
        for (const auto& t : s.targets)
            if (!shown || t.state < shown->state) shown = &t;
    json out{{"state", sla::to_string(s.state)},
             {"target", shown ? json(model::to_string(shown->target)) : json(nullptr)},
             {"due_at", s.has_deadline ? json(util::format_iso(s.next_deadline)) : json(nullptr)},
             {"left_s", s.has_deadline ? json(s.to_next_deadline) : shown ? json(shown->remaining) : json(nullptr)}};
    return out;
}

json matches_json(const std::vector<Match>& matches) {
    json out = json::array();
    for (const auto& m : matches)
        out.push_back({{"id", m.id ? json(m.id) : json(nullptr)},
                       {"ref", m.ref.empty() ? json(nullptr) : json{{"system", m.system}, {"id", m.ref}}},
                       {"name", m.name},
                       {"source", m.system}});
    return out;
}

json to_json(const Card& card) {
    json interactions = json::array();
    for (const auto& i : card.interactions.items) interactions.push_back(to_json(i));
    json offers = json::array(), tickets = json::array(), contacts = json::array(), sources = json::array();
    for (const auto& o : card.offers) offers.push_back(to_json(o));
    for (std::size_t i = 0; i < card.tickets.size(); ++i) {
        const auto& t = card.tickets[i];
        json j = to_json(t);
        // A backend's ticket has no local id: its own number is what the agent reads to the customer.
        j["ref"] = is_local(t) ? json(nullptr) : json{{"system", t.source_system}, {"id", t.external_id}};
        j["sla"] = i < card.ticket_sla.size() ? to_json(card.ticket_sla[i]) : json(nullptr);
        tickets.push_back(std::move(j));
    }
    for (const auto& c : card.contacts) contacts.push_back(to_json(c));
    for (const auto& s : card.sources)
        sources.push_back({{"name", s.name}, {"status", to_string(s.status)}, {"as_of", time_or_null(s.as_of)},
                           {"latency_ms", s.latency_ms}, {"detail", masked(s.detail)}});
    // Money in minor units of `currency`; an order in another currency counts only in `totals`.
    json value = {{"orders", card.orders.orders}, {"total", card.orders.total}, {"average", card.orders.average},
                  {"currency", card.orders.currency}, {"totals", card.orders.totals},
                  {"first_order_at", time_or_null(card.orders.first_order_at)},
                  {"last_order_at", time_or_null(card.orders.last_order_at)}};
    json status = to_json(card.status);
    add_retention(card, status, value, offers, contacts);
    return {{"customer", to_json(card.customer)},
            {"status", status},
            {"value", value},
            {"interactions", {{"total", card.interactions.total}, {"items", interactions}}},
            {"offers", offers},
            {"preferences", to_json(card.preferences)},
            {"holdings", holdings_json(card)},
            {"feedback", feedback_json(card)},
            {"tickets", tickets},
            {"contacts", contacts},
            {"sources", sources},
            {"matches", matches_json(card.matches)},
            {"provenance", card.provenance}};
}

}  // namespace kartoteka::card
