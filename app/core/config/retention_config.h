#pragma once
/// The `retention:` section: every threshold of DOMAIN.md's lifecycle, value, contact, offer and churn
/// rules, with DOMAIN.md's numbers as defaults. Read by read_retention (retention_config_loader.cpp).
#include <array>
#include <map>
#include <string>
#include <vector>

#include "model/enums.h"
#include "model/types.h"

namespace kartoteka::config {

/// One sleeping bucket and the win-back ladder step that goes with it (002: 90/180/360 days,
/// 10/15/20%).
struct SleepingBucket {
    int days = 0;
    int winback_discount_percent = 0;

    bool operator==(const SleepingBucket&) const = default;
};

struct LifecycleRules {
    int max_order_gap_days = 45;                  ///< no order within this: at risk (002)
    std::vector<SleepingBucket> sleeping{{90, 10}, {180, 15}, {360, 20}};  ///< ascending by days
    int falling_recent_orders = 3;                ///< the last N orders are compared with the ones before
    int falling_drop_percent = 20;                ///< a drop of this much or more is a signal
    int signal_window_days = 90;                  ///< how far back interactions count as signals
    /// Words in an interaction's summary that mean "demands a discount" / "wants another manager" (004).
    std::vector<std::string> discount_words{"discount", "скидк", "отстъпк"};
    std::vector<std::string> new_manager_words{"new manager", "another manager", "другого менеджера",
                                               "друг мениджър"};
    int returned_sensitive_days = 365;            ///< "a year with no complaints" (000)

    bool operator==(const LifecycleRules&) const = default;
};

/// Criteria of one loyalty / win-back grade: all given thresholds must be met.
struct TierCriteria {
    model::Money min_annual_turnover = 0;  ///< minor units
    double min_orders_per_year = 0;
    int min_margin_percent = 0;            ///< applied only when the margin is known

    bool operator==(const TierCriteria&) const = default;
};

struct ValueRules {
    double expected_years = 5;       ///< the "years" of lifetime value (000: 5 x 10 x 500)
    int min_history_days = 365;      ///< purchases per year are counted over at least this span
    TierCriteria tier_a{10000000, 6, 20};
    TierCriteria tier_b{2000000, 3, 5};
    bool reference_is_a = true;      ///< reference ("politically important") customers are A (000)
    int worth_min_margin_percent = 1;        ///< at or below: low/zero/negative margin, not worth it
    double rare_orders_per_year = 2;         ///< buys rarely ...
    model::Money little_average = 50000;     ///< ... and little: not worth winning back
    double satisfaction_warning_below = 4.5; ///< (003)

    bool operator==(const ValueRules&) const = default;
};

struct WinbackRules {
    std::string product = "Win-back offer";
    model::Channel channel = model::Channel::phone;  ///< when the customer prefers none
    int validity_days = 30;
    int priority = 5;
    model::Role assignee_role = model::Role::operator_;

    bool operator==(const WinbackRules&) const = default;
};

/// Days between periodic contacts of each type for one tier; 0 = none of that type.
using ContactIntervals = std::map<model::ContactType, int>;

struct ContactRules {
    int service_call_after_days = 30;   ///< "about a month after the contract" (003)
    model::Role service_role = model::Role::service;
    std::map<char, ContactIntervals> periodic{
        {'A', {{model::ContactType::how_are_you, 30}, {model::ContactType::new_idea, 60},
               {model::ContactType::stay_informed, 30}, {model::ContactType::become_part, 90}}},
        {'B', {{model::ContactType::how_are_you, 60}, {model::ContactType::new_idea, 120},
               {model::ContactType::stay_informed, 60}, {model::ContactType::become_part, 180}}},
        {'C', {{model::ContactType::how_are_you, 120}, {model::ContactType::new_idea, 0},
               {model::ContactType::stay_informed, 90}, {model::ContactType::become_part, 0}}}};
    /// The channel each contact type is made in (a welcome letter is a letter; new-idea is a call).
    std::map<model::ContactType, model::Channel> channels{
        {model::ContactType::welcome_letter, model::Channel::letter},
        {model::ContactType::service_call, model::Channel::phone},
        {model::ContactType::how_are_you, model::Channel::phone},
        {model::ContactType::new_idea, model::Channel::phone},
        {model::ContactType::stay_informed, model::Channel::email},
        {model::ContactType::become_part, model::Channel::email}};
    std::string complaint_problem_type = "service";  ///< ticket type a raised problem opens
    int complaint_severity = 3;

    bool operator==(const ContactRules&) const = default;
};

struct OfferRules {
    int office_within_days = 3;          ///< an office visit must be within this many days (001)
    int no_sales_call_after_inbound_days = 1;  ///< no sales call this many days after their own call

    bool operator==(const OfferRules&) const = default;
};

struct ChurnRules {
    double normal_max_percent = 10;  ///< a year: 5-10% is normal (002)
    double action_percent = 20;      ///< a year: 20% and more needs action (002)

    bool operator==(const ChurnRules&) const = default;
};

struct RetentionConfig {
    LifecycleRules lifecycle;
    ValueRules value;
    WinbackRules winback;
    ContactRules contacts;
    OfferRules offers;
    ChurnRules churn;

    bool operator==(const RetentionConfig&) const = default;
};

class MapReader;
/// Reads `retention:`; absent keys keep the defaults above. @throws Error{config} naming file:line:key.
void read_retention(MapReader r, RetentionConfig& c);

}  // namespace kartoteka::config
