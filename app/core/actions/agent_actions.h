#pragma once
/// What an agent records at the desk: a logged contact, a new complaint. Each is validated here and
/// stored durably in the local store before anything else happens (write-back to the owning backend
/// goes through the outbox afterwards), so nothing an agent typed is lost when a backend is down.
#include <string>
#include <vector>

#include "connector/outbox.h"
#include "model/agent.h"
#include "model/customer.h"
#include "model/interaction.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/ticket.h"
#include "storage/store.h"
#include "util/message.h"

namespace kartoteka::actions {

struct ContactDraft {
    model::Id customer_id = 0;
    model::Channel channel = model::Channel::phone;
    model::Direction direction = model::Direction::inbound;
    std::string summary;
    util::Message details = {};  ///< set when the program wrote the entry (see model::Interaction::details)
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
    /// same transaction as the record itself. A record whose kind has a route gets its outbox row
    /// (write-back to the owning backend) in that transaction too: the record and the promise to
    /// deliver it commit together or not at all.
    AgentActions(storage::Store& store, model::Agent agent, connector::WriteBackRoutes routes = {})
        : m_store(store), m_agent(std::move(agent)), m_routes(std::move(routes)) {}

    /// Stores the contact in the customer's timeline as "local". @throws Error{invalid} for an empty
    /// summary or an unknown customer, Error{forbidden} when the agent's role may not.
    /// `disposition`: the wrap-up code stored on the interaction (checked against the configuration by the desk).
    model::Interaction log_contact(const ContactDraft& draft, model::Timestamp now, const std::string& disposition = {});
    /// Opens a complaint ticket with a named owner. @throws Error{invalid} for a missing problem type or
    /// subject, or a severity outside 1..5.
    model::Ticket open_complaint(const ComplaintDraft& draft, model::Timestamp now);

    /// Saves an offer the agent has worked (status, the customer's words, the next step; validated
    /// by retention::RetentionService::work_offer) with a timeline note saying so, and queues the
    /// outcome for the owning backend. Version-checked: @throws Error{conflict} when another seat
    /// changed the offer since it was read.
    /// Saves the worked offer, queues its outcome for the offer's backend, and logs `contact` (the
    /// offer's customer; on the offer's channel, or the inbound call it was worked on).
    void record_offer_work(model::Offer& offer, ContactDraft contact, model::Timestamp now);

    /// The outbox rows the last action queued (none when no backend owns that kind of record).
    const std::vector<connector::OutboxItem>& queued() const { return m_queued; }

    /// A caller nobody knows becomes a customer (the screen pop's "new customer" form). The phone is
    /// normalized to E.164 by the caller. @throws Error{invalid} without a name or a phone.
    model::Customer create_customer(model::Customer customer, model::Timestamp now);

    /// A caller only a backend knows (a card assembled with no local record) gets a local record
    /// linked by the backend's references, so the desk can log the call, open complaints and write
    /// back against it, and the next pop finds it locally. When a reference is already linked (another
    /// seat adopted the customer first), that record is returned and nothing is written.
    /// @throws Error{invalid} when the card carries neither a reference nor a phone number.
    model::Customer adopt_customer(model::Customer from_backend, model::Timestamp now);

    /// Saves edited contact preferences (unsubscribe must always be possible). Version-checked:
    /// @throws Error{conflict} when another seat saved them since they were read.
    void save_preferences(model::ContactPreferences& prefs, model::Timestamp now);

private:
    void require_customer(model::Id id);
    model::Interaction insert_contact(const ContactDraft& draft, model::Timestamp now, const std::string& disposition = {});
    void queue(const std::string& target, const char* kind, model::Id customer_id, std::string local_ref,
               std::string payload, model::Timestamp now);

    storage::Store& m_store;
    model::Agent m_agent;
    connector::WriteBackRoutes m_routes;
    std::vector<connector::OutboxItem> m_queued;
};

}  // namespace kartoteka::actions
