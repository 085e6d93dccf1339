// Local-store benchmarks at call-centre scale (issue 8). Generates its data with the demo generator
// (1M customers and about 10M interactions by default; the file is reused when it already has them)
// and prints rows of the shared table (bench_table.h): median, p99, goal, and the floor measured in
// the same run.
//
//   bench_local [--db FILE] [--customers N] [--samples N]   (FILE: /tmp/kartoteka-bench-<N>.db)
#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_pop.h"
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
    std::string db;  ///< default: /tmp/kartoteka-bench-<customers>.db
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

/// A caller id as telephony and help desks send it (issue 14): tel:/sip:/callto: URIs, percent-encoding,
/// a From header's name-addr, extensions. One parser reads them all; they must stay as cheap as digits.
std::string caller_id_notation(const std::string& e164, int style) {
    const std::string digits = e164.substr(1);
    switch (style % 8) {
    case 0: return "tel:" + e164;
    case 1: return "tel:///%2B" + digits;
    case 2: return "sip:%2B" + digits + "@pbx.example.local;user=phone";
    case 3: return "\"Caller\" <sip:" + e164 + "@10.0.0.1:5060;user=phone>;tag=a48s";
    case 4: return "callto://%2B" + digits;
    case 5: return "tel:" + e164 + ";ext=100";
    case 6: return messy(e164, 0) + ", доб. 100";
    default: return "sips:" + e164 + "@pbx.example.local:5061;transport=tls";
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
        sqlite3_prepare_v3(m_db, "SELECT customer_id FROM customer_name_keys WHERE name_key >= ?1 AND name_key < ?2 "
                           "ORDER BY name_key, customer_id LIMIT ?3", -1, SQLITE_PREPARE_PERSISTENT, &m_name, nullptr);
        sqlite3_prepare_v3(m_db, "SELECT customer_id FROM customer_phones WHERE digits_rev >= ?1 AND digits_rev < ?2 "
                           "ORDER BY digits_rev, customer_id LIMIT ?3", -1, SQLITE_PREPARE_PERSISTENT, &m_ending, nullptr);
    }
    ~RawCard() {
        for (auto* st : m_card) sqlite3_finalize(st);
        sqlite3_finalize(m_phone);
        sqlite3_finalize(m_name);
        sqlite3_finalize(m_ending);
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

    /// The name search's floor: the same key range, then each hit's row, phones, emails and refs.
    void name_search(const std::string& folded, int limit) { key_search(m_name, folded, folded + "\xF4\x8F\xBF\xBF", limit * 4, limit); }
    /// The last-digits search's floor: the range on reversed digits, then each hit's rows.
    void ending_search(const std::string& reversed, int limit) { key_search(m_ending, reversed, reversed + ":", limit * 2, limit); }

private:
    void key_search(sqlite3_stmt* range, const std::string& lo, const std::string& hi, int rows, int limit) {
        sqlite3_bind_text(range, 1, lo.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(range, 2, hi.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(range, 3, rows);
        std::vector<long long> ids;
        while (sqlite3_step(range) == SQLITE_ROW) {
            const long long id = sqlite3_column_int64(range, 0);
            if (static_cast<int>(ids.size()) < limit && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        sqlite3_reset(range);
        for (long long id : ids)
            for (std::size_t q = 0; q < 4; ++q) {  // customers, phones, emails, refs
                sqlite3_bind_int64(m_card[q], 1, id);
                while (sqlite3_step(m_card[q]) == SQLITE_ROW) {
                }
                sqlite3_reset(m_card[q]);
            }
    }

    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_card;
    sqlite3_stmt* m_phone = nullptr;
    sqlite3_stmt* m_name = nullptr;
    sqlite3_stmt* m_ending = nullptr;
};

/// What the bench database holds, for the data column: "1M customers, 10.6M interactions".
std::string describe_data(storage::Store& store) {
    long long interactions = 0;
    store.session() << "SELECT COALESCE(MAX(id), 0) FROM interactions", soci::into(interactions);  // rowid: no scan
    return bench::count(static_cast<double>(store.customer_count())) + " customers, " +
           bench::count(static_cast<double>(interactions)) + " interactions";
}

void ensure_data(const Options& o) {
    storage::Database db(storage::StoreLocation::parse(o.db));
    storage::Store store(db);
    const long long have = store.customer_count();
    if (have >= o.customers) return;
    std::fprintf(stderr, "bench: seeding %lld customers into %s (once; reused next time)\n", o.customers - have, o.db.c_str());
    demo::DemoOptions d;
    d.customers = o.customers - have;
    const auto t0 = std::chrono::steady_clock::now();
    const auto stats = demo::seed_demo(store, d, [](long long done, long long total) {
        if (done % 100000 == 0 || done == total) std::fprintf(stderr, "  %lld/%lld\n", done, total);
    });
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char b[256];
    std::snprintf(b, sizeof b, "demo generator: %lld customers and %lld interactions (%lld rows with orders, tickets, "
                  "offers, contacts) written in %.0f s, load average %s", stats.customers, stats.interactions,
                  stats.customers + stats.phones + stats.emails + stats.orders + stats.interactions + stats.tickets +
                      stats.offers + stats.contacts + stats.preferences, s, bench::load_average().c_str());
    bench::note(b);
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
    const double goal = 2;
    bench::emit({"phone normalization, messy notations", "1M numbers, 5 rounds", bench::human(per_call.median()) + " each",
                 bench::human(per_call.max()) + " (slowest round)", "under 2 us each",
                 "libphonenumber alone: " + bench::human(slow.median()) + " each",
                 bench::verdict(per_call.median(), goal,
                                bench::why_missed(per_call.median(), per_call.median(), goal, std::nullopt, ""))});
}

/// Caller ids in URI and extension notations, timed call by call for a median and a p99.
void bench_caller_ids() {
    phone::PhoneNormalizer ru("RU");
    std::vector<std::string> inputs;
    inputs.reserve(200000);
    for (int i = 0; i < 200000; ++i) inputs.push_back(caller_id_notation(demo::demo_phone(i), i));
    for (const auto& s : inputs) (void)ru.normalize(s);  // warm, as the first calls of a shift do
    Samples per_call;
    for (const auto& s : inputs) per_call.add(bench::time_us([&] { (void)ru.normalize(s); }));
    Samples slow;
    for (int i = 0; i < 2000; ++i) slow.add(bench::time_us([&] { (void)ru.normalize_slow(inputs[static_cast<std::size_t>(i)]); }));
    const double goal = 2;
    bench::emit({"caller-id normalization, URIs and extensions", "200k ids, 8 notations (tel:, sip:, name-addr, %2B, доб.)",
                 bench::human(per_call.median()), bench::human(per_call.p99()), "under 2 us each",
                 "libphonenumber alone: " + bench::human(slow.median()) + " each",
                 bench::verdict(per_call.median(), goal,
                                bench::why_missed(per_call.median(), per_call.median(), goal, std::nullopt, ""))});
}

/// Phone lookup, screen pop through the endpoint and their raw-SQL floors, on the same callers.
void bench_lookup_and_pop(const Options& o, search::CustomerSearch& finder,
                          const std::string& data) {
    auto desk = bench::bench_desk(o.db);  // no sources: the local pop, through the desk as in serve
    bench::PopEndpoint endpoint(*desk);
    RawCard raw(o.db);
    auto phones = sample_phones(o, o.samples);
    for (const auto& p : phones) (void)finder.by_phone(messy(p, 0));  // warm the page cache

    Samples lookup, lookup_floor, pop, pop_floor;
    long long incomplete = 0;
    for (std::size_t i = 0; i < phones.size(); ++i) {
        const std::string typed = messy(phones[i], static_cast<int>(i));
        // Whichever goes first for a number reads its pages cold from the OS; the other finds them warm.
        // Alternating the order keeps that cost on both sides (at 1M customers the index no longer fits
        // SQLite's page cache and the bias was about 2x at p99).
        const bool floor_first = i % 2 == 1;
        std::vector<model::Id> ids;
        long long id = 0;
        auto ours = [&] { lookup.add(bench::time_us([&] { ids = finder.by_phone(typed); })); };
        auto raw_lookup = [&] { lookup_floor.add(bench::time_us([&] { id = raw.by_phone(phones[i]); })); };
        if (floor_first) raw_lookup(), ours(); else ours(), raw_lookup();
        if (ids.empty()) continue;
        nlohmann::json card;
        auto ours_pop = [&] { pop.add(bench::time_us([&] { card = endpoint.pop(typed); })); };
        auto raw_pop = [&] {
            pop_floor.add(bench::time_us([&] {
                (void)raw.by_phone(phones[i]);
                raw.card(id);
            }));
        };
        if (floor_first) raw_pop(), ours_pop(); else ours_pop(), raw_pop();
        if (card.value("/customer/id"_json_pointer, 0LL) != ids.front()) ++incomplete;
    }
    if (incomplete) bench::note(std::to_string(incomplete) + " screen pops answered another customer's card");
    bench::emit({"phone lookup, any notation, warm", data, bench::human(lookup.median()), bench::human(lookup.p99()),
                 "p99 under 50 us", "one indexed SQLite lookup: " + bench::human(lookup_floor.p99()) + " p99",
                 bench::verdict(lookup.p99(), 50,
                                bench::why_missed(lookup.median(), lookup.p99(), 50, lookup_floor.p99(), "the indexed lookup"))});
    bench::emit({"screen pop, local store (endpoint request to complete card)", data, bench::human(pop.median()),
                 bench::human(pop.p99()), "p99 under 20 ms",
                 "raw SQL for the same lookup and card: " + bench::human(pop_floor.median()) + " median, " +
                     bench::human(pop_floor.p99()) + " p99",
                 bench::verdict(pop.p99(), 20000,
                                bench::why_missed(pop.median(), pop.p99(), 20000, pop_floor.p99(), "raw SQL"))});
}

void bench_name_search(const Options& o, search::CustomerSearch& finder, const std::string& data) {
    const char* prefixes[] = {"Иван", "Петр", "Смир", "Георг", "Dimi", "Smith", "Jones", "Coop", "Кузн", "Волк", "Ив", "Ste"};
    RawCard raw(o.db);
    for (const char* p : prefixes) (void)finder.find(p, 20), raw.name_search(util::fold_case(p), 20);  // warm
    Samples prefix, floor;
    for (int round = 0; round < 50; ++round)
        for (const char* p : prefixes) {
            prefix.add(bench::time_us([&] { (void)finder.find(p, 20); }));
            floor.add(bench::time_us([&] { raw.name_search(util::fold_case(p), 20); }));
        }
    bench::emit({"name prefix search, first 20 results", data + ", 12 prefixes", bench::human(prefix.median()),
                 bench::human(prefix.p99()), "p99 under 10 ms",
                 "raw SQL for the same keys and 20 customers: " + bench::human(floor.median()) + " median, " +
                     bench::human(floor.p99()) + " p99",
                 bench::verdict(prefix.p99(), 10000, bench::why_missed(prefix.median(), prefix.p99(), 10000, floor.p99(), "raw SQL"))});
}

/// "369-11-54": a number's last seven digits as an agent reads them off a note (issue 18), through the
/// search (a local-id reading, the phone parser, then the range on reversed digits and each hit's rows).
void bench_ending_search(const Options& o, search::CustomerSearch& finder, const std::string& data) {
    RawCard raw(o.db);
    std::vector<std::string> typed, reversed;
    for (const auto& p : sample_phones(o, 500)) {
        const std::string d = p.substr(p.size() - 7);
        typed.push_back(d.substr(0, 3) + "-" + d.substr(3, 2) + "-" + d.substr(5));
        reversed.emplace_back(d.rbegin(), d.rend());
    }
    for (std::size_t i = 0; i < typed.size(); ++i) (void)finder.find(typed[i], 20), raw.ending_search(reversed[i], 20);
    Samples ours, floor;
    long long missed = 0;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        std::vector<search::Hit> hits;
        ours.add(bench::time_us([&] { hits = finder.find(typed[i], 20); }));
        floor.add(bench::time_us([&] { raw.ending_search(reversed[i], 20); }));
        if (hits.empty()) ++missed;
    }
    if (missed) bench::note(std::to_string(missed) + " last-digit searches found nobody");
    bench::emit({"last 7 digits search (\"369-11-54\"), first 20 results", data + ", 500 numbers",
                 bench::human(ours.median()), bench::human(ours.p99()), "p99 under 10 ms",
                 "raw SQL for the same range and customers: " + bench::human(floor.median()) + " median, " +
                     bench::human(floor.p99()) + " p99",
                 bench::verdict(ours.p99(), 10000, bench::why_missed(ours.median(), ours.p99(), 10000, floor.p99(), "raw SQL"))});
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
    if (o.db.empty()) o.db = "/tmp/kartoteka-bench-" + std::to_string(o.customers) + ".db";
    try {
        ensure_data(o);
        bench_normalization();
        bench_caller_ids();
        storage::Database db(storage::StoreLocation::parse(o.db));
        storage::Store store(db);
        const std::string data = describe_data(store);
        phone::PhoneNormalizer ru("RU");
        search::CustomerSearch finder(store, ru);
        bench_lookup_and_pop(o, finder, data);
        bench_name_search(o, finder, data);
        bench_ending_search(o, finder, data);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_local: %s\n", e.what());
        return 1;
    }
    return 0;
}
