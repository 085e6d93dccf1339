// bench_directory: federated search and directory sync (issue 15), through the desk. Search: three
// loopback REST sources answering a name lookup after 50 ms each, the local hits' and all hits' time.
// Sync: customers a minute from an sql CRM (a SQLite file) and from a paginated REST list on loopback,
// then an incremental run over 1,000 changes. Prints rows of the shared table.
// Built on demand: ninja -C build bench_directory && build/tests/bench/bench_directory [--customers N]
#include <httplib.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "bench_table.h"
#include "config/config.h"
#include "desk/desk.h"
#include "storage/store.h"

using namespace kartoteka;
using bench::Samples;

namespace {

/// A loopback backend: a name lookup answered after `delay_ms`, and `total` customers listed in pages.
struct Backend {
    httplib::Server http;
    int port = 0;
    std::thread thread;
    Backend(int delay_ms, long total) {
        http.set_keep_alive_max_count(100000);
        http.set_tcp_nodelay(true);
        http.Get("/users", [delay_ms](const httplib::Request&, httplib::Response& res) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            res.set_content(R"({"users":[{"id":"B-1","name":"Иван Бэкендов","phone":"+79160000001"}]})", "application/json");
        });
        http.Get("/list", [total](const httplib::Request& req, httplib::Response& res) {
            const long page = std::stol(req.get_param_value("page")), size = std::stol(req.get_param_value("per_page"));
            std::string body = "[";
            for (long i = (page - 1) * size; i < std::min(total, page * size); ++i)
                body += std::string(body.size() > 1 ? "," : "") + R"({"id":)" + std::to_string(i) + R"(,"name":"Пётр Списков)" +
                        std::to_string(i) + R"(","phone":"+7917)" + std::to_string(1000000 + i) + R"(","updated_at":1700000000})";
            res.set_content(body + "]", "application/json");
        });
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
        for (int i = 0; i < 400 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~Backend() {
        http.stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

std::string rest_entry(const std::string& name, const std::string& url, bool directory) {
    std::string e = "  - name: " + name + "\n    type: rest\n    timeout_ms: 1000\n    settings:\n      base_url: " + url +
                    "\n      retries: 0\n      read_timeout_ms: 30000\n      entities:\n        customer:\n"
                    "          endpoint: /users?name={name}\n          list: /users\n"
                    "          fields: {id: /id, name: /name, phone: /phone}\n";
    if (directory)
        e += "        directory:\n          endpoint: /list\n"
             "          pagination: {mode: page, param: page, size_param: per_page, size: 1000}\n"
             "          fields: {id: /id, name: /name, phone: /phone, changed_at: /updated_at}\n";
    return e;
}

std::string crm_entry(const std::string& file) {
    return "  - name: crm\n    type: sql\n    settings:\n      backend: sqlite3\n      connection: \"db=" + file +
           "\"\n      queries:\n        directory:\n"
           "          sql: SELECT cid, surname, given, msisdn, changed FROM clients WHERE changed >= :since ORDER BY changed\n"
           "          fields: {id: cid, last_name: surname, first_name: given, phone: msisdn, changed_at: changed}\n";
}

void make_crm(const std::string& file, long n) {
    soci::session s(*soci::factory_sqlite3(), "db=" + file);
    s << "CREATE TABLE clients (cid TEXT, surname TEXT, given TEXT, msisdn TEXT, changed INTEGER)";
    s << "CREATE INDEX clients_changed ON clients(changed)";
    soci::transaction tx(s);
    std::string id, surname, phone;
    long long changed = 0;
    soci::statement st = (s.prepare << "INSERT INTO clients VALUES(:i, :s, 'Анна', :p, :c)", soci::use(id), soci::use(surname),
                          soci::use(phone), soci::use(changed));
    for (long i = 0; i < n; ++i) {
        id = "C-" + std::to_string(i);
        surname = "Сидорова" + std::to_string(i);
        phone = "+7916" + std::to_string(1000000 + i);
        changed = 1700000000 + i / 100;
        st.execute(true);
    }
    tx.commit();
}

std::unique_ptr<desk::Desk> make_desk(const std::string& yaml, const std::string& db) {
    desk::DeskOptions o;
    o.store_override = db;
    o.store_password = "";
    auto d = std::make_unique<desk::Desk>(config::parse_config("agent: {login: bench}\n" + yaml, "bench.yaml"), o);
    d->with_store([](storage::Store& s) {
        if (s.agent_by_login("bench")) return;
        model::Agent a{0, "bench", "Bench", model::Role::admin, 0, true};
        s.insert_agent(a);
    });
    return d;
}

std::string per_minute(double v) { return bench::count(v) + "/min"; }

void bench_search(const std::string& dir) {
    Backend a(50, 0), b(50, 0), c(50, 0);
    auto d = make_desk("connectors:\n" + rest_entry("a", a.url(), false) + rest_entry("b", b.url(), false) +
                           rest_entry("c", c.url(), false), dir + "/search.db");
    d->with_store([](storage::Store& s) {
        for (int i = 0; i < 2000; ++i) {
            model::Customer k;
            k.first_name = "Иван";
            k.last_name = "Локальный" + std::to_string(i);
            k.phones = {"+7915" + std::to_string(1000000 + i)};
            s.insert_customer(k, 1700000000);
        }
    });
    Samples local, all;
    for (int i = 0; i < 60; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        bool first = true;
        d->search_all("Иван", 20, [&](const desk::SearchResult& r) {
            const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
            if (first) local.add(us), first = false;
            if (r.complete) all.add(us);
        });
    }
    const double floor = 50000;
    bench::emit({"federated search: local hits", "3 sources at 50 ms, 2k local", bench::human(local.median()),
                 bench::human(local.p99()), "p99 < 10 ms", "-",
                 bench::verdict(local.p99(), 10000, bench::why_missed(local.median(), local.p99(), 10000, std::nullopt, ""))});
    bench::emit({"federated search: all hits", "3 sources at 50 ms", bench::human(all.median()), bench::human(all.p99()),
                 "p99 < 65 ms", bench::human(floor),
                 bench::verdict(all.p99(), 65000, bench::why_missed(all.median(), all.p99(), 65000, floor, "the slowest source"))});
}

void emit_rate(const std::string& metric, long n, double seconds) {
    const double rate = static_cast<double>(n) / seconds * 60.0;
    bench::emit({metric, bench::count(static_cast<double>(n)) + " customers", per_minute(rate), "-", "≥ 100k/min", "-",
                 bench::verdict_at_least(rate, 100000, "load average " + bench::load_average(), per_minute)});
}

void bench_sync(const std::string& dir, long n) {
    const std::string crm = dir + "/crm.db";
    make_crm(crm, n);
    auto d = make_desk("connectors:\n" + crm_entry(crm), dir + "/sync-sql.db");
    double s = bench::time_us([&] { d->sync_directory("crm"); }) / 1e6;
    emit_rate("directory sync: sql", n, s);
    // 1,000 customers change in the CRM: the next run reads and stores only those.
    {
        soci::session db(*soci::factory_sqlite3(), "db=" + crm);
        db << "UPDATE clients SET surname = surname || '-2', changed = 1900000000 WHERE rowid % :k = 0 AND rowid <= :m",
            soci::use(std::max(1L, n / 1000)), soci::use(n);
    }
    std::vector<desk::DirectoryRun> runs;
    const double inc = bench::time_us([&] { runs = d->sync_directory("crm"); });
    bench::emit({"directory sync: incremental", std::to_string(runs.at(0).updated) + " changes in " + bench::count(static_cast<double>(n)),
                 bench::human(inc), "-", "< 2 s", "-", bench::verdict(inc, 2e6, "load average " + bench::load_average())});
    Backend list(0, n);
    auto r = make_desk("connectors:\n" + rest_entry("list", list.url(), true), dir + "/sync-rest.db");
    s = bench::time_us([&] { r->sync_directory("list"); }) / 1e6;
    emit_rate("directory sync: paginated rest", n, s);
}

}  // namespace

int main(int argc, char** argv) {
    long customers = 100000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--customers") customers = std::stol(argv[i + 1]);
    const auto dir = std::filesystem::temp_directory_path() / ("bench-directory-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    bench_search(dir.string());
    bench_sync(dir.string(), customers);
    if (customers < 1000000) bench::note("directory bench: incremental run over a " + bench::count(static_cast<double>(customers)) +
                                         "-customer index (the goal names 1M; pass --customers 1000000)");
    std::filesystem::remove_all(dir);
    return 0;
}
