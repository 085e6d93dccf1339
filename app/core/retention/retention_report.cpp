#include "retention/retention_report.h"

#include <date/date.h>

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

#include "error.h"
#include "retention/churn_report.h"
#include "retention/contact_policy.h"
#include "retention/customer_value.h"
#include "retention/lifecycle_rules.h"

namespace kartoteka::retention {
namespace {

using model::Id;
using model::Money;
using model::Timestamp;
constexpr Timestamp day_seconds = 86400;
constexpr Timestamp all_history = std::numeric_limits<Timestamp>::min() / 2;

model::Date next_boundary(model::Date d, Granularity g) {
    if (g == Granularity::week) {
        const int weekday = static_cast<int>(((d + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; Monday = 0
        return d + (7 - weekday);
    }
    const date::year_month_day ymd{date::sys_days{date::days{d}}};
    const date::year_month next = date::year_month{ymd.year(), ymd.month()} + date::months{1};
    return static_cast<model::Date>(date::sys_days{next / date::day{1}}.time_since_epoch().count());
}

/// A return: the first order after a loss. Several records of one loss (no order between them) are one
/// loss, lost at the first of them.
struct Return {
    Timestamp lost_at = 0, back = 0;
};

std::vector<Return> returns_of(const std::vector<const LossFact*>& losses) {
    std::vector<Return> out;
    Timestamp run_start = 0;
    for (std::size_t i = 0; i < losses.size(); ++i) {
        const auto* l = losses[i];
        // A loss ends with an order placed before the next loss record (as replay_losses reads them).
        auto ended = [&](std::size_t k) { return losses[k]->back != 0 && (k + 1 == losses.size() || losses[k]->back < losses[k + 1]->at); };
        if (i == 0 || ended(i - 1)) run_start = l->at;
        const bool last_of_run = i + 1 == losses.size() || ended(i);
        if (last_of_run && l->back != 0) out.push_back({run_start, l->back});
    }
    return out;
}

/// One customer's losses (in time order) and refusal, as the facts tell them.
struct Customer {
    std::string currency;
    Timestamp refused_at = 0;  ///< 0: never
    std::vector<const LossFact*> losses;
    std::vector<Return> returns;
};

std::map<Id, Customer> customers_of(const RetentionFacts& facts, const std::string& centre) {
    std::map<Id, Customer> out;
    auto cur = [&](const std::string& c) { return c.empty() ? centre : c; };
    for (const auto& l : facts.losses) {
        auto& c = out[l.customer_id];
        c.currency = cur(l.currency);
        c.losses.push_back(&l);
    }
    for (const auto& r : facts.refusals) {
        auto& c = out[r.customer_id];
        c.currency = cur(r.currency);
        if (c.refused_at == 0 || r.at < c.refused_at) c.refused_at = r.at;
    }
    for (auto& [id, c] : out) {
        std::stable_sort(c.losses.begin(), c.losses.end(), [](auto* a, auto* b) { return a->at < b->at; });
        c.returns = returns_of(c.losses);
    }
    return out;
}

/// Lost or refused at the start of `t` (as the churn report reads "the status just before t").
bool excluded_at(const Customer& c, Timestamp t) {
    if (c.refused_at != 0 && c.refused_at < t) return true;
    for (const auto* l : c.losses)
        if (l->at < t && (l->back == 0 || l->back >= t)) return true;
    return false;
}

/// The customer's first loss in [from, to), or nullptr.
const LossFact* loss_in(const Customer& c, Timestamp from, Timestamp to) {
    for (const auto* l : c.losses)
        if (l->at >= from && l->at < to) return l;
    return nullptr;
}

Timestamp year_of(const config::RetentionConfig& cfg) {
    return static_cast<Timestamp>(cfg.lifecycle.returned_sensitive_days) * day_seconds;
}

using WindowKey = std::tuple<Id, Timestamp, Timestamp>;
using WindowMap = std::map<WindowKey, const OrderWindow*>;

WindowMap index_of(const std::vector<OrderWindow>& windows) {
    WindowMap m;
    for (const auto& w : windows) m[{w.customer_id, w.from, w.to}] = &w;
    return m;
}

OrderWindow answer(const WindowMap& m, Id customer, Timestamp from, Timestamp to) {
    auto it = m.find({customer, from, to});
    return it == m.end() ? OrderWindow{customer, from, to, 0, 0, 0} : *it->second;
}

/// Each window a loss or return in [from, to) needs, with the payments window `period` long.
void loss_windows(const Customer& c, Id id, const Period& p, const config::RetentionConfig& cfg,
                  std::set<WindowKey>& out) {
    if (const auto* l = loss_in(c, p.from, p.to)) {
        out.insert({id, all_history, l->at});
        out.insert({id, l->at - (p.to - p.from), l->at});
    }
    for (const auto& r : c.returns) {
        if (r.back < p.from || r.back >= p.to) continue;
        out.insert({id, r.back, r.back});
        out.insert({id, r.lost_at - year_of(cfg), r.lost_at});
        out.insert({id, r.back, r.back + year_of(cfg) - 1});
    }
}

/// What the lost customers of one period add up to.
struct LostSums {
    Money bill_sum = 0, value = 0;
    long long bills = 0, payments = 0;
};

void add_lost(Id id, const LossFact& l, const Period& p, const WindowMap& orders,
              const config::RetentionConfig& cfg, LostSums& s) {
    const auto before = answer(orders, id, all_history, l.at);
    s.bill_sum += before.amount;
    s.bills += before.orders;
    s.payments += answer(orders, id, l.at - (p.to - p.from), l.at).orders;
    if (before.orders == 0) return;
    // The same arithmetic as assess_value at the loss: over the customer's span, at least min_history_days.
    const double span = std::max<double>(cfg.value.min_history_days, days_between(before.first_at, l.at));
    const double per_year = static_cast<double>(before.orders) / (span / 365.0);
    s.value += lifetime_value(cfg.value.expected_years, per_year, before.amount / before.orders);
}

void add_return(Id id, const Return& r, const WindowMap& orders, const WindowMap& complaints, Timestamp now,
                const config::RetentionConfig& cfg, WinbackResults& w) {
    const Timestamp year = year_of(cfg);
    ++w.returned;
    w.first_orders += answer(orders, id, r.back, r.back).amount;
    const Money before = answer(orders, id, r.lost_at - year, r.lost_at).amount;
    const Money after = answer(orders, id, r.back, r.back + year - 1).amount;
    const bool year_over = r.back + year <= now;
    if (after >= before) ++w.volume_back;
    else if (!year_over) ++w.volume_pending;
    if (answer(complaints, id, r.back, r.back + year - 1).orders > 0) ++w.complained;
    else if (year_over) ++w.clean_year;
    else ++w.clean_pending;
}

using ByCurrency = std::map<std::string, std::vector<std::pair<Id, const Customer*>>>;

struct Inputs {
    const ByCurrency& customers;
    const WindowMap& orders;
    const WindowMap& complaints;
    Timestamp now;
    const config::RetentionConfig& cfg;
};

/// One customer's part in one period: out of the start count, lost, returned.
void add_customer(const Inputs& in, model::Id id, const Customer& c, const Period& p, PeriodFigures& f, LostSums& sums,
                  std::map<std::string, long long>* reasons) {
    if (excluded_at(c, p.from)) --f.at_start;
    if (const auto* l = loss_in(c, p.from, p.to)) {
        ++f.lost;
        add_lost(id, *l, p, in.orders, in.cfg, sums);
        if (reasons) ++(*reasons)[l->reason];
    }
    for (const auto& r : c.returns)
        if (r.back >= p.from && r.back < p.to) add_return(id, r, in.orders, in.complaints, in.now, in.cfg, f.winback);
}

PeriodFigures figures_for(const Inputs& in, const std::string& currency, const Period& p, long long created_before,
                          std::map<std::string, long long>* reasons) {
    PeriodFigures f;
    f.period = p;
    f.at_start = created_before;
    LostSums sums;
    if (const auto it = in.customers.find(currency); it != in.customers.end())
        for (const auto& [id, c] : it->second) add_customer(in, id, *c, p, f, sums, reasons);
    f.count_churn_percent = count_churn_percent(f.lost, f.at_start);
    f.annualized_percent = annualized_percent(f.count_churn_percent, p.from, p.to);
    f.verdict = churn_verdict(f.annualized_percent, in.cfg.churn);
    if (f.lost > 0) {
        f.average_bill = sums.bills ? sums.bill_sum / sums.bills : 0;
        f.payments_per_period = static_cast<double>(sums.payments) / static_cast<double>(f.lost);
    }
    f.money_churn = money_churn(f.lost, f.average_bill, f.payments_per_period);
    f.value_lost = sums.value;
    return f;
}

/// Customers created before `t`, per currency.
long long created_before(const RetentionFacts& facts, const std::string& currency, const std::string& centre,
                         Timestamp t) {
    long long n = 0;
    for (const auto& c : facts.created)
        if ((c.currency.empty() ? centre : c.currency) == currency && (c.before || c.slot < t)) n += c.count;
    return n;
}

std::vector<std::string> currencies_of(const RetentionFacts& facts, const std::string& centre) {
    std::set<std::string> seen;
    auto add = [&](const std::string& c) { seen.insert(c.empty() ? centre : c); };
    for (const auto& c : facts.created) add(c.currency);
    for (const auto& l : facts.losses) add(l.currency);
    for (const auto& s : facts.sleeping) add(s.currency);
    std::vector<std::string> out{centre};
    for (const auto& c : seen)
        if (c != centre) out.push_back(c);
    return out;
}

}  // namespace

Granularity parse_granularity(const std::string& text) {
    if (text == "week") return Granularity::week;
    if (text == "month") return Granularity::month;
    throw Error(ErrorKind::invalid, "the period must be week or month, not \"" + text + "\"");
}

const char* to_string(Granularity g) { return g == Granularity::week ? "week" : "month"; }

std::vector<Period> cut_periods(model::Date first, model::Date last, Granularity g, const std::string& timezone) {
    if (last <= first) throw Error(ErrorKind::invalid, "the range's end must be after its start");
    std::vector<Period> out;
    for (model::Date d = first; d < last;) {
        const model::Date next = std::min(next_boundary(d, g), last);
        out.push_back({utc_of({d, 0}, timezone), utc_of({next, 0}, timezone), d});
        d = next;
    }
    return out;
}

std::vector<OrderWindow> windows_needed(const RetentionFacts& facts, const std::vector<Period>& periods,
                                        const config::RetentionConfig& cfg) {
    std::set<WindowKey> keys;
    if (periods.empty()) return {};
    const Period whole{periods.front().from, periods.back().to, periods.front().first_day};
    for (const auto& [id, c] : customers_of(facts, "")) {
        for (const auto& p : periods) loss_windows(c, id, p, cfg, keys);
        loss_windows(c, id, whole, cfg, keys);
    }
    std::vector<OrderWindow> out;
    for (const auto& [id, from, to] : keys) out.push_back({id, from, to, 0, 0, 0});
    return out;
}

std::vector<OrderWindow> complaint_windows(const RetentionFacts& facts, Timestamp from, Timestamp to,
                                           const config::RetentionConfig& cfg) {
    std::vector<OrderWindow> out;
    for (const auto& [id, c] : customers_of(facts, ""))
        for (const auto& r : c.returns)
            if (r.back >= from && r.back < to) out.push_back({id, r.back, r.back + year_of(cfg) - 1, 0, 0, 0});
    return out;
}

RetentionReport assemble_report(const RetentionFacts& facts, const std::vector<Period>& periods,
                                const std::vector<OrderWindow>& orders, const std::vector<OrderWindow>& complaints,
                                const std::string& centre_currency, Timestamp now, const config::RetentionConfig& cfg) {
    if (periods.empty()) throw Error(ErrorKind::invalid, "the report needs at least one period");
    RetentionReport r;
    r.from = periods.front().from;
    r.to = periods.back().to;
    r.now = now;
    const auto customers = customers_of(facts, centre_currency);
    ByCurrency by_currency;
    for (const auto& [id, c] : customers) by_currency[c.currency].push_back({id, &c});
    const auto order_index = index_of(orders), complaint_index = index_of(complaints);
    const Inputs in{by_currency, order_index, complaint_index, now, cfg};
    const Period whole{r.from, r.to, periods.front().first_day};
    for (const auto& currency : currencies_of(facts, centre_currency)) {
        CurrencyReport cr;
        cr.currency = currency;
        for (const auto& p : periods)
            cr.periods.push_back(figures_for(in, currency, p, created_before(facts, currency, centre_currency, p.from),
                                             nullptr));
        cr.total = figures_for(in, currency, whole, created_before(facts, currency, centre_currency, r.from),
                               &cr.lost_by_reason);
        for (const auto& b : cfg.lifecycle.sleeping) cr.sleeping[b.days] = 0;
        for (const auto& s : facts.sleeping)
            if ((s.currency.empty() ? centre_currency : s.currency) == currency) cr.sleeping[s.bucket] += s.count;
        r.currencies.push_back(std::move(cr));
    }
    return r;
}

}  // namespace kartoteka::retention
