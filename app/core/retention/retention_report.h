#pragma once
/// The supervisor's retention report (issue 19, DOMAIN.md "Churn figures"): a range cut into weeks or
/// months of the centre's calendar; per period and per currency the customers at its start, those lost,
/// count and money churn, value lost, the returns and their win-back results (000: the first order
/// after the return, purchases back to the pre-loss level, a year without complaints); losses by reason
/// and the sleeping buckets now. Money is never added across currencies.
///
/// The store answers with a few aggregates (RetentionFacts, storage/store_retention_report.cpp); what
/// is here is pure arithmetic over them, tested without a database.
#include <map>
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "model/types.h"

namespace kartoteka::retention {

enum class Granularity { week, month };
/// "week" / "month"; @throws Error{invalid} for anything else.
Granularity parse_granularity(const std::string& text);
const char* to_string(Granularity g);

/// One period [from, to); `first_day` is its first local calendar day.
struct Period {
    model::Timestamp from = 0, to = 0;
    model::Date first_day = 0;
};

/// [first, last) local days cut at each Monday (week) or each 1st (month) in `timezone`; the first and
/// last periods may be partial. @throws Error{invalid} when last <= first or the zone is unknown.
std::vector<Period> cut_periods(model::Date first, model::Date last, Granularity g, const std::string& timezone);

// --- what the store answers (every money amount in the customer's own currency) ----------------------

/// Customers created in a slot of the range (created_at >= range start; the slot is a quarter-hour or
/// a period, starting at `slot`), or before it (`before` true), per currency. Counts may be negative
/// corrections (the store counts the centre's share as all customers less the other currencies').
struct CreatedCount {
    std::string currency;
    bool before = false;
    model::Timestamp slot = 0;  ///< the quarter-hour's start
    long long count = 0;
};

/// A loss that matters to the range: recorded before its end and not followed by an order before its
/// start. `back` is the first order after the loss (0: none yet): the return (000: only an order counts).
/// The rest are the loss's own figures the store keeps (loss_facts, schema 15), so the report need not
/// count orders: valid when `one_currency` (every order of the customer in one currency text, so each
/// figure counted over all orders is the figure in the customer's currency whatever the centre's is).
struct LossFact {
    model::Id customer_id = 0;
    std::string currency;
    model::Timestamp at = 0;
    std::string reason;
    model::Timestamp back = 0;
    bool one_currency = false;                ///< false: the report counts this customer's order windows
    long long orders_before = 0;              ///< orders placed up to `at`
    model::Money amount_before = 0;
    model::Timestamp first_before = 0;        ///< the earliest of them (0: none)
    std::vector<model::Timestamp> recent;     ///< their times in the `recent_span` up to `at`, ascending
    model::Money first_amount = 0;            ///< the orders placed at `back`
    model::Money year_before = 0;             ///< orders in [at - stored_year, at]
    model::Money year_after = 0;              ///< orders in [back, back + stored_year - 1]
    long long complaints = 0;                 ///< tickets opened in [back, back + stored_year - 1]
};
/// How far back LossFact::recent reaches (400 days): payments windows up to this long are read from it.
constexpr model::Timestamp recent_span = 400LL * 86400;
/// The year of the stored year_before / year_after / complaints (365 days); another
/// returned_sensitive_days is counted from the orders.
constexpr model::Timestamp stored_year = 365LL * 86400;

/// The customer's first do-not-retain record before the range's end.
struct RefusalFact {
    model::Id customer_id = 0;
    std::string currency;
    model::Timestamp at = 0;
};

/// The customer's orders (in their currency) placed in [from, to] of one window the report asked about.
struct OrderWindow {
    model::Id customer_id = 0;
    model::Timestamp from = 0, to = 0;
    long long orders = 0;
    model::Money amount = 0;
    model::Timestamp first_at = 0;  ///< 0 when none
};

/// Customers (not lost, not refused now) by the sleeping bucket they reached, per currency.
struct SleepingCount {
    std::string currency;
    int bucket = 0;
    long long count = 0;
};

// --- the report ------------------------------------------------------------------------------------

/// The win-back results of the returns in a period (000).
struct WinbackResults {
    long long returned = 0;
    model::Money first_orders = 0;   ///< the amounts of the first orders after the returns
    long long volume_back = 0;       ///< bought in the year after the return at least what they did in the year before the loss
    long long volume_pending = 0;    ///< not yet, and that year is not over
    long long clean_year = 0;        ///< a whole year after the return without a complaint
    long long complained = 0;        ///< a complaint within that year
    long long clean_pending = 0;     ///< no complaint so far, the year is not over
};

struct PeriodFigures {
    Period period;
    long long at_start = 0;
    long long lost = 0;
    double count_churn_percent = 0;
    double annualized_percent = 0;
    std::string verdict;              ///< normal / watch / needs_action (002)
    model::Money average_bill = 0;
    double payments_per_period = 0;
    model::Money money_churn = 0;     ///< lost x average bill x payments per period (001)
    model::Money value_lost = 0;      ///< the lost customers' lifetime values at their loss
    WinbackResults winback;
};

/// A customer won back in the report's range, with the amount of the first order after the return.
struct ReturnedCustomer {
    model::Id customer_id = 0;
    std::string name;               ///< empty: filled by whoever shows it (the churn command)
    model::Timestamp lost_at = 0;
    model::Timestamp returned_at = 0;
    model::Money first_order = 0;
};

struct CurrencyReport {
    std::string currency;
    std::vector<PeriodFigures> periods;
    PeriodFigures total;                            ///< the whole range as one period
    std::map<std::string, long long> lost_by_reason;  ///< over the whole range
    std::map<int, long long> sleeping;              ///< bucket days -> customers, now
    std::vector<ReturnedCustomer> returned;         ///< the whole range's returns, by customer
};

struct RetentionReport {
    model::Timestamp from = 0, to = 0;
    model::Timestamp now = 0;
    Granularity granularity = Granularity::month;
    std::vector<CurrencyReport> currencies;  ///< the centre's first, then by code
};

/// Where the figures come from. The report's arithmetic runs over these alone.
struct RetentionFacts {
    std::vector<CreatedCount> created;
    std::vector<LossFact> losses;      ///< ordered by customer, then time
    std::vector<RefusalFact> refusals;
    std::vector<SleepingCount> sleeping;
};

/// The windows the report needs for the losses and returns in `periods` (and the whole range) that
/// the stored figures cannot answer (a customer with orders in several currencies, a payments window
/// longer than recent_span, a year other than stored_year).
struct NeededWindows {
    /// Each [from, to] of one customer: before a loss (all history; the period-long window), after a
    /// return (its first order; a year after) and the year before that loss.
    std::vector<OrderWindow> orders;
    /// [back, back + a year) of a return, in which complaints are counted.
    std::vector<OrderWindow> complaints;
};
NeededWindows windows_needed(const RetentionFacts& facts, const std::vector<Period>& periods,
                             const config::RetentionConfig& cfg);

/// The report from the facts and the answered windows (windows_needed's, `orders` with their counts,
/// `complaints` with the count of complaints opened in each).
RetentionReport assemble_report(const RetentionFacts& facts, const std::vector<Period>& periods,
                                const std::vector<OrderWindow>& orders, const std::vector<OrderWindow>& complaints,
                                const std::string& centre_currency, model::Timestamp now,
                                const config::RetentionConfig& cfg);

/// The report as CSV (RFC 4180, one header line): a row per currency and period, a "total" row per
/// currency, then "reason" and "sleeping" rows. Money in major units with a dot ("2400000.00"),
/// percentages with two decimals: the file is for spreadsheets, not for reading in one language.
std::string report_csv(const RetentionReport& r);

}  // namespace kartoteka::retention
