#pragma once
/// Value of a customer from their own history (DOMAIN.md "Value"): lifetime value, the A/B/C grade,
/// whether a lost customer is worth winning back, and the satisfaction index.
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "retention/customer_history.h"
#include "retention/lifecycle_rules.h"
#include "retention/satisfaction.h"

namespace kartoteka::retention {

struct CustomerValue {
    int orders = 0;
    model::Money average_price = 0;
    double purchases_per_year = 0;
    double expected_years = 0;
    model::Money annual_turnover = 0;   ///< purchases per year x average price
    model::Money lifetime_value = 0;    ///< expected years x purchases per year x average price (000)
    char tier = 'C';                    ///< 'A', 'B' or 'C'
    std::vector<std::string> tier_reasons;     ///< why this grade (and what the next one needs)
    /// Each unmet criterion of the next grade up as a template with its figures (each screen words it in
    /// its language); empty for A.
    std::vector<util::Message> missing_for_next;
    bool worth_winning_back = true;
    std::vector<std::string> not_worth_reasons;  ///< each rule that says "not worth it" (000)
};

/// Lifetime value = years x purchases per year x average price (000).
model::Money lifetime_value(double years, double purchases_per_year, model::Money average_price);

/// Value at `now` from orders up to `now`; `status` decides the lost-twice / do-not-retain refusals.
CustomerValue assess_value(const CustomerHistory& h, const StatusAssessment& status,
                           const config::RetentionConfig& cfg, model::Timestamp now);

/// The satisfaction index from the ratings given in done how-are-you contacts up to `now` alone (the
/// contact channel of satisfaction_index in satisfaction.h).
Satisfaction satisfaction_index(const std::vector<model::ServiceContact>& contacts,
                                const config::ValueRules& rules, model::Timestamp now);

}  // namespace kartoteka::retention
