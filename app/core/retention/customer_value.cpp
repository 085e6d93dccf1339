#include "retention/customer_value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "retention/money_text.h"

namespace kartoteka::retention {
namespace {

constexpr double days_per_year = 365.0;

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// Checks one grade's criteria; each unmet one is described in `missing`.
bool meets(const CustomerValue& v, const config::TierCriteria& t, const model::ValueTraits& traits,
           std::vector<util::Message>& missing) {
    if (v.annual_turnover < t.min_annual_turnover)
        missing.push_back({N_("annual turnover {1} < {2}"),
                           {util::Message::money(v.annual_turnover), util::Message::money(t.min_annual_turnover)}});
    if (v.purchases_per_year < t.min_orders_per_year)
        missing.push_back({N_("orders a year {1} < {2}"), {number_text(v.purchases_per_year), number_text(t.min_orders_per_year)}});
    if (traits.margin_percent && *traits.margin_percent < t.min_margin_percent)
        missing.push_back({N_("margin {1}% < {2}%"), {std::to_string(*traits.margin_percent), std::to_string(t.min_margin_percent)}});
    return missing.empty();
}

void grade(CustomerValue& v, const model::ValueTraits& traits, const config::ValueRules& rules) {
    if (traits.reference && rules.reference_is_a) {
        v.tier = 'A';
        v.tier_reasons.push_back("reference customer");
        return;
    }
    std::vector<util::Message> missing_a, missing_b;
    if (meets(v, rules.tier_a, traits, missing_a)) {
        v.tier = 'A';
        v.tier_reasons.push_back("meets every A criterion");
        return;
    }
    if (meets(v, rules.tier_b, traits, missing_b)) {
        v.tier = 'B';
        for (const auto& m : missing_a) v.tier_reasons.push_back("for A: " + m.english());
        v.missing_for_next = std::move(missing_a);
        return;
    }
    v.tier = 'C';
    for (const auto& m : missing_b) v.tier_reasons.push_back("for B: " + m.english());
    v.missing_for_next = std::move(missing_b);
}

void worth(CustomerValue& v, const StatusAssessment& status, const model::ValueTraits& traits,
           const config::ValueRules& rules) {
    auto no = [&](std::string why) { v.not_worth_reasons.push_back(std::move(why)); };
    if (status.record.status == model::LifecycleStatus::do_not_retain) no("do_not_retain: broke the rules with staff");
    if (status.record.times_lost >= 2) no("lost_twice: not to be won back");
    if (v.orders == 0) no("never_bought: no order in the history");
    if (traits.margin_percent && *traits.margin_percent < rules.worth_min_margin_percent)
        no("low_margin: " + std::to_string(*traits.margin_percent) + "%");
    if (traits.pays_late) no("pays_late");
    if (traits.demands_too_much) no("demands_too_much");
    if (traits.rude) no("rude");
    if (traits.supplier_hopper) no("supplier_hopper: switches suppliers for small savings");
    if (v.orders > 0 && v.purchases_per_year < rules.rare_orders_per_year && v.average_price < rules.little_average)
        no("buys_rarely_and_little: " + number_text(v.purchases_per_year) + " orders a year, average " +
           format_money(v.average_price));
    v.worth_winning_back = v.not_worth_reasons.empty();
}

}  // namespace

model::Money lifetime_value(double years, double purchases_per_year, model::Money average_price) {
    return static_cast<model::Money>(std::llround(years * purchases_per_year * static_cast<double>(average_price)));
}

CustomerValue assess_value(const CustomerHistory& h, const StatusAssessment& status,
                           const config::RetentionConfig& cfg, model::Timestamp now) {
    const auto& rules = cfg.value;
    CustomerValue v;
    v.expected_years = rules.expected_years;
    const auto orders = orders_until(h.orders, now);
    v.orders = static_cast<int>(orders.size());
    if (!orders.empty()) {
        model::Money total = 0;
        for (const auto& o : orders) total += o.amount;
        v.average_price = total / v.orders;
        // Counted over the customer's own span, but at least min_history_days, so one order last week is
        // not read as fifty a year.
        const double span_days = std::max<double>(rules.min_history_days, days_between(orders.front().placed_at, now));
        v.purchases_per_year = v.orders / (span_days / days_per_year);
        v.annual_turnover = lifetime_value(1.0, v.purchases_per_year, v.average_price);
        v.lifetime_value = lifetime_value(v.expected_years, v.purchases_per_year, v.average_price);
    }
    grade(v, h.traits, rules);
    worth(v, status, h.traits, rules);
    return v;
}

Satisfaction satisfaction_index(const std::vector<model::ServiceContact>& contacts, const config::ValueRules& rules,
                                model::Timestamp now) {
    config::SatisfactionRules contacts_only;
    contacts_only.weights = {{model::FeedbackChannel::contact, 1.0}};
    return satisfaction_index(contacts, {}, contacts_only, rules.satisfaction_warning_below, now);
}

}  // namespace kartoteka::retention
