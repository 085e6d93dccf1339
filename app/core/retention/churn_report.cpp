#include "retention/churn_report.h"

#include <cmath>

#include "error.h"
#include "retention/customer_value.h"
#include "retention/lifecycle_rules.h"

namespace kartoteka::retention {
namespace {

using model::LifecycleStatus;
using model::Timestamp;

bool a_customer_at(const CustomerHistory& h, Timestamp t, const config::RetentionConfig& cfg) {
    if (h.customer.created_at >= t) return false;
    const auto s = assess_status(h, cfg, t - 1).record.status;
    return s != LifecycleStatus::lost && s != LifecycleStatus::lost_twice && s != LifecycleStatus::do_not_retain;
}

/// The first loss recorded in [from, to), or nullptr.
const model::LifecycleEvent* loss_in(const CustomerHistory& h, Timestamp from, Timestamp to) {
    const model::LifecycleEvent* first = nullptr;
    for (const auto& e : h.events)
        if (e.kind == model::LifecycleEventKind::lost && e.at >= from && e.at < to && (!first || e.at < first->at))
            first = &e;
    return first;
}

struct LostFigures {
    model::Money bill_sum = 0;
    long long bills = 0;
    long long payments = 0;
    model::Money value = 0;
};

void add_lost(const CustomerHistory& h, Timestamp lost_at, Timestamp period, const config::RetentionConfig& cfg,
              LostFigures& f) {
    for (const auto& o : h.orders) {
        if (o.placed_at > lost_at) continue;
        f.bill_sum += o.amount;
        ++f.bills;
        if (o.placed_at >= lost_at - period) ++f.payments;
    }
    const auto status = assess_status(h, cfg, lost_at);
    f.value += assess_value(h, status, cfg, lost_at).lifetime_value;
}

void add_returned(const CustomerHistory& h, Timestamp from, Timestamp to, const config::RetentionConfig& cfg,
                  ChurnReport& r) {
    const auto status = assess_status(h, cfg, to - 1);
    const Timestamp back = status.record.returned_at;
    if (back < from || back >= to) return;
    for (const auto& o : h.orders) {
        if (o.placed_at != back) continue;
        r.returned.push_back({h.customer.id, h.customer.display_name(), status.record.lost_at, back, o.amount});
        r.returned_first_orders += o.amount;
        return;
    }
}

}  // namespace

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

ChurnReport churn_report(const std::vector<CustomerHistory>& customers, Timestamp from, Timestamp to,
                         const config::RetentionConfig& cfg) {
    if (to <= from) throw Error(ErrorKind::invalid, "the churn period must end after it starts");
    ChurnReport r;
    r.from = from;
    r.to = to;
    LostFigures f;
    for (const auto& h : customers) {
        if (a_customer_at(h, from, cfg)) ++r.at_start;
        if (const auto* loss = loss_in(h, from, to)) {
            ++r.lost;
            add_lost(h, loss->at, to - from, cfg, f);
        }
        add_returned(h, from, to, cfg, r);
    }
    r.count_churn_percent = count_churn_percent(r.lost, r.at_start);
    r.annualized_percent = annualized_percent(r.count_churn_percent, from, to);
    r.verdict = churn_verdict(r.annualized_percent, cfg.churn);
    if (r.lost > 0) {
        r.average_bill = f.bills ? f.bill_sum / f.bills : 0;
        r.payments_per_period = static_cast<double>(f.payments) / static_cast<double>(r.lost);
        r.average_lifetime_value = f.value / r.lost;
    }
    r.money_churn = money_churn(r.lost, r.average_bill, r.payments_per_period);
    r.value_lost = f.value;
    return r;
}

}  // namespace kartoteka::retention
