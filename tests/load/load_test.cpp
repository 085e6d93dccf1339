// Multi-seat load test: N seat processes against one real PostgreSQL server (loopback only), each
// popping cards by phone, logging contacts, updating tickets and working offers, for a bounded time.
// Prints throughput, p50/p99 latencies and conflicts, then reconciles: every write a seat was told
// succeeded is in the database exactly once, no update was lost (version counters match the number of
// acknowledged updates), and every logged contact reached the loopback "CRM" exactly once: each seat
// also delivers the shared outbox, and the rows are claimed (FOR UPDATE SKIP LOCKED), never sent twice.
//
//   kartoteka-load --db "host=127.0.0.1 port=5432 dbname=k user=k" [--seats 50] [--seconds 20]
//                  [--customers 2000]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <mutex>
#include <thread>

#include "actions/agent_actions.h"
#include "config/config.h"
#include "connector/write_back.h"
#include "connectors.h"
#include "card/card.h"
#include "desk/card_service.h"
#include "demo/demo_generator.h"
#include "error.h"
#include "search/customer_search.h"
#include "storage/database.h"
#include "storage/store.h"
#include "util/time.h"

using namespace kartoteka;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string db;
    std::string crm_url;  ///< the loopback backend every seat writes contacts back to
    int seats = 50;
    int seconds = 20;
    long long customers = 2000;
};

struct SeatJournal {
    std::map<std::string, std::vector<double>> latency_ms;  // op -> samples
    std::vector<std::string> contacts;                      // tokens of acknowledged contacts
    std::map<model::Id, int> ticket_updates, offer_updates;  // acknowledged updates per record
    int conflicts = 0, errors = 0;
};

template <typename F>
void timed(SeatJournal& j, const std::string& op, F&& f) {
    const auto t0 = Clock::now();
    f();
    j.latency_ms[op].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
}

/// The "crm" rest connector at the loopback backend: contacts are written back to it.
std::vector<connector::Source> crm_sources(const std::string& url) {
    const auto cfg = config::parse_config(
        // retries: 0 makes each HTTP request one recorded outbox attempt. With the client's own retries a
        // timed-out POST that the CRM did apply is sent again inside one attempt (harmless: the key makes
        // it idempotent), and the reconcile could no longer tell that from two seats sending one row.
        "connectors:\n  - name: crm\n    type: rest\n    settings:\n      retries: 0\n      base_url: " + url +
            "\n      entities:\n        customer: {endpoint: '/customers?phone={phone}', fields: {id: /id}}\n"
            "      writeback:\n        interaction: {endpoint: /interactions}\n",
        "load.yaml");
    connector::Registry registry;
    connectors::register_all(registry);
    return registry.create_all(cfg.connectors);
}

/// One seat: its own process, its own connection, random work until the time is up.
void run_seat(const Options& o, int seat, const std::vector<std::string>& phones, const std::string& journal_path) {
    storage::Database db(storage::StoreLocation::parse(o.db));
    storage::Store store(db);
    auto agent = *store.agent_by_login(seat % 2 ? "operator" : "operator2");
    phone::PhoneNormalizer normalizer("RU");
    search::CustomerSearch finder(store, normalizer);
    desk::CardLoader loader(store, 50);
    // The seat's write-back: contacts go to the "crm" connector, delivered by this seat's passes.
    const auto sources = crm_sources(o.crm_url);
    connector::Outbox outbox(store);
    connector::OutboxDeliverer deliverer(store, outbox, sources, {8, 1, std::chrono::milliseconds(3000)}, util::system_now);
    actions::AgentActions act(store, agent, connector::routes_for(sources));
    std::mt19937_64 rng(static_cast<std::uint64_t>(seat) * 7919 + 1);
    SeatJournal j;
    const auto end = Clock::now() + std::chrono::seconds(o.seconds);
    long long seq = 0;
    while (Clock::now() < end) {
        const std::string& phone = phones[rng() % phones.size()];
        std::optional<card::Card> c;
        try {
            timed(j, "pop card", [&] {
                auto ids = finder.by_phone(phone);
                if (!ids.empty()) c = loader.load(ids.front(), util::system_now());
            });
            if (!c) continue;
            const std::string token = "load seat " + std::to_string(seat) + " #" + std::to_string(++seq);
            timed(j, "log contact", [&] {
                act.log_contact({c->customer.id, model::Channel::phone, model::Direction::inbound, token}, util::system_now());
            });
            j.contacts.push_back(token);
            if (!c->tickets.empty()) {
                auto t = c->tickets[rng() % c->tickets.size()];
                timed(j, "update ticket", [&] {
                    t.updated_at = util::system_now();
                    t.severity = static_cast<int>(rng() % 5) + 1;
                    store.update_ticket(t);  // version-checked: a stale read is a conflict, never an overwrite
                });
                ++j.ticket_updates[t.id];
            }
            if (!c->offers.empty()) {
                auto of = c->offers[rng() % c->offers.size()];
                timed(j, "work offer", [&] {
                    of.outcome = token;
                    of.status = model::OfferStatus::in_progress;
                    of.updated_at = util::system_now();
                    store.update_offer(of);
                });
                ++j.offer_updates[of.id];
            }
            if (seq % 4 == 0) timed(j, "deliver write-backs", [&] { deliverer.deliver_due(); });
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::conflict) ++j.conflicts;
            else ++j.errors;
        }
    }
    std::ofstream out(journal_path);
    out << "conflicts " << j.conflicts << "\nerrors " << j.errors << "\n";
    for (const auto& [op, v] : j.latency_ms)
        for (double ms : v) out << "lat\t" << op << "\t" << ms << "\n";
    for (const auto& t : j.contacts) out << "contact\t" << t << "\n";
    for (const auto& [id, n] : j.ticket_updates) out << "ticket\t" << id << "\t" << n << "\n";
    for (const auto& [id, n] : j.offer_updates) out << "offer\t" << id << "\t" << n << "\n";
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--db") o.db = v;
        else if (k == "--seats") o.seats = std::clamp(std::stoi(v), 1, 200);
        else if (k == "--seconds") o.seconds = std::clamp(std::stoi(v), 1, 600);
        else if (k == "--customers") o.customers = std::clamp(std::stoll(v), 10LL, 1000000LL);
        else throw Error(ErrorKind::invalid, "unknown option " + k);
    }
    if (o.db.empty()) throw Error(ErrorKind::invalid, "--db needs a PostgreSQL connection string");
    return o;
}

}  // namespace

/// The loopback CRM: applies each idempotency key once and remembers what each request carried.
struct Crm {
    std::mutex m;
    std::map<std::string, int> requests_by_key;
    std::map<std::string, int> applied_by_summary;
};

int main(int argc, char** argv) try {
    Options o = parse(argc, argv);
    // Bound before the seats fork (no thread exists yet), served after: a fork with threads running
    // could copy a lock held by one of them into the child.
    httplib::Server crm_http;
    Crm crm;
    crm_http.Post("/interactions", [&crm](const httplib::Request& req, httplib::Response& res) {
        const std::string key = req.get_header_value("Idempotency-Key");
        std::lock_guard lock(crm.m);
        if (crm.requests_by_key[key]++ == 0) {
            const auto body = nlohmann::json::parse(req.body, nullptr, false);
            if (body.is_object() && body.contains("summary")) ++crm.applied_by_summary[body["summary"].get<std::string>()];
        }
        res.status = 201;
        res.set_content(R"({"id":"crm-)" + std::to_string(crm.requests_by_key.size()) + R"("})", "application/json");
    });
    // One thread per seat's kept-alive connection (httplib's default pool of 8 would queue seats behind
    // idle connections until their deliveries time out).
    crm_http.new_task_queue = [seats = o.seats] { return new httplib::ThreadPool(static_cast<std::size_t>(seats) + 8); };
    const int crm_port = crm_http.bind_to_any_port("127.0.0.1");
    o.crm_url = "http://127.0.0.1:" + std::to_string(crm_port);
    std::vector<std::string> phones;
    std::map<model::Id, int> ticket_version0, offer_version0;
    {
        storage::Database db(storage::StoreLocation::parse(o.db));
        storage::Store store(db);
        if (store.customer_count() < o.customers) {
            demo::DemoOptions d;
            d.customers = o.customers - store.customer_count();
            demo::seed_demo(store, d);
        }
        std::string p;
        soci::statement st = (store.session().prepare << "SELECT e164 FROM customer_phones", soci::into(p));
        st.execute();
        while (st.fetch()) phones.push_back(p);
        model::Id id = 0;
        int version = 0;
        soci::statement tv = (store.session().prepare << "SELECT id, version FROM tickets", soci::into(id), soci::into(version));
        tv.execute();
        while (tv.fetch()) ticket_version0[id] = version;
        soci::statement ov = (store.session().prepare << "SELECT id, version FROM offers", soci::into(id), soci::into(version));
        ov.execute();
        while (ov.fetch()) offer_version0[id] = version;
    }
    const std::string dir = "/tmp/kartoteka-load-" + std::to_string(getpid());
    std::system(("mkdir -p " + dir).c_str());
    std::printf("load: %d seats for %d s against %zu phones (loopback PostgreSQL)\n", o.seats, o.seconds, phones.size());
    std::fflush(stdout);
    const auto started = Clock::now();
    std::vector<pid_t> children;
    for (int s = 0; s < o.seats; ++s) {
        pid_t pid = fork();
        if (pid == 0) {
            try {
                run_seat(o, s, phones, dir + "/seat" + std::to_string(s));
                _exit(0);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "seat %d: %s\n", s, e.what());
                _exit(1);
            }
        }
        children.push_back(pid);
    }
    std::thread crm_thread([&] { crm_http.listen_after_bind(); });
    int failed_seats = 0;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed_seats;
    }
    const double wall = std::chrono::duration<double>(Clock::now() - started).count();

    std::map<std::string, std::vector<double>> lat;
    std::vector<std::string> contacts;
    std::map<model::Id, int> ticket_acks, offer_acks;
    int conflicts = 0, errors = 0;
    for (int s = 0; s < o.seats; ++s) {
        std::ifstream in(dir + "/seat" + std::to_string(s));
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream ls(line);
            std::string kind;
            std::getline(ls, kind, line.find('\t') != std::string::npos ? '\t' : ' ');
            std::string a, b;
            std::getline(ls, a, '\t');
            std::getline(ls, b, '\t');
            if (kind == "conflicts") conflicts += std::stoi(a);
            else if (kind == "errors") errors += std::stoi(a);
            else if (kind == "lat") lat[a].push_back(std::stod(b));
            else if (kind == "contact") contacts.push_back(a);
            else if (kind == "ticket") ticket_acks[std::stoll(a)] += std::stoi(b);
            else if (kind == "offer") offer_acks[std::stoll(a)] += std::stoi(b);
        }
    }
    std::system(("rm -rf " + dir).c_str());

    std::size_t total_ops = 0;
    std::printf("\n| operation | count | per second | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
    for (const auto& [op, v] : lat) {
        total_ops += v.size();
        std::printf("| %s | %zu | %.0f | %.2f | %.2f |\n", op.c_str(), v.size(), static_cast<double>(v.size()) / wall,
                    percentile(v, 0.5), percentile(v, 0.99));
    }
    std::printf("\ntotal %zu operations in %.1f s (%.0f/s); %d version conflicts (detected, not overwritten); %d errors; %d seats failed\n",
                total_ops, wall, static_cast<double>(total_ops) / wall, conflicts, errors, failed_seats);

    // Reconcile against the database.
    storage::Database db(storage::StoreLocation::parse(o.db));
    storage::Store store(db);
    // What the seats' last passes left (contacts logged after a seat's final pass) is delivered now.
    {
        connector::Outbox outbox(store);
        connector::OutboxDeliverer last(store, outbox, crm_sources(o.crm_url), {8, 1, std::chrono::milliseconds(3000)},
                                        util::system_now);
        for (int pass = 0; pass < 20 && outbox.pending_count() > 0; ++pass) last.deliver_due();
    }
    crm_http.stop();
    crm_thread.join();
    long long missing = 0, duplicated = 0, lost_updates = 0;
    std::map<std::string, int> stored;
    {
        std::string summary;
        soci::statement st = (store.session().prepare << "SELECT summary FROM interactions WHERE summary LIKE 'load seat %'",
                              soci::into(summary));
        st.execute();
        while (st.fetch()) ++stored[summary];
    }
    for (const auto& t : contacts) {
        auto it = stored.find(t);
        if (it == stored.end()) ++missing;
        else if (it->second != 1) ++duplicated;
    }
    auto check_versions = [&](const char* table, const std::map<model::Id, int>& acks, const std::map<model::Id, int>& v0) {
        for (const auto& [id, n] : acks) {
            int version = 0;
            store.session() << "SELECT version FROM " << table << " WHERE id = :i", soci::into(version), soci::use(id);
            if (version - v0.at(id) != n) ++lost_updates;
        }
    };
    long long not_sent = 0, sent_twice = 0;
    for (const auto& t : contacts) {
        auto it = crm.applied_by_summary.find(t);
        if (it == crm.applied_by_summary.end()) ++not_sent;
        else if (it->second != 1) ++sent_twice;
    }
    long long repeated_requests = 0, retried_attempts = 0;
    for (const auto& [key, n] : crm.requests_by_key) repeated_requests += n - 1;
    // A key may legitimately arrive again only after an attempt that failed (timed out) was recorded.
    store.session() << "SELECT COALESCE(SUM(attempts - 1), 0) FROM outbox WHERE status = 'delivered'", soci::into(retried_attempts);
    check_versions("tickets", ticket_acks, ticket_version0);
    check_versions("offers", offer_acks, offer_version0);
    std::printf("reconcile: %zu acknowledged contacts, %lld missing, %lld duplicated; %zu tickets and %zu offers updated, "
                "%lld with lost updates\n",
                contacts.size(), missing, duplicated, ticket_acks.size(), offer_acks.size(), lost_updates);
    std::printf("write-back: %zu contacts at the CRM, %lld acknowledged ones not delivered, %lld applied twice; "
                "%lld requests repeated a key after %lld recorded failed attempts (more would mean two seats sent one row)\n",
                crm.applied_by_summary.size(), not_sent, sent_twice, repeated_requests, retried_attempts);
    const bool ok = missing == 0 && duplicated == 0 && lost_updates == 0 && failed_seats == 0 && errors == 0 &&
                    total_ops > 0 && not_sent == 0 && sent_twice == 0 && repeated_requests <= retried_attempts;
    std::printf("%s\n", ok ? "load: PASS" : "load: FAIL");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "kartoteka-load: %s\n", e.what());
    return 2;
}
