#pragma once
/// The win-back ladder (DOMAIN.md "Offers and win-back"): sleeping and lost customers worth winning
/// back get an offer whose discount grows with the sleeping bucket (90/180/360 days: 10/15/20%); the
/// task never goes to the agent who lost the customer, and lost-twice customers are never queued.
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "model/agent.h"
#include "retention/customer_value.h"
#include "retention/lifecycle_rules.h"

namespace kartoteka::retention {

struct WinbackDecision {
    enum class Action { create, upgrade, keep, skip };
    Action action = Action::skip;
    model::Offer offer;       ///< the offer to add (create / upgrade)
    model::Id replaces = 0;   ///< upgrade: the weaker open win-back offer to expire
    std::string reason;       ///< why: the step taken, or the rule that skipped the customer
};

const char* to_string(WinbackDecision::Action a) noexcept;

/// The ladder step (discount percent) for a status; 0 when the customer is neither sleeping nor lost.
int winback_discount(const StatusAssessment& status, const config::LifecycleRules& rules);

/// Who works the win-back: an active agent of the configured role other than the one who lost the
/// customer, spread by customer id. 0 when there is nobody else.
model::Id winback_assignee(const std::vector<model::Agent>& agents, model::Role role, model::Id lost_by,
                           model::Id customer_id);

/// What the ladder does for one customer now.
WinbackDecision plan_winback(const CustomerHistory& h, const StatusAssessment& status, const CustomerValue& value,
                             const std::vector<model::Agent>& agents, const config::RetentionConfig& cfg,
                             model::Timestamp now);

}  // namespace kartoteka::retention
