#include "retention/churn_report.h"

#include <cmath>


namespace kartoteka::retention {
using model::Timestamp;

std::string churn_verdict(double annual, const config::ChurnRules& rules) {
    if (annual >= rules.action_percent) return "needs_action";
    if (annual > rules.normal_max_percent) return "watch";
    return "normal";
}

double annualized_percent(double percent, model::Timestamp from, model::Timestamp to) {
    return to > from ? percent * (365.0 * 86400.0) / static_cast<double>(to - from) : 0.0;
}

double count_churn_percent(long long lost, long long at_start) {
    return at_start > 0 ? 100.0 * static_cast<double>(lost) / static_cast<double>(at_start) : 0.0;
}

model::Money money_churn(long long lost, model::Money average_bill, double payments_per_period) {
    return static_cast<model::Money>(
        std::llround(static_cast<double>(lost) * static_cast<double>(average_bill) * payments_per_period));
}

model::Money value_lost(long long lost, model::Money lifetime_value) { return lost * lifetime_value; }

}  // namespace kartoteka::retention
