// The supervisor's retention page (issue 19): the report over a year of the bench store, by month and
// by week, against the floor measured in the same run: one raw sqlite3 pass counting the customers and
// the loss records of the range, the least any report over every customer must read. Goal: under 1 s
// for a year of the 1M-customer store. Prints rows of the shared table (bench_table.h).
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_table.h"
#include "config/retention_config.h"
#include "desk/retention_service.h"
#include "retention/contact_policy.h"
#include "storage/database.h"
#include "util/time.h"

using namespace kartoteka;
using bench::Samples;

namespace {

constexpr double goal_us = 1e6;
const char* zone = "Europe/Moscow";

long long scalar(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    long long v = 0;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/// The twelve whole months before the one the store's latest order falls in.
std::vector<retention::Period> last_year(model::Timestamp now, retention::Granularity by) {
    const std::string today = util::format_date(retention::local_time(now, zone).date);
    const int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2));
    char to[32], from[32];
    std::snprintf(to, sizeof to, "%04d-%02d-01", y, m);
    std::snprintf(from, sizeof from, "%04d-%02d-01", y - 1, m);
    return retention::cut_periods(*util::parse_date(from), *util::parse_date(to), by, zone);
}

void run(desk::RetentionService& rules, sqlite3* raw, model::Timestamp now, retention::Granularity by,
         const std::string& data, int samples) {
    const auto periods = last_year(now, by);
    Samples ours, floor;
    long long lost = 0;
    for (int i = 0; i < samples; ++i) {
        auto report = [&] {
            const auto r = rules.retention_report(periods, now, "RUB");
            lost = 0;
            for (const auto& c : r.currencies) lost += c.total.lost;
        };
        auto bare = [&] {
            scalar(raw, "SELECT COUNT(*) FROM customers WHERE created_at < " + std::to_string(periods.back().to));
            scalar(raw, "SELECT COUNT(*) FROM lifecycle_events WHERE at < " + std::to_string(periods.back().to));
        };
        if (i % 2) floor.add(bench::time_us(bare)), ours.add(bench::time_us(report));
        else ours.add(bench::time_us(report)), floor.add(bench::time_us(bare));
    }
    std::fprintf(stderr, "bench_retention: %s: %lld lost in the year\n", retention::to_string(by), lost);
    bench::emit({std::string("retention page: a year by ") + retention::to_string(by), data,
                 bench::human(ours.median()), bench::human(ours.p99()), "under 1 s",
                 "raw count of the customers and losses: " + bench::human(floor.median()),
                 bench::verdict(ours.median(), goal_us,
                                bench::why_missed(ours.median(), ours.p99(), goal_us, floor.median(), "the raw count"))});
}

/// Where one report's time goes, step by step, as a NOTE: the store's aggregates, the order windows of
/// the lost and returned customers, and the arithmetic.
void breakdown(storage::Store& store, model::Timestamp now, retention::Granularity by) {
    const auto periods = last_year(now, by);
    const config::RetentionConfig cfg;
    retention::RetentionFacts facts;
    std::vector<retention::OrderWindow> orders, complaints;
    const double losses = bench::time_us([&] { facts = store.retention_facts(periods.front().from, periods.back().to, now, {90, 180, 360}); });
    const double created = bench::time_us([&] { facts.created = store.customers_created(periods.front().from, periods.back().to); });
    const double plan = bench::time_us([&] {
        orders = retention::windows_needed(facts, periods, cfg);
        complaints = retention::complaint_windows(facts, periods.front().from, periods.back().to, cfg);
    });
    const double windows = bench::time_us([&] {
        store.count_order_windows(orders, "RUB");
        store.count_complaint_windows(complaints);
    });
    const double sums = bench::time_us([&] { retention::assemble_report(facts, periods, orders, complaints, "RUB", now, cfg); });
    bench::note(std::string("retention page by ") + retention::to_string(by) + ": losses, refusals and sleeping " +
                bench::human(losses) + ", customers created " + bench::human(created) + ", " +
                std::to_string(orders.size() + complaints.size()) + " windows planned in " + bench::human(plan) +
                " and counted in " + bench::human(windows) + ", arithmetic " + bench::human(sums));
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "/tmp/kartoteka-bench-1000000.db";
    int samples = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--db") path = argv[i + 1];
        else if (k == "--samples") samples = std::atoi(argv[i + 1]);
    }
    try {
        storage::Database db(storage::StoreLocation::parse(path));  // migrates: the order facts are filled once
        storage::Store store(db);
        sqlite3* raw = nullptr;
        if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        const long long customers = scalar(raw, "SELECT COUNT(*) FROM customers");
        const long long orders = scalar(raw, "SELECT COUNT(*) FROM orders");
        const model::Timestamp now = scalar(raw, "SELECT MAX(placed_at) FROM orders");
        const std::string data = bench::count(static_cast<double>(customers)) + " customers, " +
                                 bench::count(static_cast<double>(orders)) + " orders (SQLite)";
        desk::RetentionService rules(store, config::RetentionConfig{}, zone);
        run(rules, raw, now, retention::Granularity::month, data, samples);
        run(rules, raw, now, retention::Granularity::week, data, samples);
        breakdown(store, now, retention::Granularity::month);
        sqlite3_close(raw);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_retention: %s\n", e.what());
        return 1;
    }
    return 0;
}
