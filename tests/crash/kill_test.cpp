// Kill test (crash safety of what agents record): runs `kartoteka-cli record contact|complaint` and
// `offer work` hundreds of times against a SQLite store whose rest connector points at a loopback
// backend, SIGKILLing the CLI after a random delay that covers start-up, the local write and the
// delivery. Then `outbox deliver` until nothing is pending, and reconciles:
//   - every record the CLI acknowledged ("saved locally (...)") is in the store;
//   - every outbox row is delivered, and each local record has exactly one;
//   - the backend applied every key exactly once (repeats it dropped are counted, not errors);
//   - nothing was applied that is not in the store;
//   - no record of a killed run is in the store without its outbox row (it would never be sent).
// It relies only on the CLI's commands and output and on the outbox table's idempotency_key, status
// and local_ref columns, not on how the core writes them. The backend is this process (a thread);
// SIGKILL only ever goes to the CLI.
//
//   kartoteka-kill-test --cli PATH [--seconds 40] [--max-runs 600] [--seed N]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
    std::string cli;
    int seconds = 40;
    int max_runs = 600;
    unsigned seed = std::random_device{}();
};

// ---------------------------------------------------------------------------------------------
// The backend: applies each idempotency key once, drops and counts repeats.

struct Applied {
    std::string kind, local_id, token;
};

class Backend {
public:
    Backend() {
        for (const auto& [path, kind, field] : {std::tuple{"/contacts", "interaction", "summary"},
                                                std::tuple{"/tickets", "complaint", "subject"},
                                                std::tuple{"/offers", "offer_outcome", "outcome"}})
            m_server.Post(path, [this, k = std::string(kind), f = std::string(field)](const httplib::Request& req,
                                                                                      httplib::Response& res) {
                apply(k, f, req, res);
            });
        m_server.Get("/customers", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("[]", "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ~Backend() {
        m_server.stop();
        m_thread.join();
    }
    int port() const { return m_port; }
    std::map<std::string, Applied> applied() const {
        std::lock_guard lock(m_mutex);
        return m_applied;
    }
    int repeats() const {
        std::lock_guard lock(m_mutex);
        return m_repeats;
    }
    int refused() const {
        std::lock_guard lock(m_mutex);
        return m_refused;
    }

private:
    void apply(const std::string& kind, const std::string& field, const httplib::Request& req, httplib::Response& res) {
        const std::string key = req.get_header_value("Idempotency-Key");
        const json body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(m_mutex);
        if (key.empty() || body.is_discarded() || !body.contains(field) || !body.contains("local_id")) {
            ++m_refused;  // a write-back without a key or with an unreadable body: a bug, reported at the end
            res.status = 400;
            return;
        }
        if (m_applied.count(key)) {
            ++m_repeats;  // a retry of something already applied: answered as done, changes nothing
        } else {
            m_applied[key] = {kind, body["local_id"].dump(), body[field].get<std::string>()};
        }
        res.status = 201;
        res.set_content(R"({"id":"R-)" + std::to_string(m_applied.size()) + R"("})", "application/json");
    }

    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::map<std::string, Applied> m_applied;
    int m_repeats = 0, m_refused = 0;
};

// ---------------------------------------------------------------------------------------------
// Running the CLI.

struct Outcome {
    bool killed = false;  ///< ended by our SIGKILL (not by exiting first)
    int exit_code = -1;
    std::string out, err;
};

std::string drain(int fd) {
    std::string s;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) s.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return s;
}

/// Runs argv; SIGKILLs it after `kill_after` (negative: never). A child that exited first is a zombie
/// until waited for, so its pid cannot have been reused and the kill is harmless.
Outcome run(const std::vector<std::string>& argv, std::chrono::microseconds kill_after) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {  // only async-signal-safe calls until exec: the parent has threads
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    if (kill_after.count() >= 0) {
        std::this_thread::sleep_for(kill_after);
        ::kill(pid, SIGKILL);
    }
    Outcome o;
    o.out = drain(out[0]);  // the CLI's output is small: stdout then stderr cannot deadlock
    o.err = drain(err[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    o.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return o;
}

Outcome run(const std::vector<std::string>& argv) { return run(argv, std::chrono::microseconds(-1)); }

}  // namespace

namespace {

// ---------------------------------------------------------------------------------------------
// The seat: a SQLite store, a configuration with a rest connector at the backend, demo customers.

struct Attempt {
    std::string kind;         ///< contact, complaint, offer
    std::string token;        ///< unique text of this run: summary, subject or outcome
    long long target = 0;     ///< customer id, or offer id for an offer outcome
    bool killed = false;
    bool acked = false;
    std::string local_ref;    ///< from the acknowledgement: "interaction:12"
};

class Seat {
public:
    Seat(const Options& o, int backend_port) : m_cli(o.cli) {
        char dir_template[] = "/tmp/kartoteka-kill-XXXXXX";
        if (!::mkdtemp(dir_template)) throw std::runtime_error("mkdtemp failed");
        m_dir = dir_template;
        m_db = m_dir + "/seat.db";
        std::ofstream(m_dir + "/seat.yaml")
            << "store: {url: " << m_db << "}\n"
            << "card: {timeline_page: 1000}\n"  // the reconciliation reads whole timelines
            << "connectors:\n  - name: backend\n    type: rest\n    settings:\n"
            << "      base_url: http://127.0.0.1:" << backend_port << "\n      retries: 0\n"
            << "      entities: {customer: {endpoint: '/customers?phone={phone}', fields: {id: /id}}}\n"
            << "      writeback:\n        interaction: {endpoint: /contacts}\n"
            << "        complaint: {endpoint: /tickets}\n        offer_outcome: {endpoint: /offers}\n"
            << "outbox: {max_attempts: 1000, backoff_s: 1}\n";
    }
    ~Seat() { std::filesystem::remove_all(m_dir); }

    std::vector<std::string> argv(std::vector<std::string> command) const {
        command.insert(command.begin(), {m_cli, "--config", m_dir + "/seat.yaml", "--db", m_db});
        return command;
    }
    /// Runs a command that must succeed (set-up and the final deliveries).
    std::string must(std::vector<std::string> command) const {
        const Outcome o = run(argv(command));
        if (o.exit_code != 0) throw std::runtime_error(command[0] + " " + command[1] + " failed: " + o.err);
        return o.out;
    }
    json card(long long customer) const {
        return json::parse(must({"card", "--id", std::to_string(customer), "--json"}));
    }
    const std::string& db() const { return m_db; }

private:
    std::string m_cli, m_dir, m_db;
};

std::vector<std::string> command_for(const Attempt& a) {
    const std::string id = std::to_string(a.target);
    if (a.kind == "contact") return {"record", "contact", "--id", id, "--summary", a.token};
    if (a.kind == "complaint") return {"record", "complaint", "--id", id, "--subject", a.token};
    // Offers are worked with `offer work`: the outcome, plus a timeline note that goes to the backend too.
    return {"offer", "work", "--id", id, "--outcome", "postponed", "--said", a.token};
}

/// "saved locally (interaction:12)" (printed once the record and its outbox row are committed, before
/// delivery) -> "interaction:12"; for a worked offer the first line names the offer.
std::string acknowledged_ref(const std::string& out) {
    static const std::regex ack(R"(saved locally \(([a-z]+:[0-9]+)\)\n)");
    std::smatch m;
    return std::regex_search(out, m, ack) ? m[1].str() : std::string();
}

// ---------------------------------------------------------------------------------------------
// What the store holds, read back through the CLI and the outbox table.

struct StoreView {
    std::map<std::string, std::string> records;  ///< local_ref -> token, for records this test made
    struct Row {
        std::string key, status, local_ref;
    };
    std::vector<Row> outbox;
};

StoreView read_store(const Seat& seat, const std::vector<long long>& customers) {
    StoreView v;
    // This test's records, and the timeline notes `offer work` writes for them ("offer #7 ...: postponed (said: kill-...)").
    auto ours = [](const json& t) {
        return t.is_string() && t.get<std::string>().find("kill-") != std::string::npos;
    };
    for (long long c : customers) {
        const json card = seat.card(c);
        const auto& items = card["interactions"]["items"];
        if (items.size() != card["interactions"]["total"].get<std::size_t>())
            throw std::runtime_error("card timeline truncated: raise card.timeline_page or lower --max-runs");
        for (const auto& i : items)
            if (ours(i["summary"])) v.records["interaction:" + i["id"].dump()] = i["summary"];
        for (const auto& t : card["tickets"])
            if (ours(t["subject"])) v.records["ticket:" + t["id"].dump()] = t["subject"];
        for (const auto& o : card["offers"])
            if (ours(o["outcome"])) v.records["offer:" + o["id"].dump()] = o["outcome"];
    }
    soci::session sql(soci::sqlite3, "db=" + seat.db());
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT idempotency_key, status, local_ref FROM outbox");
    for (const auto& r : rows) v.outbox.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    return v;
}

int pending(const Seat& seat) {
    soci::session sql(soci::sqlite3, "db=" + seat.db());
    int n = 0;
    sql << "SELECT COUNT(*) FROM outbox WHERE status = 'pending'", soci::into(n);
    return n;
}

}  // namespace

namespace {

// ---------------------------------------------------------------------------------------------
// Reconciliation.

const char* ref_prefix(const std::string& backend_kind) {
    return backend_kind == "interaction" ? "interaction:" : backend_kind == "complaint" ? "ticket:" : "offer:";
}

struct Checker {
    std::vector<std::string> problems;
    void expect(bool ok, const std::string& what) {
        if (!ok && problems.size() < 50) problems.push_back(what);
    }
};

/// Acknowledged records are in the store; offers end with the outcome of their last committed run.
void check_records(Checker& c, const std::vector<Attempt>& attempts, const StoreView& v) {
    std::map<long long, std::size_t> last_ack;  // offer id -> index of its last acknowledged attempt
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        const Attempt& a = attempts[i];
        if (!a.acked) continue;
        if (a.kind == "offer") last_ack[a.target] = i;
        else c.expect(v.records.count(a.local_ref) && v.records.at(a.local_ref) == a.token,
                      "acknowledged " + a.local_ref + " (" + a.token + ") is not in the store");
    }
    for (const auto& [offer, from] : last_ack) {
        const auto it = v.records.find("offer:" + std::to_string(offer));
        bool ok = false;  // the last acknowledged outcome, or that of a later run that committed before its kill
        for (std::size_t i = from; it != v.records.end() && i < attempts.size(); ++i)
            ok |= attempts[i].kind == "offer" && attempts[i].target == offer && attempts[i].token == it->second;
        c.expect(ok, "offer " + std::to_string(offer) + " lost its last acknowledged outcome");
    }
}

/// Every outbox row delivered; one row per contact or complaint; none missing for a record in the store.
void check_outbox(Checker& c, const StoreView& v) {
    std::map<std::string, int> rows_per_ref;
    for (const auto& r : v.outbox) {
        c.expect(r.status == "delivered", "outbox row " + r.key + " (" + r.local_ref + ") is " + r.status);
        ++rows_per_ref[r.local_ref];
    }
    for (const auto& [ref, token] : v.records) {
        if (ref.rfind("offer:", 0) == 0) continue;  // one offer collects a row per outcome
        c.expect(rows_per_ref[ref] == 1, ref + " (" + token + ") has " + std::to_string(rows_per_ref[ref]) +
                                             " outbox rows: a record in the store must have exactly one");
    }
}

/// The backend applied exactly the outbox's keys, each once, and only records the store has.
void check_backend(Checker& c, const std::map<std::string, Applied>& applied, const StoreView& v,
                   const std::set<std::string>& tokens) {
    std::set<std::string> keys;
    for (const auto& r : v.outbox) {
        keys.insert(r.key);
        c.expect(applied.count(r.key) == 1, "outbox key " + r.key + " (" + r.local_ref + ") never reached the backend");
    }
    for (const auto& [key, a] : applied) {
        c.expect(keys.count(key) == 1, "the backend applied key " + key + " which the store's outbox does not have");
        const std::string ref = ref_prefix(a.kind) + a.local_id;
        if (a.kind == "offer_outcome")
            c.expect(v.records.count(ref) && tokens.count(a.token), "applied offer outcome " + a.token + " unknown here");
        else
            c.expect(v.records.count(ref) && v.records.at(ref) == a.token,
                     "the backend applied " + ref + " (" + a.token + ") which is not in the store");
    }
}

}  // namespace

namespace {

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--cli") o.cli = v;
        else if (k == "--seconds") o.seconds = std::stoi(v);
        else if (k == "--max-runs") o.max_runs = std::stoi(v);
        else if (k == "--seed") o.seed = static_cast<unsigned>(std::stoul(v));
        else throw std::runtime_error("unknown option " + k);
    }
    if (o.cli.empty()) throw std::runtime_error("usage: kartoteka-kill-test --cli PATH [--seconds S] [--max-runs N] [--seed N]");
    return o;
}

struct Targets {
    std::vector<long long> customers, offers;
};

/// Three demo customers and the offers on their cards.
Targets seed_store(const Seat& seat) {
    seat.must({"demo", "seed", "--customers", "3", "--seed", "1", "--now", "2026-11-24T09:00:00Z"});
    Targets t{{1, 2, 3}, {}};
    for (long long c : t.customers) {
        const json card = seat.card(c);  // named: a range-for over a temporary's member would dangle
        for (const auto& o : card["offers"]) {
            const std::string status = o["status"].get<std::string>();  // only open offers can be worked
            if (status == "planned" || status == "in_progress" || status == "postponed") t.offers.push_back(o["id"].get<long long>());
        }
    }
    if (t.offers.empty()) throw std::runtime_error("the demo customers have no offers to record outcomes of");
    return t;
}

Attempt next_attempt(std::mt19937& rng, const Targets& t, unsigned seed, int n) {
    Attempt a;
    const int pick = std::uniform_int_distribution<int>(0, 9)(rng);
    a.kind = pick < 5 ? "contact" : pick < 8 ? "complaint" : "offer";
    const auto& pool = a.kind == "offer" ? t.offers : t.customers;
    a.target = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
    // Letters between the numbers: "kill-1234567890-123" would be shown masked as a payment card number.
    a.token = "kill-s" + std::to_string(seed) + "-r" + std::to_string(n);
    return a;
}

/// One run, killed after `delay` (negative: left to finish, which must then succeed).
Attempt& attempt(const Seat& seat, Attempt& a, std::chrono::microseconds delay, Checker& c) {
    const Outcome o = run(seat.argv(command_for(a)), delay);
    a.killed = o.killed;
    a.local_ref = acknowledged_ref(o.out);
    a.acked = !a.local_ref.empty();
    if (!o.killed) c.expect(o.exit_code == 0 && a.acked, a.token + " ran to the end without an acknowledgement: " + o.err);
    return a;
}

/// How long an unkilled run takes on this machine now. Every eighth run is left to finish and
/// measured, so the kill delays follow the machine's load (other tests run beside this one) and
/// always reach past the acknowledgement; those runs also keep the acknowledged share substantial.
class Pacer {
public:
    bool left_to_finish(std::size_t run) const { return run < 5 || run % 8 == 0; }
    void finished(Clock::duration took) {
        m_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(took).count());
    }
    /// Kill delays are drawn from 0 to this: 5/4 of the median unkilled run, at least 40 ms.
    std::chrono::microseconds max_delay() const {
        std::vector<long long> v = m_us;
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
        return std::chrono::microseconds(std::max(40000LL, v.empty() ? 0 : v[v.size() / 2] * 5 / 4));
    }

private:
    std::vector<long long> m_us;
};

/// Outbox deliver until nothing is pending (entries due now; a few passes at most).
int deliver_all(const Seat& seat) {
    int passes = 0;
    for (; pending(seat) > 0 && passes < 10; ++passes) {
        seat.must({"outbox", "deliver"});
        if (pending(seat) > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // backoff_s: 1
    }
    return passes;
}

/// The figures, then every problem found.
int report(const Options& o, const std::vector<Attempt>& attempts, double seconds, std::chrono::microseconds max_delay,
           const StoreView& view, int passes, const Backend& backend, const Checker& c) {
    const auto count = [&](auto pred) { return std::count_if(attempts.begin(), attempts.end(), pred); };
    std::set<std::string> stored;
    for (const auto& [ref, token] : view.records) stored.insert(token);
    std::printf("kill test (seed %u): %zu runs in %.1f s, kill delays 0..%lld ms at the end\n", o.seed, attempts.size(), seconds,
                static_cast<long long>(max_delay.count() / 1000));
    std::printf("  killed %ld, finished %ld; acknowledged %ld (%ld of them killed after the acknowledgement)\n",
                count([](const Attempt& a) { return a.killed; }), count([](const Attempt& a) { return !a.killed; }),
                count([](const Attempt& a) { return a.acked; }), count([](const Attempt& a) { return a.killed && a.acked; }));
    std::printf("  contacts and complaints killed before their local commit %ld, after it but before the acknowledgement %ld\n",
                count([&](const Attempt& a) { return a.killed && a.kind != "offer" && !stored.count(a.token); }),
                count([&](const Attempt& a) { return a.killed && !a.acked && a.kind != "offer" && stored.count(a.token); }));
    std::printf("  store: %zu records of this test, %zu outbox rows; %d outbox deliver pass(es) afterwards\n",
                view.records.size(), view.outbox.size(), passes);
    std::printf("  backend: %zu keys applied, %d repeats dropped\n", backend.applied().size(), backend.repeats());
    for (const auto& p : c.problems) std::printf("FAIL: %s\n", p.c_str());
    std::printf("%s\n", c.problems.empty() ? "kill test: ok" : "kill test: FAILED");
    return c.problems.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        std::mt19937 rng(o.seed);
        Backend backend;
        Seat seat(o, backend.port());
        const Targets targets = seed_store(seat);
        Checker c;
        std::vector<Attempt> attempts;
        Pacer pacer;
        const auto started = Clock::now();
        while (static_cast<int>(attempts.size()) < o.max_runs && Clock::now() - started < std::chrono::seconds(o.seconds)) {
            Attempt a = next_attempt(rng, targets, o.seed, static_cast<int>(attempts.size()));
            if (pacer.left_to_finish(attempts.size())) {
                const auto t0 = Clock::now();
                attempts.push_back(attempt(seat, a, std::chrono::microseconds(-1), c));
                pacer.finished(Clock::now() - t0);
                continue;
            }
            const std::chrono::microseconds delay(std::uniform_int_distribution<long long>(0, pacer.max_delay().count())(rng));
            attempts.push_back(attempt(seat, a, delay, c));
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        const int passes = deliver_all(seat);
        const StoreView view = read_store(seat, targets.customers);
        std::set<std::string> tokens;
        for (const auto& a : attempts) tokens.insert(a.token);
        check_records(c, attempts, view);
        check_outbox(c, view);
        check_backend(c, backend.applied(), view, tokens);
        c.expect(backend.refused() == 0, std::to_string(backend.refused()) + " write-backs without a key or a readable body");
        return report(o, attempts, seconds, pacer.max_delay(), view, passes, backend, c);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kill test: %s\n", e.what());
        return 2;
    }
}
