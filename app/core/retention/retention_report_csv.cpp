// The retention report as CSV: the one writer the CLI's --csv and the window's "Export CSV" share.
#include <cstdio>
#include <sstream>

#include "retention/retention_report.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

/// Major units with a dot and no grouping, which every spreadsheet reads as a number.
std::string plain_money(model::Money minor) {
    const bool negative = minor < 0;
    const unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(minor) : static_cast<unsigned long long>(minor);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", v / 100, v % 100);
    return buf;
}

std::string fixed2(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

/// Every field we write is a number, a date, an ISO code or a reason code; a reason is quoted in case
/// a backend sent one with a comma or a quote.
std::string quoted(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void period_row(std::ostringstream& out, const char* kind, const std::string& currency, const PeriodFigures& f) {
    const auto& w = f.winback;
    out << kind << ',' << currency << ',' << util::format_iso(f.period.from) << ',' << util::format_iso(f.period.to)
        << ",," << f.at_start << ',' << f.lost << ',' << fixed2(f.count_churn_percent) << ','
        << fixed2(f.annualized_percent) << ',' << f.verdict << ',' << plain_money(f.average_bill) << ','
        << fixed2(f.payments_per_period) << ',' << plain_money(f.money_churn) << ',' << plain_money(f.value_lost) << ','
        << w.returned << ',' << plain_money(w.first_orders) << ',' << w.volume_back << ',' << w.volume_pending << ','
        << w.clean_year << ',' << w.complained << ',' << w.clean_pending << ",\r\n";
}

}  // namespace

std::string report_csv(const RetentionReport& r) {
    std::ostringstream out;
    out << "row,currency,from,to,key,customers_at_start,lost,count_churn_percent,annualized_percent,verdict,"
           "average_bill,payments_per_period,money_churn,value_lost,returned,first_orders_after_return,"
           "volume_back,volume_pending,clean_year,complained_within_year,clean_so_far,count\r\n";
    const std::string from = util::format_iso(r.from), to = util::format_iso(r.to);
    for (const auto& c : r.currencies) {
        for (const auto& p : c.periods) period_row(out, to_string(r.granularity), c.currency, p);
        period_row(out, "total", c.currency, c.total);
    }
    const std::string empty_figures(17, ',');  // past the key: the 16 period columns a reason or bucket row leaves empty
    for (const auto& c : r.currencies)
        for (const auto& [reason, n] : c.lost_by_reason)
            out << "reason," << c.currency << ',' << from << ',' << to << ',' << quoted(reason) << empty_figures << n
                << "\r\n";
    const std::string now = util::format_iso(r.now);
    for (const auto& c : r.currencies)
        for (const auto& [days, n] : c.sleeping)
            out << "sleeping," << c.currency << ',' << now << ',' << now << ',' << days << empty_figures << n << "\r\n";
    return out.str();
}

}  // namespace kartoteka::retention
