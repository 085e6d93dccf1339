#include "retention/lifecycle_rules.h"

#include <algorithm>
#include <cstdio>

#include "util/text.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

using model::LifecycleEventKind;
using model::LifecycleStatus;
using model::Timestamp;
constexpr Timestamp day_seconds = 86400;

std::vector<model::LifecycleEvent> events_until(const std::vector<model::LifecycleEvent>& events, Timestamp now) {
    std::vector<model::LifecycleEvent> out;
    for (const auto& e : events)
        if (e.at <= now) out.push_back(e);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    return out;
}

/// The first order strictly after `after` and before `before` (0 = no bound); nullptr when none.
const model::Order* first_order_between(const std::vector<model::Order>& orders, Timestamp after, Timestamp before) {
    for (const auto& o : orders)
        if (o.placed_at > after && (before == 0 || o.placed_at < before)) return &o;
    return nullptr;
}

/// Replays the losses. A return is a new order after a loss: a "returned" record, a promise or a letter
/// does not count (000), so a returned record only says who won the customer back, and only once an
/// order has confirmed the return. Returns true while the latest loss is still open (no order since).
bool replay_losses(const std::vector<model::LifecycleEvent>& events, const std::vector<model::Order>& orders,
                   StatusAssessment& a) {
    bool open = false;
    std::vector<const model::LifecycleEvent*> losses;
    for (const auto& e : events)
        if (e.kind == LifecycleEventKind::lost) losses.push_back(&e);
    for (std::size_t i = 0; i < losses.size(); ++i) {
        const auto& loss = *losses[i];
        if (open) continue;  // a second record of the same loss, with no order in between
        ++a.record.times_lost;
        a.record.lost_at = loss.at;
        a.record.lost_reason = loss.reason;
        a.record.lost_by = loss.agent_id;
        const Timestamp next = i + 1 < losses.size() ? losses[i + 1]->at : 0;
        if (const auto* back = first_order_between(orders, loss.at, next)) {
            a.record.returned_at = back->placed_at;
            a.record.returned_by = 0;
            for (const auto& e : events)
                if (e.kind == LifecycleEventKind::returned && e.at > loss.at && (next == 0 || e.at < next))
                    a.record.returned_by = e.agent_id;
        } else {
            open = true;
        }
    }
    return open;
}

std::string format_score(double v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

Signal signal(std::string code, util::Message text, Timestamp at) {
    std::string fact = text.english();
    return {std::move(code), std::move(fact), at, std::move(text)};
}

bool contains_any(const std::string& folded, const std::vector<std::string>& words) {
    for (const auto& w : words)
        if (folded.find(util::fold_case(w)) != std::string::npos) return true;
    return false;
}

void order_signals(const std::vector<model::Order>& orders, const config::LifecycleRules& rules,
                   StatusAssessment& a) {
    if (orders.empty()) return;
    const auto& last = orders.back();
    if (a.days_since_order > rules.max_order_gap_days) {
        // Each number with its own counted words: "63 дня назад (допустимый перерыв: 45 дней)".
        util::Message text{N_("last order {1}, "), {util::format_date(util::date_of(last.placed_at))}};
        text.then.push_back(util::Message::counted(NP_("{1} day ago", "{1} days ago"), a.days_since_order,
                                                   {std::to_string(a.days_since_order)}));
        text.then.push_back(util::Message::counted(NP_(" (maximum gap: {1} day)", " (maximum gap: {1} days)"),
                                                   rules.max_order_gap_days, {std::to_string(rules.max_order_gap_days)}));
        a.signals.push_back(signal("no_order_within_gap", std::move(text), last.placed_at));
    }
    const auto n = static_cast<std::size_t>(rules.falling_recent_orders);
    if (orders.size() <= n) return;
    model::Money recent = 0, before = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) (i + n >= orders.size() ? recent : before) += orders[i].amount;
    const double recent_avg = static_cast<double>(recent) / static_cast<double>(n);
    const double before_avg = static_cast<double>(before) / static_cast<double>(orders.size() - n);
    if (before_avg <= 0 || recent_avg > before_avg * (100.0 - rules.falling_drop_percent) / 100.0) return;
    const int drop = static_cast<int>((1.0 - recent_avg / before_avg) * 100.0 + 0.5);
    a.signals.push_back(signal("falling_average",
                               util::Message::counted(NP_("average of the last {1} order {2} against {3} before (-{4}%)",
                                                          "average of the last {1} orders {2} against {3} before (-{4}%)"),
                                                      static_cast<long long>(n),
                                                      {std::to_string(n),
                                                       // the amounts in their own currency, typed so each reader's
                                                       // language writes them ("22 217,10 EUR" in ru and bg)
                                                       util::Message::money(static_cast<model::Money>(recent_avg), last.currency),
                                                       util::Message::money(static_cast<model::Money>(before_avg), last.currency),
                                                       std::to_string(drop)}),
                               last.placed_at));
}

void interaction_signals(const CustomerHistory& h, const config::LifecycleRules& rules, Timestamp now,
                         StatusAssessment& a) {
    const Timestamp since = now - static_cast<Timestamp>(rules.signal_window_days) * day_seconds;
    bool discount = false, manager = false;
    for (const auto& i : h.interactions) {  // newest first on the card; any order works
        if (i.occurred_at > now || i.occurred_at < since) continue;
        const std::string folded = util::fold_case(i.summary);
        const std::vector<std::string> fact{util::format_date(util::date_of(i.occurred_at)), model::to_string(i.channel),
                                            i.summary};
        if (!discount && contains_any(folded, rules.discount_words)) {
            a.signals.push_back(signal("discount_demand", {N_("demanded a discount: {1} {2}: \"{3}\""), fact}, i.occurred_at));
            discount = true;
        }
        if (!manager && contains_any(folded, rules.new_manager_words)) {
            a.signals.push_back(signal("new_manager_demand", {N_("asked for another manager: {1} {2}: \"{3}\""), fact},
                                       i.occurred_at));
            manager = true;
        }
    }
}

/// The customer's latest inbound contact after their last order, within the signal window.
std::string response_since(const CustomerHistory& h, Timestamp last_order, const config::LifecycleRules& rules,
                           Timestamp now) {
    const Timestamp since = std::max(last_order, now - static_cast<Timestamp>(rules.signal_window_days) * day_seconds);
    const model::Interaction* latest = nullptr;
    for (const auto& i : h.interactions)
        if (i.direction == model::Direction::inbound && i.occurred_at > since && i.occurred_at <= now &&
            (!latest || i.occurred_at > latest->occurred_at))
            latest = &i;
    if (!latest) return {};
    return "answered on " + util::format_date(util::date_of(latest->occurred_at)) + " by " +
           model::to_string(latest->channel) + ": \"" + latest->summary + "\"";
}

}  // namespace

int days_between(Timestamp from, Timestamp to) {
    const Timestamp d = to - from;
    return static_cast<int>(d >= 0 ? d / day_seconds : -((-d + day_seconds - 1) / day_seconds));
}

int sleeping_bucket(int days, const config::LifecycleRules& rules) {
    int bucket = 0;
    for (const auto& b : rules.sleeping)
        if (days >= b.days) bucket = b.days;
    return bucket;
}

std::vector<model::Order> orders_until(const std::vector<model::Order>& orders, Timestamp now) {
    std::vector<model::Order> out;
    for (const auto& o : orders)
        if (o.placed_at <= now) out.push_back(o);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.placed_at < b.placed_at; });
    return out;
}

StatusAssessment assess_status(const CustomerHistory& h, const config::RetentionConfig& cfg, Timestamp now,
                               double satisfaction) {
    StatusAssessment a;
    const auto& rules = cfg.lifecycle;
    const auto orders = orders_until(h.orders, now);
    const auto events = events_until(h.events, now);
    if (!orders.empty()) a.days_since_order = days_between(orders.back().placed_at, now);
    order_signals(orders, rules, a);
    interaction_signals(h, rules, now, a);
    if (satisfaction > 0 && satisfaction < cfg.value.satisfaction_warning_below)
        a.signals.push_back(signal("low_satisfaction",
                                   {N_("satisfaction index {1} is under {2}"),
                                    {format_score(satisfaction), format_score(cfg.value.satisfaction_warning_below)}},
                                   now));
    for (const auto& e : events) {
        if (e.kind != LifecycleEventKind::do_not_retain) continue;
        // Final: the employee's side is taken and nothing overrides it (003).
        a.record.status = LifecycleStatus::do_not_retain;
        a.do_not_retain_by = e.agent_id;
        a.do_not_retain_note = e.note;
        replay_losses(events, orders, a);
        return a;
    }
    if (replay_losses(events, orders, a)) {
        a.record.status = a.record.times_lost >= 2 ? LifecycleStatus::lost_twice : LifecycleStatus::lost;
        if (a.days_since_order >= 0) a.sleeping_bucket = sleeping_bucket(a.days_since_order, rules);
        return a;
    }
    if (a.days_since_order >= 0) a.sleeping_bucket = sleeping_bucket(a.days_since_order, rules);
    if (a.record.returned_at != 0) {
        a.sensitive_until = a.record.returned_at + static_cast<Timestamp>(rules.returned_sensitive_days) * day_seconds;
        a.extra_sensitive = now < a.sensitive_until;
    }
    // A returned customer who has gone quiet again is sleeping (and still extra sensitive); the ladder
    // may need to reach them again.
    if (a.sleeping_bucket > 0) {
        a.record.status = LifecycleStatus::sleeping;
        a.responding = response_since(h, orders.back().placed_at, rules, now);
    } else if (a.extra_sensitive) a.record.status = LifecycleStatus::returned;
    else if (!a.signals.empty()) a.record.status = LifecycleStatus::at_risk;
    else a.record.status = LifecycleStatus::active;
    return a;
}

}  // namespace kartoteka::retention
