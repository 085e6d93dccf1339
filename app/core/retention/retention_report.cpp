#include "retention/retention_report.h"

#include <date/date.h>

#include <algorithm>
#include <limits>
#include <set>
#include <span>
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
/// loss, lost at the first of them (`first`); `last` is the record the return's order follows.
struct Return {
    const LossFact* first = nullptr;
    const LossFact* last = nullptr;
    Timestamp lost_at() const { return first->at; }
    Timestamp back() const { return last->back; }
};

void returns_of(std::span<const LossFact* const> losses, std::vector<Return>& out) {
    out.clear();
    std::size_t run_start = 0;
    // A loss ends with an order placed before the next loss record (as replay_losses reads them).
    auto ended = [&](std::size_t k) { return losses[k]->back != 0 && (k + 1 == losses.size() || losses[k]->back < losses[k + 1]->at); };
    for (std::size_t i = 0; i < losses.size(); ++i) {
        if (i == 0 || ended(i - 1)) run_start = i;
        const bool last_of_run = i + 1 == losses.size() || ended(i);
        if (last_of_run && losses[i]->back != 0) out.push_back({losses[run_start], losses[i]});
    }
}

/// One customer's losses (in time order) and refusal, as the facts tell them.
struct Customer {
    Id id = 0;
    const std::string* currency = nullptr;
    Timestamp refused_at = 0;  ///< 0: never
    std::span<const LossFact* const> losses;
};

/// Every customer of the facts, in id order (`losses` is the storage their spans point into). A
/// million-customer year has a few hundred thousand losses: sorted once, no tree of customers.
std::vector<Customer> customers_of(const RetentionFacts& facts, const std::string& centre,
                                   std::vector<const LossFact*>& losses) {
    auto cur = [&](const std::string& c) { return c.empty() ? &centre : &c; };
    losses.clear();
    losses.reserve(facts.losses.size());
    for (const auto& l : facts.losses) losses.push_back(&l);
    std::stable_sort(losses.begin(), losses.end(), [](auto* a, auto* b) {
        return a->customer_id != b->customer_id ? a->customer_id < b->customer_id : a->at < b->at;
    });
    std::vector<const RefusalFact*> refusals;
    for (const auto& r : facts.refusals) refusals.push_back(&r);
    std::sort(refusals.begin(), refusals.end(), [](auto* a, auto* b) { return a->customer_id < b->customer_id; });
    std::vector<Customer> out;
    out.reserve(losses.size() + refusals.size());
    std::size_t i = 0, k = 0;
    while (i < losses.size() || k < refusals.size()) {
        const Id id = i < losses.size() && (k == refusals.size() || losses[i]->customer_id <= refusals[k]->customer_id)
                          ? losses[i]->customer_id : refusals[k]->customer_id;
        Customer c;
        c.id = id;
        const std::size_t first = i;
        for (; i < losses.size() && losses[i]->customer_id == id; ++i) c.currency = cur(losses[i]->currency);
        c.losses = std::span<const LossFact* const>(losses.data() + first, i - first);
        for (; k < refusals.size() && refusals[k]->customer_id == id; ++k) {
            c.currency = cur(refusals[k]->currency);
            if (c.refused_at == 0 || refusals[k]->at < c.refused_at) c.refused_at = refusals[k]->at;
        }
        out.push_back(c);
    }
    return out;
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

/// The figures of the order and complaint windows: from the stored figures of a loss when they can
/// tell, otherwise from the windows the store counted. The planning pass (`want_*` set) runs the same
/// arithmetic and writes down each window it had to ask for.
struct Answers {
    const WindowMap* orders = nullptr;
    const WindowMap* complaints = nullptr;
    std::set<WindowKey>* want_orders = nullptr;
    std::set<WindowKey>* want_complaints = nullptr;
    Timestamp year = 0;

    OrderWindow counted(const WindowMap* m, std::set<WindowKey>* want, Id id, Timestamp from, Timestamp to) const {
        if (want) want->insert({id, from, to});
        const auto it = m ? m->find({id, from, to}) : WindowMap::const_iterator{};
        return m && it != m->end() ? *it->second : OrderWindow{id, from, to, 0, 0, 0};
    }
    OrderWindow order_window(Id id, Timestamp from, Timestamp to) const { return counted(orders, want_orders, id, from, to); }
    bool year_stored() const { return year == stored_year; }

    /// Orders up to the loss, all history.
    OrderWindow before(const LossFact& l) const {
        if (l.one_currency) return {l.customer_id, all_history, l.at, l.orders_before, l.amount_before, l.first_before};
        return order_window(l.customer_id, all_history, l.at);
    }
    /// Orders in the `len` up to the loss: the payments per period.
    long long payments(const LossFact& l, Timestamp len) const {
        if (!l.one_currency || len > recent_span) return order_window(l.customer_id, l.at - len, l.at).orders;
        return static_cast<long long>(l.recent.end() - std::lower_bound(l.recent.begin(), l.recent.end(), l.at - len));
    }
    Money first_order(const Return& r) const {
        if (r.last->one_currency) return r.last->first_amount;
        return order_window(r.last->customer_id, r.back(), r.back()).amount;
    }
    Money year_before(const Return& r) const {
        if (r.first->one_currency && year_stored()) return r.first->year_before;
        return order_window(r.first->customer_id, r.lost_at() - year, r.lost_at()).amount;
    }
    Money year_after(const Return& r) const {
        if (r.last->one_currency && year_stored()) return r.last->year_after;
        return order_window(r.last->customer_id, r.back(), r.back() + year - 1).amount;
    }
    long long complained(const Return& r) const {
        if (year_stored()) return r.last->complaints;
        return counted(complaints, want_complaints, r.last->customer_id, r.back(), r.back() + year - 1).orders;
    }
};

/// What the lost customers of one period add up to.
struct LostSums {
    Money bill_sum = 0, value = 0;
    long long bills = 0, payments = 0;
};

void add_lost(const Answers& a, const LossFact& l, Timestamp period_length, const config::RetentionConfig& cfg,
              LostSums& s) {
    const auto before = a.before(l);
    s.bill_sum += before.amount;
    s.bills += before.orders;
    s.payments += a.payments(l, period_length);
    if (before.orders == 0) return;
    // The same arithmetic as assess_value at the loss: over the customer's span, at least min_history_days.
    const double span = std::max<double>(cfg.value.min_history_days, days_between(before.first_at, l.at));
    const double per_year = static_cast<double>(before.orders) / (span / 365.0);
    s.value += lifetime_value(cfg.value.expected_years, per_year, before.amount / before.orders);
}

void add_return(const Answers& a, const Return& r, Timestamp now, WinbackResults& w) {
    ++w.returned;
    w.first_orders += a.first_order(r);
    const Money before = a.year_before(r);
    const Money after = a.year_after(r);
    const bool year_over = r.back() + a.year <= now;
    if (after >= before) ++w.volume_back;
    else if (!year_over) ++w.volume_pending;
    if (a.complained(r) > 0) ++w.complained;
    else if (year_over) ++w.clean_year;
    else ++w.clean_pending;
}

/// One currency's periods and whole range as they are summed: the periods' starts (ascending), the
/// customers each start leaves out (lost or refused then), the lost customers' sums.
struct Tally {
    std::vector<Timestamp> starts;
    Timestamp end = 0;
    std::vector<PeriodFigures> periods;
    std::vector<long long> excluded_diff;  ///< difference array over the period indices
    std::vector<LostSums> sums;
    PeriodFigures total;
    long long total_excluded = 0;
    LostSums total_sums;
    std::map<std::string, long long> reasons;
    std::vector<std::pair<Timestamp, Timestamp>> spans;  ///< scratch, one customer's at a time
    std::vector<Return> returns;                         ///< scratch
    std::vector<ReturnedCustomer> returned;

    /// The index of the period holding `t`, or -1 outside the range.
    long index_of(Timestamp t) const {
        if (t < starts.front() || t >= end) return -1;
        return static_cast<long>(std::upper_bound(starts.begin(), starts.end(), t) - starts.begin()) - 1;
    }
    Timestamp length(long i) const {
        return (static_cast<std::size_t>(i) + 1 < starts.size() ? starts[static_cast<std::size_t>(i) + 1] : end) -
               starts[static_cast<std::size_t>(i)];
    }
};

/// Out of the count at each period start where the customer is lost or refused then (as the churn
/// report reads "the status just before t": a loss at `at` leaves out the starts in (at, back], a
/// refusal every start after it). The customer's spans are merged so a start is left out once.
void add_excluded(const Customer& c, Tally& t) {
    constexpr Timestamp never = std::numeric_limits<Timestamp>::max();
    auto& spans = t.spans;  // (a, b]
    spans.clear();
    for (const auto* l : c.losses) spans.push_back({l->at, l->back == 0 ? never : l->back});
    if (c.refused_at != 0) spans.push_back({c.refused_at, never});
    std::sort(spans.begin(), spans.end());
    auto apply = [&](Timestamp a, Timestamp b) {
        const auto lo = std::upper_bound(t.starts.begin(), t.starts.end(), a) - t.starts.begin();
        const auto hi = std::upper_bound(t.starts.begin(), t.starts.end(), b) - t.starts.begin();
        t.excluded_diff[static_cast<std::size_t>(lo)] += 1;
        t.excluded_diff[static_cast<std::size_t>(hi)] -= 1;
        if (a < t.starts.front() && t.starts.front() <= b) ++t.total_excluded;
    };
    for (std::size_t i = 0; i < spans.size();) {
        auto [a, b] = spans[i];
        for (++i; i < spans.size() && spans[i].first <= b; ++i) b = std::max(b, spans[i].second);
        apply(a, b);
    }
}

/// One customer's part: out of the start counts, lost (the first loss in each period and in the
/// range), returned.
void add_customer(const Answers& a, const Customer& c, Timestamp now, const config::RetentionConfig& cfg, Tally& t) {
    add_excluded(c, t);
    long last_index = -1;
    bool first_in_range = true;
    for (const auto* l : c.losses) {
        const long i = t.index_of(l->at);
        if (i < 0) continue;
        if (first_in_range) {
            first_in_range = false;
            ++t.total.lost;
            add_lost(a, *l, t.end - t.starts.front(), cfg, t.total_sums);
            ++t.reasons[l->reason];
        }
        if (i == last_index) continue;
        last_index = i;
        ++t.periods[static_cast<std::size_t>(i)].lost;
        add_lost(a, *l, t.length(i), cfg, t.sums[static_cast<std::size_t>(i)]);
    }
    returns_of(c.losses, t.returns);
    for (const auto& r : t.returns) {
        const long i = t.index_of(r.back());
        if (i < 0) continue;
        add_return(a, r, now, t.periods[static_cast<std::size_t>(i)].winback);
        add_return(a, r, now, t.total.winback);
        t.returned.push_back({c.id, "", r.lost_at(), r.back(), a.first_order(r)});
    }
}

void finish(PeriodFigures& f, const LostSums& sums, const config::RetentionConfig& cfg) {
    f.count_churn_percent = count_churn_percent(f.lost, f.at_start);
    f.annualized_percent = annualized_percent(f.count_churn_percent, f.period.from, f.period.to);
    f.verdict = churn_verdict(f.annualized_percent, cfg.churn);
    if (f.lost > 0) {
        f.average_bill = sums.bills ? sums.bill_sum / sums.bills : 0;
        f.payments_per_period = static_cast<double>(sums.payments) / static_cast<double>(f.lost);
    }
    f.money_churn = money_churn(f.lost, f.average_bill, f.payments_per_period);
    f.value_lost = sums.value;
}

Tally tally_of(const std::vector<Period>& periods) {
    Tally t;
    for (const auto& p : periods) t.starts.push_back(p.from);
    t.end = periods.back().to;
    t.periods.resize(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i) t.periods[i].period = periods[i];
    t.excluded_diff.assign(periods.size() + 1, 0);
    t.sums.resize(periods.size());
    t.total.period = {periods.front().from, periods.back().to, periods.front().first_day};
    return t;
}

/// Every customer of the facts through the arithmetic, one tally per currency.
std::map<std::string, Tally> tally_all(const std::vector<Customer>& customers, const std::vector<Period>& periods,
                                       const Answers& a, Timestamp now, const config::RetentionConfig& cfg) {
    std::map<std::string, Tally> out;
    Tally* last = nullptr;
    const std::string* last_currency = nullptr;
    for (const auto& c : customers) {
        if (!last || *c.currency != *last_currency) {
            auto it = out.find(*c.currency);
            if (it == out.end()) it = out.emplace(*c.currency, tally_of(periods)).first;
            last = &it->second;
            last_currency = c.currency;
        }
        add_customer(a, c, now, cfg, *last);
    }
    return out;
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

/// The windows the stored figures cannot answer: the arithmetic run once, writing down what it asks.

std::vector<OrderWindow> windows_of(const std::set<WindowKey>& keys) {
    std::vector<OrderWindow> out;
    for (const auto& [id, from, to] : keys) out.push_back({id, from, to, 0, 0, 0});
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

NeededWindows windows_needed(const RetentionFacts& facts, const std::vector<Period>& periods,
                             const config::RetentionConfig& cfg) {
    if (periods.empty()) return {};
    std::set<WindowKey> orders, complaints;
    Answers a;
    a.want_orders = &orders;
    a.want_complaints = &complaints;
    a.year = year_of(cfg);
    std::vector<const LossFact*> losses;
    tally_all(customers_of(facts, "", losses), periods, a, 0, cfg);
    return {windows_of(orders), windows_of(complaints)};
}

RetentionReport assemble_report(const RetentionFacts& facts, const std::vector<Period>& periods,
                                const std::vector<OrderWindow>& orders, const std::vector<OrderWindow>& complaints,
                                const std::string& centre_currency, Timestamp now, const config::RetentionConfig& cfg) {
    if (periods.empty()) throw Error(ErrorKind::invalid, "the report needs at least one period");
    RetentionReport r;
    r.from = periods.front().from;
    r.to = periods.back().to;
    r.now = now;
    const auto order_index = index_of(orders), complaint_index = index_of(complaints);
    Answers a;
    a.orders = &order_index;
    a.complaints = &complaint_index;
    a.year = year_of(cfg);
    std::vector<const LossFact*> losses;
    auto tallies = tally_all(customers_of(facts, centre_currency, losses), periods, a, now, cfg);
    for (const auto& currency : currencies_of(facts, centre_currency)) {
        auto it = tallies.find(currency);
        if (it == tallies.end()) it = tallies.emplace(currency, tally_of(periods)).first;
        Tally& t = it->second;
        CurrencyReport cr;
        cr.currency = currency;
        long long excluded = 0;
        for (std::size_t i = 0; i < periods.size(); ++i) {
            excluded += t.excluded_diff[i];
            auto& f = t.periods[i];
            f.at_start = created_before(facts, currency, centre_currency, periods[i].from) - excluded;
            finish(f, t.sums[i], cfg);
            cr.periods.push_back(f);
        }
        cr.total = t.total;
        cr.total.at_start = created_before(facts, currency, centre_currency, r.from) - t.total_excluded;
        finish(cr.total, t.total_sums, cfg);
        cr.lost_by_reason = t.reasons;
        cr.returned = std::move(t.returned);
        for (const auto& b : cfg.lifecycle.sleeping) cr.sleeping[b.days] = 0;
        for (const auto& s : facts.sleeping)
            if ((s.currency.empty() ? centre_currency : s.currency) == currency) cr.sleeping[s.bucket] += s.count;
        r.currencies.push_back(std::move(cr));
    }
    return r;
}

}  // namespace kartoteka::retention
