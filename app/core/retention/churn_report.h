#pragma once
/// Churn figures for a period (DOMAIN.md "Churn figures"): count churn, money churn, value lost, and
/// the customers who came back with the amounts of their first orders after the return.
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "retention/customer_history.h"

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

struct ReturnedCustomer {
    model::Id customer_id = 0;
    std::string name;
    model::Timestamp lost_at = 0;
    model::Timestamp returned_at = 0;
    model::Money first_order = 0;   ///< the win-back result in money (000)
};

struct ChurnReport {
    model::Timestamp from = 0, to = 0;     ///< [from, to)
    long long at_start = 0;                ///< customers (not lost, not do-not-retain) at `from`
    long long lost = 0;                    ///< customers with a loss recorded in the period
    double count_churn_percent = 0;
    double annualized_percent = 0;         ///< count churn scaled to a year, for the benchmark
    std::string verdict;                   ///< normal / watch / needs_action (002)
    model::Money average_bill = 0;         ///< mean order amount of the lost customers before their loss
    double payments_per_period = 0;        ///< their mean number of orders in a period-long window before it
    model::Money money_churn = 0;
    model::Money average_lifetime_value = 0;
    model::Money value_lost = 0;           ///< sum of the lost customers' lifetime values at their loss
    std::vector<ReturnedCustomer> returned;
    model::Money returned_first_orders = 0;
};

/// The report over every customer's history. @throws Error{invalid} when to <= from.
ChurnReport churn_report(const std::vector<CustomerHistory>& customers, model::Timestamp from, model::Timestamp to,
                         const config::RetentionConfig& cfg);

}  // namespace kartoteka::retention
