#include "actions/agent_actions.h"

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "error.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::actions {

void AgentActions::require_customer(model::Id id) {
    if (id <= 0 || !m_store.customer(id))
        throw Error(ErrorKind::invalid, "no customer #" + std::to_string(id) + " to record this for");
}

void AgentActions::queue(const std::string& target, const char* kind, model::Id customer_id, std::string local_ref,
                         std::string payload, model::Timestamp now) {
    if (target.empty()) return;  // no backend owns it: the local record is the record
    connector::OutboxItem item;
    item.target = target;
    item.kind = kind;
    item.customer_id = customer_id;
    item.local_ref = std::move(local_ref);
    item.payload = std::move(payload);
    connector::Outbox(m_store).enqueue(item, now);
    m_queued.push_back(std::move(item));
}

model::Interaction AgentActions::insert_contact(const ContactDraft& draft, model::Timestamp now, const std::string& disposition) {
    access::require(m_agent, access::Action::log_contact);
    require_customer(draft.customer_id);
    const std::string summary = util::trim(draft.summary);
    if (summary.empty()) throw Error(ErrorKind::invalid, "a logged contact needs a summary of what was said");
    model::Interaction i;
    i.customer_id = draft.customer_id;
    i.channel = draft.channel;
    i.direction = draft.direction;
    i.occurred_at = now;
    i.agent_id = m_agent.id;
    i.agent_name = m_agent.name;
    i.summary = summary;
    i.details = draft.details.to_json();
    i.source_system = "local";
    i.disposition = disposition;
    m_store.insert_interaction(i);
    queue(m_routes.interaction, "interaction", i.customer_id, "interaction:" + std::to_string(i.id),
          connector::interaction_payload(i, m_routes.card_numbers(m_routes.interaction)), now);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "log_contact", i.customer_id, "interaction", i.id,
                                      model::to_string(i.channel)});
    return i;
}

model::Interaction AgentActions::log_contact(const ContactDraft& draft, model::Timestamp now, const std::string& disposition) {
    m_queued.clear();
    storage::Store::Transaction tx(m_store);
    auto i = insert_contact(draft, now, disposition);
    tx.commit();
    return i;
}

void AgentActions::record_offer_work(model::Offer& offer, ContactDraft contact, model::Timestamp now) {
    access::require(m_agent, access::Action::work_offer);
    m_queued.clear();
    offer.updated_at = now;
    storage::Store::Transaction tx(m_store);
    m_store.update_offer(offer);
    queue(m_routes.offer_outcome, "offer_outcome", offer.customer_id, "offer:" + std::to_string(offer.id),
          connector::offer_outcome_payload(offer, m_routes.card_numbers(m_routes.offer_outcome)), now);
    contact.customer_id = offer.customer_id;
    insert_contact(contact, now);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "work_offer", offer.customer_id, "offer", offer.id,
                                      std::string(model::to_string(offer.status)) + ", next step " +
                                          model::to_string(offer.next_step.kind)});
    tx.commit();
}

model::Ticket AgentActions::open_complaint(const ComplaintDraft& draft, model::Timestamp now) {
    access::require(m_agent, access::Action::open_complaint);
    require_customer(draft.customer_id);
    if (util::trim(draft.problem_type).empty()) throw Error(ErrorKind::invalid, "a complaint needs a problem type");
    if (util::trim(draft.subject).empty()) throw Error(ErrorKind::invalid, "a complaint needs a subject");
    if (draft.severity < 1 || draft.severity > 5)
        throw Error(ErrorKind::invalid, "severity is 1 (trifle) to 5 (end of the world), not " + std::to_string(draft.severity));
    model::Ticket t;
    t.customer_id = draft.customer_id;
    t.problem_type = util::trim(draft.problem_type);
    t.severity = draft.severity;
    t.cause = draft.cause;
    t.owner_id = draft.owner_id ? draft.owner_id : m_agent.id;
    t.status = model::TicketStatus::open;
    t.subject = util::trim(draft.subject);
    t.description = draft.description;
    t.created_at = now;
    t.updated_at = now;
    t.source_system = "local";
    m_queued.clear();
    storage::Store::Transaction tx(m_store);
    m_store.insert_ticket(t);
    queue(m_routes.complaint, "complaint", t.customer_id, "ticket:" + std::to_string(t.id),
          connector::complaint_payload(t, m_routes.card_numbers(m_routes.complaint)), now);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "open_complaint", t.customer_id, "ticket", t.id,
                                      t.problem_type + ", severity " + std::to_string(t.severity)});
    tx.commit();
    return t;
}

model::Customer AgentActions::create_customer(model::Customer c, model::Timestamp now) {
    access::require(m_agent, access::Action::log_contact);
    if (util::trim(c.last_name).empty() && util::trim(c.first_name).empty() && util::trim(c.company).empty())
        throw Error(ErrorKind::invalid, "a new customer needs a name or a company");
    if (c.phones.empty() || c.phones.front().empty() || c.phones.front()[0] != '+')
        throw Error(ErrorKind::invalid, "a new customer needs a valid phone number");
    c.manager_id = c.manager_id ? c.manager_id : m_agent.id;
    storage::Store::Transaction tx(m_store);
    m_store.insert_customer(c, now);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "create_customer", c.id, "customer", c.id, ""});
    tx.commit();
    return c;
}

model::Customer AgentActions::adopt_customer(model::Customer c, model::Timestamp now) {
    access::require(m_agent, access::Action::view_card);
    if (c.refs.empty() && c.phones.empty())
        throw Error(ErrorKind::invalid, "the backend's customer has neither an id nor a phone number to keep");
    auto linked = [&]() -> std::optional<model::Customer> {
        for (const auto& r : c.refs)
            if (auto id = m_store.customer_by_ref(r.system, r.external_id)) return m_store.customer(*id);
        return std::nullopt;
    };
    if (auto known = linked()) return *known;
    c.id = 0;
    c.manager_id = 0;  // the backend's account owner is not one of our agents
    try {
        storage::Store::Transaction tx(m_store);
        m_store.insert_customer(c, now);
        std::string from;
        for (const auto& r : c.refs) from += (from.empty() ? "" : ", ") + r.system + ":" + r.external_id;
        audit::AuditLog(m_store).record({0, now, m_agent.id, "", "adopt_customer", c.id, "customer", c.id, from});
        tx.commit();
    } catch (const Error&) {
        // Two seats popping the same new caller: the references are unique, so the second insert fails
        // and the first seat's record is the customer.
        if (auto known = linked()) return *known;
        throw;
    }
    return c;
}

void AgentActions::save_preferences(model::ContactPreferences& prefs, model::Timestamp now) {
    access::require(m_agent, access::Action::edit_preferences);
    require_customer(prefs.customer_id);
    auto in_day = [](int m) { return m >= 0 && m < 24 * 60; };
    if (!in_day(prefs.quiet_hours.from_minute) || !in_day(prefs.quiet_hours.to_minute))
        throw Error(ErrorKind::invalid, "quiet hours must be times of day between 00:00 and 23:59");
    // Quiet hours are read on the customer's clock: a zone tzdata does not know would silently read
    // them on the centre's.
    prefs.timezone = util::trim(prefs.timezone);
    if (!prefs.timezone.empty() && !util::find_zone(prefs.timezone))
        throw Error(ErrorKind::invalid, "unknown time zone '" + prefs.timezone + "': use an IANA name such as Europe/Sofia");
    if (prefs.preferred_channel && prefs.unsubscribed.count(*prefs.preferred_channel))
        throw Error(ErrorKind::invalid, std::string("the preferred channel (") + model::to_string(*prefs.preferred_channel) +
                                            ") cannot also be unsubscribed");
    prefs.updated_at = now;
    storage::Store::Transaction tx(m_store);
    m_store.save_preferences(prefs);
    std::string detail = std::string(prefs.do_not_call ? "do-not-call " : "") + (prefs.written_only ? "written-only " : "") +
                         std::to_string(prefs.unsubscribed.size()) + " unsubscribed";
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "edit_preferences", prefs.customer_id, "preferences", 0, detail});
    tx.commit();
}

}  // namespace kartoteka::actions
