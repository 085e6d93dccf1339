// The supervisor's board actions (issue 19): reassign to an agent or a team, escalate, change severity
// and change problem type, each through the desk as the window and `kartoteka-cli sla change` make it
// (one audited, version-checked transaction), on a store of N customers; and how soon a change made at
// one seat shows on another seat's board over PostgreSQL (LISTEN/NOTIFY, then the one row re-evaluated).
//
//   bench_board [--customers N] [--db FILE] [--samples N] [--pg CONNINFO] [--pg-customers N]
//               [--only sqlite|postgresql] [--from STORE]
//     N: customers in the store (default 1000000). FILE: the board's own SQLite store, default
//        kartoteka-bench-board-<N>.db next to this program (the build dir); seeded once with the demo
//        generator and reused (each run adds its few hundred audited changes to it). STORE: a store of N
//        customers (bench_local's) copied to FILE the first time instead of seeding it again.
//     CONNINFO: default KARTOTEKA_TEST_PG, a throwaway database: when it does not hold exactly
//        --pg-customers customers (default 5000; 1000000 for the goal's figures) it is emptied and
//        seeded, otherwise reused as it is. The demo generator writes PostgreSQL row by row (about 100
//        customers a second): for 1M, run with --only postgresql --pg-customers 0 (empties and migrates it), copy
//        FILE in with tests/bench/copy_store_to_pg.py FILE CONNINFO (minutes), then run with 1000000.
//   Example, the goal's figures: bench_board --customers 1000000 --pg-customers 1000000 --samples 1000
#include <algorithm>
#include <chrono>
#include <ctime>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench_table.h"
#include "config/config.h"
#include "demo/demo_generator.h"
#include "desk/desk.h"
#include "error.h"
#include "live/change_listener.h"
#include "storage/store.h"
#include "test_support.h"

using namespace kartoteka;
using bench::Samples;

namespace {

struct Options {
    std::string db;  ///< default: kartoteka-bench-board-<customers>.db next to the program
    long long customers = 1000000;
    int samples = 300;
    std::string pg;
    long long pg_customers = 5000;
    std::string only;  ///< "sqlite" or "postgresql": that store alone
    std::string from;  ///< a store of the same size to copy once instead of seeding (bench_local's)
};

constexpr double kActionGoalUs = 50'000;  // p99 of one board action
constexpr double kLiveGoalUs = 1'000'000;  // another seat's board shows it

std::unique_ptr<desk::Desk> supervisor_desk(const std::string& store) {
    desk::DeskOptions o;
    o.store_override = store;
    o.store_password = "";
    return std::make_unique<desk::Desk>(config::parse_config("agent: {login: supervisor}\n", "bench.yaml"), o);
}

/// Seeds the store up to `customers` with the demo generator, once: a later run finds them and goes on.
void ensure_customers(desk::Desk& d, long long customers, const std::string& where) {
    long long have = 0;
    d.with_store([&](storage::Store& s) { have = s.customer_count(); });
    if (have >= customers) return;
    std::fprintf(stderr, "bench_board: seeding %lld customers into %s (once; reused next time)\n", customers - have,
                 where.c_str());
    const auto t0 = std::chrono::steady_clock::now();
    d.with_store([&](storage::Store& s) {
        demo::DemoOptions opt;
        opt.customers = customers - have;
        opt.now = static_cast<model::Timestamp>(std::time(nullptr));
        demo::seed_demo(s, opt, [](long long done, long long total) {
            if (done % 100000 == 0 || done == total) std::fprintf(stderr, "  %lld/%lld\n", done, total);
        });
    });
    char b[160];
    std::snprintf(b, sizeof b, "%lld customers seeded into %s in %.0f s, load average %s", customers - have, where.c_str(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                  bench::load_average().c_str());
    bench::note(b);
}

/// What each action changes on a ticket; `i` varies the value so every call really changes something.
struct Action {
    const char* name;
    std::function<desk::TicketChange(const model::Ticket&, std::size_t)> change;
};

using Logins = std::vector<std::pair<std::string, model::Id>>;

std::vector<Action> actions(const Logins& logins, const std::vector<std::string>& teams, const std::vector<std::string>& types) {
    return {
        {"reassign", [logins](const model::Ticket& t, std::size_t i) {
             desk::TicketChange c;
             // Never to its owner now: that would be nothing to change.
             const auto& to = logins[i % logins.size()];
             c.owner = to.second == t.owner_id ? logins[(i + 1) % logins.size()].first : to.first;
             c.note = "bench: reassign";
             return c;
         }},
        // To whichever member has the fewest open tickets: the desk counts the team's open work.
        {"reassign to a team", [teams](const model::Ticket&, std::size_t i) {
             desk::TicketChange c;
             c.team = teams[i % teams.size()];
             c.note = "bench: reassign to a team";
             return c;
         }},
        {"escalate", [](const model::Ticket&, std::size_t) {
             desk::TicketChange c;
             c.escalate = true;
             c.note = "bench: escalate";
             return c;
         }},
        {"change severity", [](const model::Ticket& t, std::size_t) {
             desk::TicketChange c;
             c.severity = t.severity % 5 + 1;
             return c;
         }},
        {"change problem type", [types](const model::Ticket& t, std::size_t i) {
             desk::TicketChange c;
             c.problem_type = types[i % types.size()] == t.problem_type ? types[(i + 1) % types.size()] : types[i % types.size()];
             return c;
         }},
    };
}

/// Times each action on `samples` random open tickets; the floor is the bare store write of a ticket
/// in a transaction (what any change costs before the desk's checks, audit row and history event).
void bench_actions(desk::Desk& d, const std::string& where, int samples) {
    std::vector<model::Ticket> open;
    long long customers = 0;
    d.with_store([&](storage::Store& s) {
        open = s.open_tickets();
        customers = s.customer_count();
    });
    if (open.empty()) return bench::note("board actions: no open tickets in " + where);
    Logins logins;
    for (const char* login : {"operator", "operator2", "operator3", "operator4", "operator5", "operator6"})
        if (auto a = d.agent_by_login(login)) logins.emplace_back(login, a->id);
    if (logins.size() < 2) return bench::note("board actions: the store has not the demo's operators in " + where);
    std::vector<std::string> teams;
    d.with_store([&](storage::Store& s) {
        for (const auto& team : s.teams()) teams.push_back(team.name);
    });
    if (teams.empty()) return bench::note("board actions: the store has no teams in " + where);
    auto types = d.problem_types();
    if (types.size() < 2) types = {"billing", "connection"};
    std::mt19937 rng(19);
    const std::string data = bench::count(static_cast<double>(customers)) + " customers, " +
                             bench::count(static_cast<double>(open.size())) + " open tickets, " + where;
    const std::string load_before = bench::load_average();
    Samples floor;  // taken between the actions' samples, so both see the same machine
    auto bare_write = [&] {
        const auto id = open[rng() % open.size()].id;
        floor.add(bench::time_us([&] {
            d.with_store([&](storage::Store& s) {
                storage::Store::Transaction tx(s);
                auto t = *s.ticket(id);
                s.update_ticket(t);
                tx.commit();
            });
        }));
    };
    for (int i = 0; i < 20; ++i) bare_write();  // warm-up: the copy's pages, the connection
    floor = {};
    std::vector<Samples> took_all;
    const auto all = actions(logins, teams, types);
    for (const auto& a : all) {
        Samples took;
        int refused = 0;
        for (int i = 0; i < samples; ++i) {
            if (i % 4 == 0) bare_write();
            model::Ticket t = open[rng() % open.size()];
            d.with_store([&](storage::Store& s) { t = s.ticket(t.id).value_or(t); });  // as it is now, after earlier samples
            const auto change = a.change(t, static_cast<std::size_t>(i));
            try {
                took.add(bench::time_us([&] { d.change_ticket(t.id, change); }));
            } catch (const Error&) {
                ++refused;  // escalating a ticket its lead already owns: nothing to change
            }
        }
        if (refused) bench::note(std::string("board action ") + a.name + ": " + std::to_string(refused) + " of " +
                                 std::to_string(samples) + " refused (nothing to change), not timed");
        took_all.push_back(std::move(took));
    }
    bench::note("board actions on " + where + ": " + std::to_string(samples) + " samples each, load average " +
                load_before + " before, " + bench::load_average() + " after");
    for (std::size_t k = 0; k < all.size(); ++k) {
        const auto& took = took_all[k];
        const double p99 = took.p99();
        bench::emit({std::string("board action: ") + all[k].name + " (desk, audited)", data, bench::human(took.median()),
                     bench::human(p99), "p99 < 50 ms", bench::human(floor.median()) + " bare ticket write",
                     bench::verdict(p99, kActionGoalUs,
                                    bench::why_missed(took.median(), p99, kActionGoalUs, floor.p99(), "the bare write"))});
    }
}

/// Seat A changes a ticket; seat B, listening, re-evaluates that row on its board. From A's call to
/// B's row updated, per change.
void bench_live(const Options& o) {
    if (o.pg.empty())
        return bench::note("live board change between seats: skipped, no PostgreSQL given (--pg or KARTOTEKA_TEST_PG)");
    {
        long long have = 0;
        supervisor_desk(o.pg)->with_store([&](storage::Store& s) { have = s.customer_count(); });
        if (have != o.pg_customers) test::reset_postgres(o.pg);  // another size: start afresh
    }
    auto a = supervisor_desk(o.pg);
    ensure_customers(*a, o.pg_customers, "PostgreSQL");
    if (o.pg_customers == 0)
        return bench::note("PostgreSQL emptied and migrated: copy a store in with tests/bench/copy_store_to_pg.py");
    bench_actions(*a, "PostgreSQL", o.samples);
    auto b = supervisor_desk(o.pg);
    desk::BoardQuery q;
    q.record = false;
    auto board = b->sla_board(q);
    std::mutex m;
    std::condition_variable cv;
    std::vector<model::Id> heard;
    auto listener = b->listen([&](const live::Change& ch) {
        if (ch.table != "tickets") return;
        std::lock_guard lock(m);
        heard.push_back(ch.id);
        cv.notify_all();
    }, [](const std::string& error) { std::fprintf(stderr, "bench_board: listening: %s\n", error.c_str()); });
    std::vector<model::Ticket> open;
    a->with_store([&](storage::Store& s) { open = s.open_tickets(); });
    Samples seen;
    int lost = 0;
    for (int i = 0; i < 100 && !open.empty(); ++i) {
        const auto& t = open[static_cast<std::size_t>(i * 7919) % open.size()];
        desk::TicketChange c;
        c.severity = i % 5 + 1;
        {
            std::lock_guard lock(m);
            heard.clear();
        }
        const auto t0 = std::chrono::steady_clock::now();
        try {
            a->change_ticket(t.id, c);
        } catch (const Error&) {
            continue;  // the same severity already: nothing to change, nothing to hear
        }
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(2), [&] { return std::find(heard.begin(), heard.end(), t.id) != heard.end(); })) {
            ++lost;
            continue;
        }
        lock.unlock();
        b->update_board(*board, t.id);
        seen.add(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    const double p99 = seen.p99();
    bench::emit({"live board change reaches another seat (change, NOTIFY, row re-evaluated)",
                 bench::count(static_cast<double>(o.pg_customers)) + " customers, PostgreSQL", bench::human(seen.median()),
                 bench::human(p99), "p99 < 1 s", "-",
                 lost ? std::to_string(lost) + " changes not heard within 2 s"
                      : bench::verdict(p99, kLiveGoalUs, bench::why_missed(seen.median(), p99, kLiveGoalUs, std::nullopt, ""))});
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (const char* pg = std::getenv("KARTOTEKA_TEST_PG")) o.pg = pg;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--db") o.db = v;
        else if (k == "--customers") o.customers = std::stoll(v);
        else if (k == "--samples") o.samples = std::stoi(v);
        else if (k == "--pg") o.pg = v;
        else if (k == "--pg-customers") o.pg_customers = std::stoll(v);
        else if (k == "--only") o.only = v;
        else if (k == "--from") o.from = v;
    }
    if (o.db.empty())  // the build dir: generated once per build tree, never shared with other benchmarks
        o.db = (std::filesystem::absolute(argv[0]).parent_path() /
                ("kartoteka-bench-board-" + std::to_string(o.customers) + ".db")).string();
    try {
        if (o.only != "postgresql") {
            // A copy, not the file itself: the board's changes stay out of the store other benchmarks read.
            if (!o.from.empty() && !std::filesystem::exists(o.db) && std::filesystem::exists(o.from))
                std::filesystem::copy_file(o.from, o.db);
            auto d = supervisor_desk(o.db);
            ensure_customers(*d, o.customers, o.db);
            bench_actions(*d, "SQLite", o.samples);
        }
        if (o.only != "sqlite") bench_live(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_board: %s\n", e.what());
        return 1;
    }
    return 0;
}
