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

/// How the satisfaction index weighs the three kinds of rating (003): each channel's mean counts with
/// its weight; a channel with weight 0 is shown but does not count. The warning threshold is
/// ValueRules::satisfaction_warning_below (`satisfaction.warn_below` or `value.satisfaction_warning_below`).
struct SatisfactionRules {
    std::map<model::FeedbackChannel, double> weights{{model::FeedbackChannel::contact, 1.0},
                                                     {model::FeedbackChannel::review, 1.0},
                                                     {model::FeedbackChannel::survey, 1.0}};

    bool operator==(const SatisfactionRules&) const = default;
};

/// One privilege of a loyalty grade in the three UI languages (004).
struct Privilege {
    std::map<std::string, std::string> text;  ///< "en", "ru", "bg" -> the privilege as the agent reads it

    bool operator==(const Privilege&) const = default;
};

/// Loyalty grades A, B, C (004): each opens a list of privileges; the conditions to reach A and B are
/// ValueRules::tier_a and tier_b (written under `grades.A.conditions` or `value.tier_a`). C has none:
/// every customer is at least C.
struct GradeRules {
    /// 'A', 'B', 'C' -> the grade's privileges. The defaults are starting points in the spirit of 004
    /// (reminders, delivery, discounts, a personal manager, the closed club); a centre writes its own.
    std::map<char, std::vector<Privilege>> privileges{
        {'C', {reminders()}},
        {'B', {reminders(), {{{"en", "Free delivery"}, {"ru", "Бесплатная доставка"}, {"bg", "Безплатна доставка"}}},
               {{{"en", "5% off every order"}, {"ru", "Скидка 5% на каждый заказ"}, {"bg", "5% отстъпка от всяка поръчка"}}}}},
        {'A', {reminders(), {{{"en", "Free delivery"}, {"ru", "Бесплатная доставка"}, {"bg", "Безплатна доставка"}}},
               {{{"en", "10% off every order"}, {"ru", "Скидка 10% на каждый заказ"}, {"bg", "10% отстъпка от всяка поръчка"}}},
               {{{"en", "A personal manager"}, {"ru", "Персональный менеджер"}, {"bg", "Личен мениджър"}}},
               {{{"en", "Closed-club events and early access to new products"},
                 {"ru", "Мероприятия закрытого клуба и ранний доступ к новинкам"},
                 {"bg", "Събития на затворения клуб и ранен достъп до новостите"}}}}}};

    static Privilege reminders() {
        return {{{"en", "Reminders before something runs out"}, {"ru", "Напоминания, пока что-то не закончилось"},
                 {"bg", "Напомняния, преди нещо да свърши"}}};
    }

    bool operator==(const GradeRules&) const = default;
};

struct RetentionConfig {
    LifecycleRules lifecycle;
    ValueRules value;
    WinbackRules winback;
    ContactRules contacts;
    OfferRules offers;
    ChurnRules churn;
    SatisfactionRules satisfaction;
    GradeRules grades;

    bool operator==(const RetentionConfig&) const = default;
};

class MapReader;
/// Reads `retention:`; absent keys keep the defaults above. @throws Error{config} naming file:line:key.
void read_retention(MapReader r, RetentionConfig& c);

}  // namespace kartoteka::config
