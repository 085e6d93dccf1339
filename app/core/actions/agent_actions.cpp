#include "actions/agent_actions.h"

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "error.h"
#include "util/text.h"

namespace kartoteka::actions {

void AgentActions::require_customer(model::Id id) {
    if (id <= 0 || !m_store.customer(id))
        throw Error(ErrorKind::invalid, "no customer #" + std::to_string(id) + " to record this for");
}

model::Interaction AgentActions::log_contact(const ContactDraft& draft, model::Timestamp now) {
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
    i.summary = summary;
    i.source_system = "local";
    storage::Store::Transaction tx(m_store);
    m_store.insert_interaction(i);
    audit::AuditLog(m_store).record({0, now, m_agent.id, "", "log_contact", i.customer_id, "interaction", i.id,
                                      model::to_string(i.channel)});
    tx.commit();
    return i;
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
    storage::Store::Transaction tx(m_store);
    m_store.insert_ticket(t);
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

void AgentActions::save_preferences(model::ContactPreferences& prefs, model::Timestamp now) {
    access::require(m_agent, access::Action::edit_preferences);
    require_customer(prefs.customer_id);
    auto in_day = [](int m) { return m >= 0 && m < 24 * 60; };
    if (!in_day(prefs.quiet_hours.from_minute) || !in_day(prefs.quiet_hours.to_minute))
        throw Error(ErrorKind::invalid, "quiet hours must be times of day between 00:00 and 23:59");
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
