// kartoteka-cli report retention: the supervisor's retention report (issue 19) at the command line,
// as a table per currency, JSON or the CSV the window exports.
// GCC 12 reads std::string::insert inlined from format_money here as an overlapping copy (a known false
// -Wrestrict of that release); the pragma must come before <string> is first included.
#pragma GCC diagnostic ignored "-Wrestrict"
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "retention/money_text.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using nlohmann::json;
using retention::PeriodFigures;

model::Date date_option(const Args& args, const char* name) {
    auto text = args.option(name);
    if (!text) throw Error(ErrorKind::invalid, "report retention needs --from D1 --to D2 (dates such as 2026-01-01)");
    auto d = util::parse_date(*text);
    if (!d) {
        std::string why = "--";  // built by appending: GCC 12 misreads a chain of + here (-Wrestrict)
        why += name;
        why += " must be a date such as 2026-01-01";
        throw Error(ErrorKind::invalid, why);
    }
    return *d;
}

std::string money(model::Money minor) { return retention::format_money(minor); }

json figures_json(const PeriodFigures& f) {
    const auto& w = f.winback;
    return {{"from", util::format_iso(f.period.from)}, {"to", util::format_iso(f.period.to)},
            {"first_day", util::format_date(f.period.first_day)}, {"customers_at_start", f.at_start}, {"lost", f.lost},
            {"count_churn_percent", f.count_churn_percent}, {"annualized_percent", f.annualized_percent},
            {"verdict", f.verdict}, {"average_bill", f.average_bill}, {"payments_per_period", f.payments_per_period},
            {"money_churn", f.money_churn}, {"value_lost", f.value_lost},
            {"winback", {{"returned", w.returned}, {"first_orders", w.first_orders}, {"volume_back", w.volume_back},
                         {"volume_pending", w.volume_pending}, {"clean_year", w.clean_year},
                         {"complained", w.complained}, {"clean_pending", w.clean_pending}}}};
}

json report_json(const retention::RetentionReport& r) {
    json currencies = json::array();
    for (const auto& c : r.currencies) {
        json periods = json::array(), sleeping = json::object();
        for (const auto& p : c.periods) periods.push_back(figures_json(p));
        for (const auto& [days, n] : c.sleeping) sleeping[std::to_string(days)] = n;
        currencies.push_back({{"currency", c.currency}, {"periods", periods}, {"total", figures_json(c.total)},
                              {"lost_by_reason", c.lost_by_reason}, {"sleeping", sleeping}});
    }
    return {{"from", util::format_iso(r.from)}, {"to", util::format_iso(r.to)}, {"now", util::format_iso(r.now)},
            {"by", retention::to_string(r.granularity)}, {"money_unit", "minor"}, {"currencies", currencies}};
}

void print_row(std::ostream& out, const std::string& label, const PeriodFigures& f) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-10s %9lld %7lld %7.2f%% %18s %16s %6lld %16s\n", label.c_str(), f.at_start,
                  f.lost, f.count_churn_percent, money(f.money_churn).c_str(),
                  money(f.value_lost).c_str(), f.winback.returned,
                  money(f.winback.first_orders).c_str());
    out << line;
}

void print_report(std::ostream& out, const retention::RetentionReport& r) {
    out << "retention " << util::format_iso(r.from) << " .. " << util::format_iso(r.to) << " by "
        << retention::to_string(r.granularity) << "\n";
    for (const auto& c : r.currencies) {
        out << "\n" << c.currency << "\n  period     at start    lost   churn        money churn       value lost "
                                     "return    first orders\n";
        for (const auto& p : c.periods) print_row(out, util::format_date(p.period.first_day), p);
        print_row(out, "total", c.total);
        const auto& w = c.total.winback;
        out << "  money churn = " << c.total.lost << " x " << money(c.total.average_bill) << " x "
            << c.total.payments_per_period << " payments; " << c.total.verdict << "\n"
            << "  win-back: " << w.returned << " returned, volume back " << w.volume_back << " (pending "
            << w.volume_pending << "), a clean year " << w.clean_year << ", complained " << w.complained
            << " (year not over " << w.clean_pending << ")\n  lost by reason:";
        for (const auto& [reason, n] : c.lost_by_reason) out << " " << reason << " " << n;
        out << "\n  sleeping now:";
        for (const auto& [days, n] : c.sleeping) out << " " << days << "+ days " << n;
        out << "\n";
    }
}

int report_retention(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json"), as_csv = args.flag("csv");
    const model::Date first = date_option(args, "from"), last = date_option(args, "to");
    const auto by = retention::parse_granularity(args.option("by").value_or("month"));
    const model::Timestamp now = now_of(ctx, args);
    args.check_unused();
    if (as_json && as_csv) throw Error(ErrorKind::invalid, "--json and --csv: choose one");
    const auto r = ctx.desk().retention_report(first, last, by, now);
    if (as_json) ctx.out() << report_json(r).dump(2) << "\n";
    else if (as_csv) ctx.out() << retention::report_csv(r);
    else print_report(ctx.out(), r);
    return ok;
}

}  // namespace

void add_retention_report_commands(std::vector<Command>& out) {
    out.push_back({"report retention", "--from D1 --to D2 [--by week|month] [--now T] [--json|--csv]",
                   "churn, money churn, value lost, returns and win-back results per period and currency; "
                   "losses by reason, sleeping customers",
                   {"json", "csv"}, report_retention});
}

}  // namespace kartoteka::cli
