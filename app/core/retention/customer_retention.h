#pragma once
/// What the retention rules say about one customer, and the shapes the agents' lists and records use.
/// Pure: no store, no I/O; the desk loads the history and calls assess().
#include <optional>
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "retention/churn_report.h"
#include "retention/contact_policy.h"
#include "retention/customer_value.h"
#include "retention/grades.h"
#include "retention/lifecycle_rules.h"
#include "retention/winback_planner.h"

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
    GradeView grade;                     ///< the grade's privileges, what the next adds and what it takes
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
    /// Why the agent goes on although the rules hold the offer back now (quiet hours, an open
    /// complaint, ...): required to save it as accepted or in progress then, and kept in the timeline.
    std::string override_reason;
    /// Worked while the customer is on an inbound call: the contact is logged as that call (phone,
    /// inbound), not as an outbound contact on the offer's channel.
    bool during_inbound_call = false;
};

/// Runs every rule over a loaded history: status with signals, value and tier, satisfaction, and the
/// eligibility of each offer and planned contact at `now` (in the centre's zone for "due today").
CustomerRetention assess(const CustomerHistory& h, const config::RetentionConfig& rules,
                         const std::string& centre_timezone, model::Timestamp now);

/// Where a customer is for the contact rules at `now`: their own inbound calls, the centre's zone.
ContactSituation situation_of(const CustomerHistory& h, const std::string& centre_timezone, model::Timestamp now);

}  // namespace kartoteka::retention
