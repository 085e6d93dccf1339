// The supervisor's retention page (issue 19): the report over a year of the bench store, by month and
// by week, against the floor measured in the same run: one raw SQL pass counting the customers and the
// loss records of the range, the least any report over every customer must read. Goal: under 1 s for a
// year of the 1M-customer store. Prints rows of the shared table (bench_table.h).
//
//   bench_retention [--db FILE | --pg CONNINFO] [--customers N] [--samples N]
//     --db FILE      a store made by bench_local (installer/bench.sh gives its 1M store)
//     --customers N  without --db: a store of N demo customers (one interaction each: the report reads
//                    none) generated once into the build folder's bench-data/ and reused
//     --pg CONNINFO  a PostgreSQL store (e.g. with options=-csearch_path=NAME for a schema of its own),
//                    seeded with N demo customers when it has fewer (about 300 s per 100k here). Not
//                    the tests' database: its tests count objects across every schema of theirs
#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench_table.h"
#include "config/retention_config.h"
#include "demo/demo_generator.h"
#include "desk/retention_service.h"
#include "retention/contact_policy.h"
#include "storage/database.h"
#include "util/time.h"

using namespace kartoteka;
using bench::Samples;

namespace {

constexpr double goal_us = 1e6;
const char* zone = "Europe/Moscow";

long long scalar(storage::Store& store, const std::string& sql) {
    long long v = 0;
    soci::indicator ind = soci::i_ok;
    store.session() << sql, soci::into(v, ind);
    return ind == soci::i_ok ? v : 0;
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

void run(desk::RetentionService& rules, storage::Store& raw, model::Timestamp now, retention::Granularity by,
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
void breakdown(storage::Store& store, model::Timestamp now, retention::Granularity by, const std::string& data) {
    const auto periods = last_year(now, by);
    const config::RetentionConfig cfg;
    retention::RetentionFacts facts;
    retention::NeededWindows w;
    const double losses = bench::time_us([&] { facts = store.retention_facts(periods.front().from, periods.back().to, now, {90, 180, 360}, "RUB"); });
    std::vector<model::Timestamp> starts;
    for (const auto& p : periods) starts.push_back(p.from);
    const double created = bench::time_us([&] { facts.created = store.customers_created(starts, periods.back().to, "RUB"); });
    const double plan = bench::time_us([&] {
        w = retention::windows_needed(facts, periods, cfg);
    });
    const double windows = bench::time_us([&] {
        store.count_order_windows(w.orders, "RUB");
        store.count_complaint_windows(w.complaints);
    });
    const double sums = bench::time_us([&] { retention::assemble_report(facts, periods, w.orders, w.complaints, "RUB", now, cfg); });
    bench::note(std::string("retention page by ") + retention::to_string(by) + " (" + data + "): losses, refusals and sleeping " +
                bench::human(losses) + ", customers created " + bench::human(created) + ", " +
                std::to_string(w.orders.size() + w.complaints.size()) + " windows planned in " + bench::human(plan) +
                " and counted in " + bench::human(windows) + ", arithmetic " + bench::human(sums));
}


/// Seeds demo customers until the store has `customers` (once: a later run finds them and goes on).
void ensure_customers(storage::Store& store, long long customers) {
    const long long have = store.customer_count();
    if (customers <= 0 || have >= customers) return;
    std::fprintf(stderr, "bench_retention: seeding %lld customers (once; reused next time)\n", customers - have);
    demo::DemoOptions d;
    d.customers = customers - have;
    d.interactions_per_customer = 1;  // the report reads none; they only cost seeding time
    const auto t0 = std::chrono::steady_clock::now();
    demo::seed_demo(store, d, [](long long done, long long total) {
        if (done % 100000 == 0 || done == total) std::fprintf(stderr, "  %lld/%lld\n", done, total);
    });
    std::fprintf(stderr, "bench_retention: seeded in %.0f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace

int main(int argc, char** argv) {
    std::string path, pg;
    long long customers = 0;
    int samples = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--db") path = argv[i + 1];
        else if (k == "--pg") pg = argv[i + 1];
        else if (k == "--customers") customers = std::atoll(argv[i + 1]);
        else if (k == "--samples") samples = std::atoi(argv[i + 1]);
    }
    if (path.empty() && pg.empty()) {
        if (customers > 0) {
            const std::filesystem::path dir = std::filesystem::path(KARTOTEKA_BINARY_DIR) / "bench-data";
            std::filesystem::create_directories(dir);
            path = (dir / ("retention-" + std::to_string(customers) + ".db")).string();
        } else {
            path = "/tmp/kartoteka-bench-1000000.db";
        }
    }
    try {
        // Opening migrates: the order and loss facts are filled once.
        const auto t0 = std::chrono::steady_clock::now();
        storage::Database db(storage::StoreLocation::parse(pg.empty() ? path : pg));
        const double open_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (open_s > 5) std::fprintf(stderr, "bench_retention: opened (and migrated) in %.0f s\n", open_s);
        storage::Store store(db);
        ensure_customers(store, customers);
        if (!pg.empty()) store.session() << "ANALYZE";
        const long long n_customers = store.customer_count();
        const long long orders = scalar(store, "SELECT COUNT(*) FROM orders");
        const model::Timestamp now = scalar(store, "SELECT MAX(placed_at) FROM orders");
        const std::string data = bench::count(static_cast<double>(n_customers)) + " customers, " +
                                 bench::count(static_cast<double>(orders)) + " orders (" +
                                 (pg.empty() ? "SQLite" : "PostgreSQL") + ")";
        desk::RetentionService rules(store, config::RetentionConfig{}, zone);
        run(rules, store, now, retention::Granularity::month, data, samples);
        run(rules, store, now, retention::Granularity::week, data, samples);
        breakdown(store, now, retention::Granularity::month, data);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_retention: %s\n", e.what());
        return 1;
    }
    return 0;
}
