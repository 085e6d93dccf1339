#pragma once
/// Planned service contacts (DOMAIN.md "Service contacts"): on a new deal a welcome letter from the
/// manager who closed it and a service call about a month later from the service team (never that
/// manager); then periodic how-are-you / new-idea / stay-informed / become-part contacts per value tier.
#include <vector>

#include "config/retention_config.h"
#include "model/agent.h"
#include "retention/customer_history.h"
#include "retention/lifecycle_rules.h"

namespace kartoteka::retention {

/// An active agent of `role` other than `not_this`, spread by `spread`; 0 when there is none.
model::Id pick_agent(const std::vector<model::Agent>& agents, model::Role role, model::Id not_this, model::Id spread);

/// The two contacts of a new deal closed on `deal_day` by `manager`. @throws Error{invalid} when no
/// service agent other than the manager exists (the call must not silently vanish).
std::vector<model::ServiceContact> plan_deal_contacts(model::Id customer_id, model::Date deal_day, model::Id manager,
                                                      const std::vector<model::Agent>& agents,
                                                      const config::ContactRules& rules);

/// The periodic contacts a customer of grade `tier` should have and does not yet: for each type, the
/// next one falls an interval after the last of that type (or after the relationship began); overdue
/// ones are due `today`. Only active, at-risk and returned customers get periodic contacts.
std::vector<model::ServiceContact> plan_periodic_contacts(const CustomerHistory& h, const StatusAssessment& status,
                                                          char tier, const std::vector<model::Agent>& agents,
                                                          const config::ContactRules& rules, model::Date today);

}  // namespace kartoteka::retention
