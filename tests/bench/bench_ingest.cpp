// bench_ingest: customers from a connector into the local store (issue 8), rows per second through
// storage::BulkWriter, against the floor of raw sqlite3 inserting the same rows into the same schema
// with the same settings (WAL, synchronous=FULL, foreign keys on), one transaction per batch.
// Batches of 2000 customers go to both files in turn (store first, then raw, alternating), so a busy
// moment on a shared machine hits both alike. Prints rows of the shared table (bench_table.h).
//
//   bench_ingest [--customers N] [--dir DIR]   (two fresh files in DIR, removed at exit)
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_table.h"
#include "demo/demo_generator.h"
#include "demo/demo_names.h"
#include "storage/bulk_writer.h"
#include "storage/database.h"
#include "storage/store.h"
#include "util/text.h"

using namespace kartoteka;

namespace {

constexpr long long batch_size = 2000;

/// A customer record as a connector maps it: names, E.164 phones, an e-mail, the backends' ids.
model::Customer record(long long index, model::Id id) {
    const auto n = static_cast<demo::Nation>(index % 3);
    const auto& pool = demo::names_for(n);
    const auto pick = [index](std::span<const std::string_view> s, long long salt) {
        return std::string(s[static_cast<std::size_t>((index * 2654435761LL + salt) % static_cast<long long>(s.size()))]);
    };
    model::Customer c;
    c.id = id;
    c.first_name = pick(pool.male_first, 1);
    c.last_name = pick(pool.last, 7);
    if (!pool.patronymic_stems.empty()) c.middle_name = demo::patronymic(pick(pool.patronymic_stems, 3), false, n);
    c.language = n == demo::Nation::ru ? "ru" : n == demo::Nation::bg ? "bg" : "en";
    c.created_at = 1700000000 + index;
    c.phones.push_back(demo::demo_phone(index));
    if (index % 4 == 0) c.phones.push_back(demo::demo_phone(index, 1));
    if (index % 10 < 7) c.emails.push_back("customer" + std::to_string(id) + "@example.com");
    c.refs.push_back({"billing", "B-" + std::to_string(id)});
    if (index % 5 < 3) c.refs.push_back({"crm", "CRM-" + std::to_string(100000 + id)});
    return c;
}

/// The floor: the same rows through sqlite3's own prepared statements, nothing in between.
class RawWriter {
public:
    explicit RawWriter(const std::string& path) {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA foreign_keys=ON");
        exec("PRAGMA synchronous=FULL");
        for (const char* sql :
             {"INSERT INTO customers(id, first_name, middle_name, last_name, company, language, manager_id, created_at, "
              "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
              "INSERT INTO customer_phones(customer_id, e164, position) VALUES(?1, ?2, ?3)",
              "INSERT INTO customer_emails(customer_id, email, position) VALUES(?1, ?2, ?3)",
              "INSERT INTO customer_refs(customer_id, system, external_id) VALUES(?1, ?2, ?3)",
              "INSERT INTO customer_name_keys(customer_id, name_key) VALUES(?1, ?2)"}) {
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
                throw std::runtime_error(sqlite3_errmsg(m_db));
            m_st.push_back(st);
        }
    }
    ~RawWriter() {
        for (auto* st : m_st) sqlite3_finalize(st);
        sqlite3_close(m_db);
    }
    /// One transaction; `keys` and `emails` are the rows the store would derive (name keys, folded e-mails).
    void write(const std::vector<model::Customer>& batch, const std::vector<std::vector<std::string>>& keys,
               model::Timestamp now) {
        exec("BEGIN");
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const auto& c = batch[k];
            auto* st = m_st[0];
            sqlite3_bind_int64(st, 1, c.id);
            text(st, 2, c.first_name), text(st, 3, c.middle_name), text(st, 4, c.last_name), text(st, 5, c.company);
            text(st, 6, c.language);
            sqlite3_bind_int64(st, 7, c.manager_id), sqlite3_bind_int64(st, 8, c.created_at), sqlite3_bind_int64(st, 9, now);
            step(st);
            for (std::size_t i = 0; i < c.phones.size(); ++i) row(m_st[1], c.id, c.phones[i], static_cast<int>(i));
            for (std::size_t i = 0; i < c.emails.size(); ++i) row(m_st[2], c.id, c.emails[i], static_cast<int>(i));
            for (const auto& r : c.refs) {
                sqlite3_bind_int64(m_st[3], 1, c.id), text(m_st[3], 2, r.system), text(m_st[3], 3, r.external_id);
                step(m_st[3]);
            }
            for (const auto& key : keys[k]) {
                sqlite3_bind_int64(m_st[4], 1, c.id), text(m_st[4], 2, key);
                step(m_st[4]);
            }
        }
        exec("COMMIT");
    }

private:
    static void text(sqlite3_stmt* st, int i, const std::string& v) {
        sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    void row(sqlite3_stmt* st, model::Id id, const std::string& v, int pos) {
        sqlite3_bind_int64(st, 1, id), text(st, 2, v), sqlite3_bind_int(st, 3, pos);
        step(st);
    }
    void step(sqlite3_stmt* st) {
        if (sqlite3_step(st) != SQLITE_DONE) throw std::runtime_error(std::string("raw insert: ") + sqlite3_errmsg(m_db));
        sqlite3_reset(st);
    }
    void exec(const char* sql) {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(m_db));
    }
    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_st;
};

/// This thread's CPU time: on a shared machine the rows per CPU-second say what the code can do when
/// the wall time waited for a core.
double cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

std::string rate(double rows_per_s) { return bench::count(rows_per_s) + " rows/s"; }

void remove_db(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace

int main(int argc, char** argv) {
    long long customers = 1000000;
    std::string dir = std::filesystem::temp_directory_path().string();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--customers") customers = std::atoll(argv[i + 1]);
        else if (k == "--dir") dir = argv[i + 1];
    }
    const std::string tag = dir + "/kartoteka-bench-ingest-" + std::to_string(::getpid());
    const std::string store_path = tag + "-store.db", raw_path = tag + "-raw.db";
    try {
        // Both files get the program's schema and indexes from the migrations.
        { storage::Database schema(storage::StoreLocation::parse(raw_path)); }
        storage::Database db(storage::StoreLocation::parse(store_path));
        storage::BulkWriter writer(db);
        RawWriter raw(raw_path);
        const model::Timestamp now = 1760000000;
        bench::Samples store_batch, raw_batch;  // rows/s of each batch
        double store_us = 0, raw_us = 0, store_cpu = 0, raw_cpu = 0;
        long long rows = 0;
        for (long long first = 0; first < customers; first += batch_size) {
            std::vector<model::Customer> records;
            std::vector<std::vector<std::string>> keys;
            long long batch_rows = 0;
            for (long long i = first; i < std::min(customers, first + batch_size); ++i) {
                records.push_back(record(i, writer.next_customer_id() + (i - first)));
                auto& c = records.back();
                keys.push_back(storage::name_keys(c));
                batch_rows += 1 + static_cast<long long>(c.phones.size() + c.emails.size() + c.refs.size() + keys.back().size());
            }
            auto via_store = [&] {
                const double c0 = cpu_us();
                const double us = bench::time_us([&] {
                    for (const auto& c : records) writer.add(c, now);
                    writer.flush();
                });
                store_us += us;
                store_cpu += cpu_us() - c0;
                store_batch.add(static_cast<double>(batch_rows) / us * 1e6);
            };
            auto via_raw = [&] {
                const double c0 = cpu_us();
                const double us = bench::time_us([&] { raw.write(records, keys, now); });
                raw_us += us;
                raw_cpu += cpu_us() - c0;
                raw_batch.add(static_cast<double>(batch_rows) / us * 1e6);
            };
            if ((first / batch_size) % 2 == 0) via_store(), via_raw();
            else via_raw(), via_store();
            rows += batch_rows;
        }
        const double store_rate = static_cast<double>(rows) / store_us * 1e6;
        const double raw_rate = static_cast<double>(rows) / raw_us * 1e6;
        const double rows_d = static_cast<double>(rows);
        const std::string cpu = "per CPU-second: store " + rate(rows_d / store_cpu * 1e6) + ", raw " + rate(rows_d / raw_cpu * 1e6);
        bench::note("ingest " + cpu + " (load average " + bench::load_average() + ")");
        std::string why = raw_rate < 500000 ? "raw sqlite3 alone reaches " + rate(raw_rate) + ", under the goal (" + cpu + ")"
                                            : "the store's path runs at " + std::to_string(static_cast<int>(100 * store_rate / raw_rate)) +
                                                  "% of raw sqlite3 (" + cpu + ")";
        bench::emit({"ingest from a connector into the store", bench::count(static_cast<double>(customers)) + " customers, " +
                         bench::count(static_cast<double>(rows)) + " rows (customers, phones, e-mails, refs, name keys)",
                     rate(store_rate) + " overall", rate(store_batch.pct(0.01)) + " (slowest 1% of batches)", "over 500k rows/s",
                     "raw sqlite3, same rows: " + rate(raw_rate) + " overall, " + rate(raw_batch.pct(0.01)) + " slowest 1%",
                     bench::verdict_at_least(store_rate, 500000, why, rate)});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_ingest: %s\n", e.what());
        remove_db(store_path), remove_db(raw_path);
        return 1;
    }
    remove_db(store_path), remove_db(raw_path);
    return 0;
}
