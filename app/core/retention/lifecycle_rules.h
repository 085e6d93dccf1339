#pragma once
/// Lifecycle status from the order history and the lifecycle records (DOMAIN.md "Lifecycle status"):
/// active, at risk (with the early-warning signals), sleeping in buckets, lost, returned (only after a
/// new order), lost twice, do not retain.
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "model/lifecycle.h"
#include "retention/customer_history.h"
#include "util/message.h"

namespace kartoteka::retention {

/// One early-warning signal and the fact that triggered it, as the card shows it.
struct Signal {
    std::string code;            ///< no_order_within_gap, falling_average, discount_demand, new_manager_demand,
                                 ///< low_satisfaction
    std::string fact;            ///< in English: "last order 2026-08-01, days since: 63 (maximum gap: 45 days)"
    model::Timestamp at = 0;     ///< when the triggering fact happened
    util::Message text = {};     ///< the same fact as a template and values, for a translated screen
};

struct StatusAssessment {
    model::LifecycleRecord record;       ///< status, loss date / reason / who, return date, times lost
    int days_since_order = -1;           ///< -1: no order yet
    int sleeping_bucket = 0;             ///< 90 / 180 / 360 (the bucket reached), 0 when not sleeping
    bool extra_sensitive = false;        ///< returned recently: problems hurt twice (000)
    model::Timestamp sensitive_until = 0;
    model::Id do_not_retain_by = 0;
    std::string do_not_retain_note;
    std::vector<Signal> signals;
    /// A sleeping customer who answered (called or wrote to us) since their last purchase is not passive
    /// yet (001): the reactivation contact worked, follow it up. Empty otherwise.
    std::string responding;
};

/// The status at `now`. Records and orders after `now` are ignored, so the same function answers
/// "what was the status at the start of the period" for the churn report.
/// `satisfaction` is the customer's index (0 = no ratings) for the low-satisfaction signal.
StatusAssessment assess_status(const CustomerHistory& h, const config::RetentionConfig& cfg, model::Timestamp now,
                               double satisfaction = 0);

/// The bucket (in days) reached after `days` without a purchase; 0 below the first bucket.
int sleeping_bucket(int days, const config::LifecycleRules& rules);

/// Whole days from `from` to `to` (floor), for "days since last purchase".
int days_between(model::Timestamp from, model::Timestamp to);

/// Orders placed at or before `now`, oldest first.
std::vector<model::Order> orders_until(const std::vector<model::Order>& orders, model::Timestamp now);

}  // namespace kartoteka::retention
