#pragma once
/// What an agent records at the desk: a logged contact, a new complaint. Each is validated here and
/// stored durably in the local store before anything else happens (write-back to the owning backend
/// goes through the outbox afterwards), so nothing an agent typed is lost when a backend is down.
#include <string>

#include "model/agent.h"
#include "model/customer.h"
#include "model/interaction.h"
#include "model/preferences.h"
#include "model/ticket.h"
#include "storage/store.h"

namespace kartoteka::actions {

struct ContactDraft {
    model::Id customer_id = 0;
    model::Channel channel = model::Channel::phone;
    model::Direction direction = model::Direction::inbound;
    std::string summary;
};

struct ComplaintDraft {
    model::Id customer_id = 0;
    std::string problem_type;
    int severity = 3;                 ///< 1 trifle .. 5 end of the world, as the customer sees it
    model::TicketCause cause = model::TicketCause::unknown;
    std::string subject;
    std::string description;
    model::Id owner_id = 0;           ///< 0: the agent who opens it owns it (a named owner at once)
};

class AgentActions {
public:
    /// Every action checks the agent's role (access::require) and is written to the audit log in the
    /// same transaction as the record itself.
    AgentActions(storage::Store& store, model::Agent agent) : m_store(store), m_agent(std::move(agent)) {}

    /// Stores the contact in the customer's timeline as "local". @throws Error{invalid} for an empty
    /// summary or an unknown customer, Error{forbidden} when the agent's role may not.
    model::Interaction log_contact(const ContactDraft& draft, model::Timestamp now);
    /// Opens a complaint ticket with a named owner. @throws Error{invalid} for a missing problem type or
    /// subject, or a severity outside 1..5.
    model::Ticket open_complaint(const ComplaintDraft& draft, model::Timestamp now);

    /// A caller nobody knows becomes a customer (the screen pop's "new customer" form). The phone is
    /// normalized to E.164 by the caller. @throws Error{invalid} without a name or a phone.
    model::Customer create_customer(model::Customer customer, model::Timestamp now);

    /// Saves edited contact preferences (unsubscribe must always be possible). Version-checked:
    /// @throws Error{conflict} when another seat saved them since they were read.
    void save_preferences(model::ContactPreferences& prefs, model::Timestamp now);

private:
    void require_customer(model::Id id);

    storage::Store& m_store;
    model::Agent m_agent;
};

}  // namespace kartoteka::actions
