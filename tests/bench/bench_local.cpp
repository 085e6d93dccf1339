// Local-store benchmarks at call-centre scale (issue: performance). Generates its data with the demo
// generator (1M customers by default; the file is reused when it already has them) and prints the
// shared table: median, p99, goal, and the floor measured in the same run.
//
//   bench_local [--db FILE] [--customers N] [--samples N]
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_table.h"
#include "card/card.h"
#include "demo/demo_generator.h"
#include "phone/phone_normalizer.h"
#include "search/customer_search.h"
#include "storage/bulk_writer.h"
#include "storage/database.h"
#include "storage/store.h"
#include "util/text.h"

using namespace kartoteka;
using bench::Samples;

namespace {

struct Options {
    std::string db = "/tmp/kartoteka-bench-1m.db";
    long long customers = 1000000;
    int samples = 2000;
};

/// A Russian operator's notations of an E.164 number, to feed normalization and lookups.
std::string messy(const std::string& e164, int style) {
    if (e164.rfind("+7", 0) != 0) return e164;
    const std::string n = e164.substr(2);
    switch (style % 3) {
    case 0: return "8 (" + n.substr(0, 3) + ") " + n.substr(3, 3) + "-" + n.substr(6, 2) + "-" + n.substr(8);
    case 1: return "+7 " + n.substr(0, 3) + " " + n.substr(3);
    default: return e164;
    }
}

/// Raw sqlite3 floor: the same SELECTs the card loader runs, prepared once, rows stepped through.
class RawCard {
public:
    explicit RawCard(const std::string& path) {
        sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr);
        for (const char* sql :
             {"SELECT id, first_name, middle_name, last_name, company, language, manager_id, created_at FROM customers WHERE id = ?1",
              "SELECT e164 FROM customer_phones WHERE customer_id = ?1 ORDER BY position",
              "SELECT email FROM customer_emails WHERE customer_id = ?1 ORDER BY position",
              "SELECT system, external_id FROM customer_refs WHERE customer_id = ?1 ORDER BY system",
              "SELECT * FROM lifecycle_events WHERE customer_id = ?1 ORDER BY at, id",
              "SELECT * FROM orders WHERE customer_id = ?1 ORDER BY placed_at, id",
              "SELECT COUNT(*) FROM interactions WHERE customer_id = ?1",
              "SELECT * FROM interactions WHERE customer_id = ?1 ORDER BY occurred_at DESC, id DESC LIMIT 50",
              "SELECT * FROM offers WHERE customer_id = ?1 ORDER BY priority DESC, id",
              "SELECT * FROM preferences WHERE customer_id = ?1",
              "SELECT * FROM tickets WHERE customer_id = ?1 ORDER BY created_at DESC, id DESC",
              "SELECT e.* FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.customer_id = ?1",
              "SELECT * FROM service_contacts WHERE customer_id = ?1 ORDER BY due, id"}) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
            m_card.push_back(st);
        }
        sqlite3_prepare_v3(m_db, "SELECT customer_id FROM customer_phones WHERE e164 = ?1", -1, SQLITE_PREPARE_PERSISTENT,
                           &m_phone, nullptr);
    }
    ~RawCard() {
        for (auto* st : m_card) sqlite3_finalize(st);
        sqlite3_finalize(m_phone);
        sqlite3_close(m_db);
    }
    long long by_phone(const std::string& e164) {
        sqlite3_bind_text(m_phone, 1, e164.c_str(), -1, SQLITE_TRANSIENT);
        long long id = sqlite3_step(m_phone) == SQLITE_ROW ? sqlite3_column_int64(m_phone, 0) : 0;
        sqlite3_reset(m_phone);
        return id;
    }
    void card(long long id) {
        for (auto* st : m_card) {
            sqlite3_bind_int64(st, 1, id);
            while (sqlite3_step(st) == SQLITE_ROW) {
            }
            sqlite3_reset(st);
        }
    }

private:
    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_card;
    sqlite3_stmt* m_phone = nullptr;
};

void ensure_data(const Options& o) {
    storage::Database db(storage::StoreLocation::parse(o.db));
    storage::Store store(db);
    const long long have = store.customer_count();
    if (have >= o.customers) return;
    std::fprintf(stderr, "bench: seeding %lld customers into %s (once; reused next time)\n", o.customers - have, o.db.c_str());
    demo::DemoOptions d;
    d.customers = o.customers - have;
    demo::seed_demo(store, d, [](long long done, long long total) {
        if (done % 100000 == 0 || done == total) std::fprintf(stderr, "  %lld/%lld\n", done, total);
    });
}

std::vector<std::string> sample_phones(const Options& o, int n) {
    std::vector<std::string> out;
    std::mt19937_64 rng(7);
    for (int i = 0; i < n; ++i) out.push_back(demo::demo_phone(static_cast<long long>(rng() % static_cast<std::uint64_t>(o.customers))));
    return out;
}

void bench_normalization() {
    phone::PhoneNormalizer ru("RU");
    // A million different numbers (the demo generator's, RU, BG and UK), in mixed notations.
    std::vector<std::string> inputs;
    inputs.reserve(1000000);
    for (int i = 0; i < 1000000; ++i) inputs.push_back(messy(demo::demo_phone(i), i));
    for (const auto& s : inputs) (void)ru.normalize(s);  // warm: as after the first calls of a shift
    Samples per_call;
    for (int round = 0; round < 5; ++round) {
        const double us = bench::time_us([&] {
            for (const auto& s : inputs) (void)ru.normalize(s);
        });
        per_call.add(us / static_cast<double>(inputs.size()));
    }
    Samples slow;
    for (int i = 0; i < 2000; ++i) slow.add(bench::time_us([&] { (void)ru.normalize_slow(inputs[static_cast<std::size_t>(i)]); }));
    bench::row("phone normalization (messy notations)", "1M numbers", bench::human(per_call.median()) + " each",
               bench::human(per_call.pct(1.0)) + " (worst round)", "under 2 us each", bench::verdict(per_call.median(), 2),
               "libphonenumber alone: " + bench::human(slow.median()));
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--db") o.db = argv[i + 1];
        else if (k == "--customers") o.customers = std::atoll(argv[i + 1]);
        else if (k == "--samples") o.samples = std::atoi(argv[i + 1]);
    }
    ensure_data(o);
    const std::string size = std::to_string(o.customers / 1000) + "k customers";
    auto phones = sample_phones(o, o.samples);
    bench::header();
    bench_normalization();

    storage::Database db(storage::StoreLocation::parse(o.db));
    storage::Store store(db);
    phone::PhoneNormalizer ru("RU");
    search::CustomerSearch finder(store, ru);
    card::CardLoader loader(store, 50);
    RawCard raw(o.db);
    for (const auto& p : phones) (void)finder.by_phone(messy(p, 0));  // warm the page cache

    Samples lookup, lookup_floor, pop, pop_floor, prefix;
    for (std::size_t i = 0; i < phones.size(); ++i) {
        const std::string typed = messy(phones[i], static_cast<int>(i));
        std::vector<model::Id> ids;
        lookup.add(bench::time_us([&] { ids = finder.by_phone(typed); }));
        lookup_floor.add(bench::time_us([&] { (void)raw.by_phone(phones[i]); }));
        if (ids.empty()) continue;
        pop.add(bench::time_us([&] { (void)loader.load(ids.front(), 0); }));
        pop_floor.add(bench::time_us([&] { raw.card(ids.front()); }));
    }
    bench::row("phone lookup (any notation), warm", size, bench::human(lookup.median()), bench::human(lookup.p99()),
               "p99 under 50 us", bench::verdict(lookup.p99(), 50),
               "indexed SQLite lookup: " + bench::human(lookup_floor.p99()) + " p99");
    bench::row("card from the local store (lookup excluded)", size, bench::human(pop.median()), bench::human(pop.p99()),
               "p99 under 20 ms", bench::verdict(pop.p99(), 20000),
               "raw SQL for the same card: " + bench::human(pop_floor.median()) + " median, " + bench::human(pop_floor.p99()) + " p99");

    const char* prefixes[] = {"Иван", "Петр", "Смир", "Георг", "Dimi", "Smith", "Jones", "Coop", "Кузн", "Волк", "Ив", "Ste"};
    for (int round = 0; round < 50; ++round)
        for (const char* p : prefixes) prefix.add(bench::time_us([&] { (void)finder.find(p, 20); }));
    bench::row("name prefix search, first 20 results", size, bench::human(prefix.median()), bench::human(prefix.p99()),
               "p99 under 10 ms", bench::verdict(prefix.p99(), 10000), "");
    return 0;
}
