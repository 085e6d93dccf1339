#include "presenters/retention_presenter.h"

#include <algorithm>
#include <cstdio>

#include "util/time.h"

namespace kartoteka::gui {
namespace {

std::string period_label(const retention::Period& p, retention::Granularity g) {
    const std::string day = util::format_date(p.first_day);
    return g == retention::Granularity::month ? day.substr(0, 7) : day;
}

std::string count(long long n) { return CardPresenter::group_thousands(n); }

}  // namespace

std::string RetentionPresenter::percent(double v) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    if (m_decimal != '.') std::replace(s.begin(), s.end(), '.', m_decimal);
    // Russian and Bulgarian put a (no-break) space before the sign; English does not.
    return s + (m_decimal == '.' ? "%" : "\u00A0%");
}

std::vector<std::string> RetentionPresenter::row_cells(const std::string& currency, const std::string& period,
                                                       const retention::PeriodFigures& f) const {
    const auto& w = f.winback;
    auto money = [&](model::Money m) { return CardPresenter::money(m, m_decimal); };
    // "2 (+1)": reached, and still possible while the year after the return is not over.
    auto pending = [](std::string text, long long n) {
        if (n) text.append(" (+").append(count(n)).append(")");
        return text;
    };
    std::string clean = count(w.clean_year);
    clean.append(" / ").append(count(w.complained));
    return {currency, period, count(f.at_start), count(f.lost), percent(f.count_churn_percent), money(f.money_churn),
            money(f.value_lost), count(w.returned), money(w.first_orders), pending(count(w.volume_back), w.volume_pending),
            pending(clean, w.clean_pending)};
}

RetentionPlots RetentionPresenter::plots_of(const retention::CurrencyReport& c, retention::Granularity g) const {
    RetentionPlots p;
    p.currency = c.currency;
    for (const auto& f : c.periods) {
        const std::string label = period_label(f.period, g);
        p.lost.push_back({label, static_cast<double>(f.lost), count(f.lost)});
        p.churn.push_back({label, f.count_churn_percent, percent(f.count_churn_percent)});
    }
    for (const auto& [reason, n] : c.lost_by_reason) p.reasons.push_back({loss_reason(m_tr, reason), static_cast<double>(n), count(n)});
    std::stable_sort(p.reasons.begin(), p.reasons.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
    for (const auto& [days, n] : c.sleeping)
        p.sleeping.push_back({std::to_string(days) + "+ " + tr("days"), static_cast<double>(n), count(n)});
    return p;
}

RetentionView RetentionPresenter::present(const retention::RetentionReport& r) const {
    RetentionView v;
    v.table.columns = {tr("Currency"), tr("Period"), tr("At start"), tr("Lost in period"), tr("Count churn"), tr("Money churn"),
                       tr("Value lost"), tr("Returned"), tr("First orders"), tr("Volume back"), tr("Clean year / complained")};
    for (const auto& c : r.currencies) {
        for (const auto& f : c.periods) {
            Row row;
            row.cells = row_cells(c.currency, period_label(f.period, r.granularity), f);
            if (f.verdict == "needs_action" && f.lost > 0) row.tone = Tone::warning;
            v.table.rows.push_back(std::move(row));
            v.trace.push_back(c.currency + " " + util::format_date(f.period.first_day) + " " +
                              std::to_string(f.at_start) + " " + std::to_string(f.lost) + " " +
                              percent(f.count_churn_percent) + " " + CardPresenter::money(f.money_churn, m_decimal));
        }
        Row total;
        total.cells = row_cells(c.currency, tr("Whole range"), c.total);
        total.id = 1;  // the panel writes the totals in bold
        v.table.rows.push_back(std::move(total));
        v.plots.push_back(plots_of(c, r.granularity));
    }
    if (!r.currencies.empty() && !r.currencies.front().periods.empty()) {
        const auto& periods = r.currencies.front().periods;
        v.table.caption = period_label(periods.front().period, r.granularity) + " .. " +
                          period_label(periods.back().period, r.granularity) + ", " +
                          tr("periods") + ": " +
                          std::to_string(periods.size());
    }
    return v;
}

}  // namespace kartoteka::gui
