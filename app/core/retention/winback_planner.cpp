#include "retention/winback_planner.h"

namespace kartoteka::retention {
namespace {

using model::LifecycleStatus;
using Action = WinbackDecision::Action;

WinbackDecision skip(std::string why) { return {Action::skip, {}, 0, std::move(why)}; }

bool open_winback(const model::Offer& o) {
    return o.kind == model::OfferKind::winback &&
           (o.status == model::OfferStatus::planned || o.status == model::OfferStatus::in_progress ||
            o.status == model::OfferStatus::postponed);
}

}  // namespace

const char* to_string(WinbackDecision::Action a) noexcept {
    switch (a) {
    case Action::create: return "create";
    case Action::upgrade: return "upgrade";
    case Action::keep: return "keep";
    case Action::skip: return "skip";
    }
    return "?";
}

int winback_discount(const StatusAssessment& status, const config::LifecycleRules& rules) {
    const auto s = status.record.status;
    if (s != LifecycleStatus::sleeping && s != LifecycleStatus::lost) return 0;
    // A lost customer may have bought recently; the ladder still starts at its first step for them.
    int discount = rules.sleeping.front().winback_discount_percent;
    for (const auto& b : rules.sleeping)
        if (status.sleeping_bucket >= b.days) discount = b.winback_discount_percent;
    return discount;
}

model::Id winback_assignee(const std::vector<model::Agent>& agents, model::Role role, model::Id lost_by,
                           model::Id customer_id) {
    std::vector<model::Id> pool;
    for (const auto& a : agents)
        if (a.active && a.role == role && a.id != lost_by) pool.push_back(a.id);
    if (pool.empty()) return 0;
    return pool[static_cast<std::size_t>(customer_id) % pool.size()];
}

WinbackDecision plan_winback(const CustomerHistory& h, const StatusAssessment& status, const CustomerValue& value,
                             const std::vector<model::Agent>& agents, const config::RetentionConfig& cfg,
                             model::Timestamp now) {
    if (status.record.times_lost >= 2) return skip("lost_twice: never queued for win-back");
    if (status.record.status == LifecycleStatus::do_not_retain) return skip("do_not_retain");
    const int discount = winback_discount(status, cfg.lifecycle);
    if (discount == 0) return skip(std::string("not_sleeping_or_lost: status ") + model::to_string(status.record.status));
    if (!value.worth_winning_back) {
        std::string why = "not_worth_winning_back:";
        for (const auto& r : value.not_worth_reasons) why += " " + r + ";";
        return skip(why);
    }
    const model::Offer* weaker = nullptr;
    for (const auto& o : h.offers) {
        if (!open_winback(o) || (o.valid_until && o.valid_until < now)) continue;
        if (o.discount_percent >= discount)
            return {Action::keep, {}, 0, "an open win-back offer #" + std::to_string(o.id) + " already gives " +
                                             std::to_string(o.discount_percent) + "%"};
        weaker = &o;
    }
    const model::Id assignee = winback_assignee(agents, cfg.winback.assignee_role, status.record.lost_by, h.customer.id);
    if (assignee == 0)
        return skip("no_assignee: no active " + std::string(model::to_string(cfg.winback.assignee_role)) +
                    " other than the agent who lost the customer");
    WinbackDecision d;
    d.action = weaker ? Action::upgrade : Action::create;
    d.replaces = weaker ? weaker->id : 0;
    auto& o = d.offer;
    o.customer_id = h.customer.id;
    o.product = cfg.winback.product;
    o.priority = cfg.winback.priority;
    o.channel = h.preferences.preferred_channel.value_or(cfg.winback.channel);
    o.valid_from = now;
    o.valid_until = now + static_cast<model::Timestamp>(cfg.winback.validity_days) * 86400;
    o.kind = model::OfferKind::winback;
    o.discount_percent = discount;
    o.assignee_id = assignee;
    o.updated_at = now;
    o.source_system = "local";
    d.reason = std::string(model::to_string(status.record.status)) +
               (status.sleeping_bucket ? " " + std::to_string(status.sleeping_bucket) + "+ days" : std::string()) +
               ": " + std::to_string(discount) + "% win-back";
    return d;
}

}  // namespace kartoteka::retention
