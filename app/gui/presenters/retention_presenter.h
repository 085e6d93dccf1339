#pragma once
/// The supervisor's retention page (issue 19) without a window: the report as one table with a block
/// of rows per currency (its periods, then its total), and the plots' numbers, in the UI language
/// (decimal comma in Russian and Bulgarian). Money is never added across currencies.
#include <string>
#include <vector>

#include "presenters/card_presenter.h"
#include "retention/retention_report.h"

namespace kartoteka::gui {

/// One bar of a plot: its label, value and the text written on it.
struct Bar {
    std::string label;
    double value = 0;
    std::string text;
};

/// What the page's plots draw for one currency.
struct RetentionPlots {
    std::string currency;
    std::vector<Bar> lost;        ///< customers lost per period
    std::vector<Bar> churn;       ///< count churn % per period
    std::vector<Bar> reasons;     ///< losses by reason over the range, most first
    std::vector<Bar> sleeping;    ///< sleeping customers now by bucket
};

struct RetentionView {
    Table table;
    std::vector<RetentionPlots> plots;  ///< one per currency, in the table's order
    /// "RUB 2026-10-01 1000 200 20,00 % 2 400 000,00": one line per currency and period, for --trace.
    std::vector<std::string> trace;
};

class RetentionPresenter {
public:
    RetentionPresenter(Translate tr, char decimal) : m_tr(std::move(tr)), m_decimal(decimal) {}
    RetentionView present(const retention::RetentionReport& r) const;
    /// "20,00 %" / "20.00%": a percentage as the UI language writes it.
    std::string percent(double v) const;

private:
    std::vector<std::string> row_cells(const std::string& currency, const std::string& period,
                                       const retention::PeriodFigures& f) const;
    RetentionPlots plots_of(const retention::CurrencyReport& c, retention::Granularity g) const;
    std::string tr(const char* s) const { return m_tr ? m_tr(s) : std::string(s); }

    Translate m_tr;
    char m_decimal = '.';
};

}  // namespace kartoteka::gui
