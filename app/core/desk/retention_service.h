#pragma once
/// The retention rules over the store: loads what the pure rules need, runs them, and records what the
/// agents do (deals, logged contacts, worked offers). Part of the desk: hosts reach it through Desk.
#include <optional>
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "connector/outbox.h"
#include "retention/customer_retention.h"
#include "retention/retention_report.h"
#include "storage/store.h"

namespace kartoteka::desk {

using retention::ContactLog;
using retention::ContactView;
using retention::CustomerHistory;
using retention::CustomerRetention;
using retention::OfferView;
using retention::OfferWork;
using retention::WinbackRun;

class RetentionService {
public:
    RetentionService(storage::Store& store, config::RetentionConfig config, std::string centre_timezone);

    /// What the rules need about one customer. @throws Error{not_found}.
    /// `ticket_events`: load each ticket's events too (the card's SLA clocks need them; the rules do not).
    CustomerHistory load_history(model::Id customer_id, model::Timestamp now, bool ticket_events = false);
    /// Runs every rule over a loaded history (no store access).
    CustomerRetention assess(const CustomerHistory& h, model::Timestamp now) const;

    /// The retention report over `periods` (consecutive) from the store's aggregates, at `now`.
    retention::RetentionReport retention_report(const std::vector<retention::Period>& periods, model::Timestamp now,
                                                const std::string& centre_currency);
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
    /// Refuses to save a sale the rules hold back now unless the agent gave a reason to go on.
    void require_override(const model::Offer& offer, const OfferWork& work, model::Timestamp now);
    /// The customer's status with the satisfaction index the card shows (the same for every decision).
    retention::StatusAssessment status_with_satisfaction(const retention::CustomerHistory& h, model::Timestamp now) const;
    std::vector<CustomerHistory> load_all(bool with_traits);
    model::Agent acting(model::Id agent_id);
    void validate_next_step(const OfferWork& work, model::Timestamp now) const;

    storage::Store& m_store;
    config::RetentionConfig m_config;
    std::string m_timezone;
    connector::WriteBackRoutes m_routes;
    std::vector<connector::OutboxItem> m_queued;
};

}  // namespace kartoteka::desk
