#pragma once
/// Churn formulas (DOMAIN.md "Churn figures"): count churn, money churn, value lost. The figures
/// themselves are the retention report's (retention_report.h); `report churn` is its one-period call.
#include <string>

#include "config/retention_config.h"

namespace kartoteka::retention {

/// Count churn in percent: lost / customers at the start (1000 at start, 200 lost: 20%).
double count_churn_percent(long long lost, long long at_start);
/// Money churn: lost x average bill x payments per period (200 x 2000 x 6 = 2,400,000).
model::Money money_churn(long long lost, model::Money average_bill, double payments_per_period);
/// Value lost: lost x lifetime value (100 x 25,000 = 2,500,000).
model::Money value_lost(long long lost, model::Money lifetime_value);
/// Count churn over [from, to) scaled to a year, for the benchmark.
double annualized_percent(double percent, model::Timestamp from, model::Timestamp to);
/// normal / watch / needs_action for a yearly churn in percent (002: 5-10% normal, 20% and more act).
std::string churn_verdict(double annual_percent, const config::ChurnRules& rules);

}  // namespace kartoteka::retention
