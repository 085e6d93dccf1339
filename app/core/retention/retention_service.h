#pragma once
/// The retention rules over the store: loads what the pure rules need, runs them, and records what the
/// agents do (deals, logged contacts, worked offers). The CLI, the GUI and the card loader call this.
#include <optional>
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "connector/outbox.h"
#include "retention/churn_report.h"
#include "retention/contact_policy.h"
#include "retention/customer_value.h"
#include "retention/lifecycle_rules.h"
#include "retention/winback_planner.h"
#include "storage/store.h"

namespace kartoteka::retention {

/// A planned contact as an agent's list shows it.
struct ContactView {
    model::ServiceContact contact;
    model::Channel channel = model::Channel::phone;  ///< how this type of contact is made
    bool due_today = false;                          ///< planned and due on or before today
    Eligibility eligibility;                         ///< may it be made now (preferences)
};

/// An offer on an agent's list, with whether it may be worked now.
struct OfferView {
    model::Offer offer;
    std::string customer_name;
    Eligibility eligibility;
};

/// Everything the rules say about one customer: what the card shows.
struct CustomerRetention {
    StatusAssessment status;
    CustomerValue value;
    Satisfaction satisfaction;
    std::vector<Eligibility> offers;     ///< parallel to CustomerHistory::offers
    std::vector<ContactView> contacts;   ///< parallel to CustomerHistory::contacts
};

struct WinbackRun {
    struct Item {
        model::Id customer_id = 0;
        WinbackDecision decision;
    };
    std::vector<Item> items;  ///< every sleeping or lost customer, with what was done and why
    int created = 0, upgraded = 0, kept = 0, skipped = 0;
};

struct ContactLog {
    model::Id agent_id = 0;        ///< who made the contact (checked against their role)
    std::string outcome;
    model::Questionnaire answers;  ///< how-are-you: satisfaction 1..5, free text, problems raised
    bool skipped = false;          ///< not reached / declined: the contact is closed as skipped
};

struct OfferWork {
    model::OfferStatus outcome = model::OfferStatus::in_progress;
    std::string said;          ///< what the customer said, in the agent's words
    model::NextStep next_step;
    model::Id agent_id = 0;    ///< who worked it (checked against their role)
    /// The offer's version the agent was looking at; when given, a different stored version (another
    /// seat worked the offer meanwhile) is a conflict instead of a silent overwrite.
    std::optional<int> expected_version;
};

class RetentionService {
public:
    RetentionService(storage::Store& store, config::RetentionConfig config, std::string centre_timezone);

    /// What the rules need about one customer. @throws Error{not_found}.
    CustomerHistory load_history(model::Id customer_id, model::Timestamp now);
    /// Runs every rule over a loaded history (no store access).
    CustomerRetention assess(const CustomerHistory& h, model::Timestamp now) const;

    ChurnReport churn(model::Timestamp from, model::Timestamp to);
    /// Applies the win-back ladder to every customer now.
    WinbackRun run_winback(model::Timestamp now);
    /// Stores the periodic contacts each active customer's grade calls for; returns them.
    std::vector<model::ServiceContact> schedule_contacts(model::Timestamp now);
    /// Records a new deal (the order) and plans its welcome letter and service call.
    std::vector<model::ServiceContact> close_deal(model::Order& order, model::Id manager_id);
    /// Logs a planned contact; a problem raised opens a complaint ticket, whose id is returned.
    std::optional<model::Id> log_contact(model::Id contact_id, const ContactLog& log, model::Timestamp now);
    /// Records the outcome and the concrete next step of an offer. @throws Error{invalid} for a next
    /// step that is not concrete (an office without address or beyond the configured days);
    /// Error{conflict} when the offer is no longer at work.expected_version.
    model::Offer work_offer(model::Id offer_id, const OfferWork& work, model::Timestamp now);
    /// Planned contacts due on or before `day` for one agent (0 = everyone), with their eligibility now.
    std::vector<ContactView> due(model::Id agent_id, model::Date day, model::Timestamp now);
    /// Open offers assigned to one agent (0 = everyone) within their validity at `now`, with their
    /// eligibility; refused ones stay on the list with the rule that refuses them.
    std::vector<OfferView> due_offers(model::Id agent_id, model::Timestamp now);

    const config::RetentionConfig& config() const { return m_config; }
    /// Where the records this service makes for agents (logged contacts, worked offers, complaints
    /// raised in a contact) are written back; none by default.
    void set_write_back(connector::WriteBackRoutes routes) { m_routes = std::move(routes); }
    /// The outbox rows the last log_contact or work_offer queued.
    const std::vector<connector::OutboxItem>& queued() const { return m_queued; }

private:
    std::vector<CustomerHistory> load_all(bool with_traits);
    model::Agent acting(model::Id agent_id);
    ContactSituation situation(const CustomerHistory& h, model::Timestamp now) const;
    void validate_next_step(const OfferWork& work, model::Timestamp now) const;

    storage::Store& m_store;
    config::RetentionConfig m_config;
    std::string m_timezone;
    connector::WriteBackRoutes m_routes;
    std::vector<connector::OutboxItem> m_queued;
};

}  // namespace kartoteka::retention
