// bench_sla: recomputes an SLA board of 100,000 open tickets over 50 calendars, and updates one ticket.
// Built on demand (ninja bench_sla); prints rows of the shared table (bench_table.h). Single-threaded.
// Goals (issue 8): recompute under 50 ms, one update under 1 ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "bench_table.h"
#include "config/config.h"
#include "sla/sla_board.h"
#include "util/time.h"

using namespace kartoteka;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int ticket_count = 100'000;
constexpr int calendar_count = 50;

std::vector<config::CalendarConfig> calendars() {
    const char* zones[] = {"Europe/Moscow", "Europe/Berlin", "America/Sao_Paulo", "Australia/Sydney", "Asia/Tehran",
                           "America/New_York", "Asia/Tokyo", "Europe/London", "Asia/Kolkata", "America/Los_Angeles"};
    std::vector<config::CalendarConfig> out;
    for (int i = 0; i < calendar_count; ++i) {
        config::CalendarConfig c;
        c.id = "cal-" + std::to_string(i);
        c.timezone = zones[i % 10];
        for (int d = 1; d <= 5; ++d) c.hours[static_cast<std::size_t>(d)] = {{9 * 3600, 13 * 3600}, {14 * 3600, 18 * 3600}};
        if (i % 3 == 1) c.hours[6] = {{10 * 3600, 16 * 3600}};  // Saturday shift
        if (i % 5 == 4)
            for (auto& d : c.hours) d = {{0, 86400}};  // round the clock
        c.yearly_holidays = {{1, 1}, {1, 7}, {3, 8}, {5, 1}, {5, 9}, {6, 12}, {11, 4}, {12, 25}};
        c.dated_holidays = {20521, 20522};  // 2026-03-09 and -10
        out.push_back(c);
    }
    return out;
}

config::SlaConfig policies() {
    config::SlaConfig s;
    s.calendar = "cal-0";
    s.fallback = {8 * 3600, 4 * 3600, 24 * 3600, std::nullopt, std::nullopt};
    for (const char* type : {"billing", "connection", "delivery", "equipment", "service", "porting"}) {
        config::ProblemPolicyConfig p;
        p.targets.resolution = 16 * 3600;
        p.by_severity[5] = {3600, 2 * 3600, 8 * 3600, std::nullopt, 50};
        s.policies[type] = p;
    }
    return s;
}

std::vector<model::Ticket> tickets(model::Timestamp now, std::mt19937_64& rng) {
    using K = model::TicketEventKind;
    const K kinds[] = {K::agent_reply, K::customer_reply, K::waiting_customer, K::agent_reply, K::changed};
    const char* types[] = {"billing", "connection", "delivery", "equipment", "service", "porting"};
    std::vector<model::Ticket> out(ticket_count);
    for (int i = 0; i < ticket_count; ++i) {
        auto& t = out[static_cast<std::size_t>(i)];
        t.id = i + 1;
        t.owner_id = 1 + static_cast<model::Id>(rng() % 200);
        t.problem_type = types[rng() % 6];
        t.severity = 1 + static_cast<int>(rng() % 5);
        t.calendar = "cal-" + std::to_string(rng() % calendar_count);
        t.created_at = now - static_cast<model::Timestamp>(rng() % (14 * 86400));
        t.events.push_back({0, t.id, K::created, t.created_at, t.owner_id, ""});
        model::Timestamp at = t.created_at;
        for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
            at += static_cast<model::Timestamp>(rng() % 30000);
            if (at >= now) break;
            t.events.push_back({0, t.id, kinds[rng() % 5], at, t.owner_id, ""});
        }
    }
    return out;
}

sla::Directory directory() {
    std::vector<model::Agent> agents;
    std::vector<model::Team> teams;
    for (model::Id t = 1; t <= 20; ++t) teams.push_back({t, "team " + std::to_string(t), t * 10});
    for (model::Id a = 1; a <= 200; ++a) agents.push_back({a, "a" + std::to_string(a), "Agent " + std::to_string(a),
                                                           model::Role::operator_, 1 + (a - 1) / 10, true});
    return sla::Directory(agents, teams);
}

/// Wall time and this thread's CPU time of each run: on a shared machine the CPU time is the fairer
/// "on one core" figure, the wall time says what a user would wait.
struct Row {
    std::string name;
    std::vector<double> ms;
    std::vector<double> cpu_ms;
};

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// Times one call of f into the row.
template <typename F> void timed(Row& row, F&& f) {
    const double c0 = thread_cpu_ms();
    const auto t0 = Clock::now();
    f();
    row.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    row.cpu_ms.push_back(thread_cpu_ms() - c0);
}

double pct(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

std::string ms_text(double ms) { return bench::human(ms * 1000); }

/// A row for a timed case: wall-clock median and p99, CPU time beside them. On a shared machine a wall
/// time over the goal with the CPU time under it waited for a core rather than computed.
void emit(const Row& r, const std::string& metric, const std::string& data, double goal_ms, const std::string& goal) {
    const double wall = pct(r.ms, 0.99), cpu = pct(r.cpu_ms, 0.99);
    const double cpu_median = pct(r.cpu_ms, 0.5);
    std::string why = cpu <= goal_ms ? "CPU time " + ms_text(cpu) + " p99 is within the goal: the wall time waited for a "
                                       "shared core (load average " + bench::load_average() + ")"
                      : cpu_median > 0.8 * goal_ms ? "the computation itself: CPU time " + ms_text(cpu_median) + " median"
                                                   : bench::why_missed(pct(r.ms, 0.5), wall, goal_ms, std::nullopt, "", ms_text);
    bench::emit({metric, data, ms_text(pct(r.ms, 0.5)), ms_text(wall), goal,
                 "no floor; CPU time " + ms_text(pct(r.cpu_ms, 0.5)) + " median, " + ms_text(cpu) + " p99",
                 bench::verdict(wall, goal_ms, why, ms_text)});
}

}  // namespace

int main() {
    std::mt19937_64 rng(4);
    const model::Timestamp now = *util::parse_iso("2026-03-18T12:00:00Z");
    auto cfg = policies();
    sla::PolicySet policy_set(cfg);
    auto open = tickets(now, rng);

    Row cold{"recompute, cold calendars (first run)", {}, {}};
    for (int run = 0; run < 5; ++run) {  // fresh calendars each time: includes expanding the working intervals
        sla::CalendarSet cals(calendars());
        sla::Board board(policy_set, cals, directory());
        timed(cold, [&] { board.recompute(open, now); });
    }

    sla::CalendarSet cals(calendars());
    sla::Board board(policy_set, cals, directory());
    board.recompute(open, now);
    Row warm{"recompute 100k tickets, warm", {}, {}};
    for (int run = 0; run < 21; ++run) {
        timed(warm, [&] { board.recompute(open, now + run * 60); });
    }

    Row update{"update one ticket (new event)", {}, {}};
    for (int run = 0; run < 2000; ++run) {
        auto& t = open[rng() % open.size()];
        t.events.push_back({0, t.id, model::TicketEventKind::agent_reply, now + 600, t.owner_id, ""});
        timed(update, [&] { board.update(t, now + 600); });
    }

    Row change{"update one ticket (policy change)", {}, {}};
    for (int run = 0; run < 2000; ++run) {
        auto& t = open[rng() % open.size()];
        t.severity = t.severity == 5 ? 1 : 5;
        t.calendar = "cal-" + std::to_string(rng() % calendar_count);
        timed(change, [&] { board.update(t, now + 600); });
    }

    const std::string data = "100k open tickets, 50 calendars in 10 zones";
    emit(warm, "SLA board recompute", data + ", 21 runs", 50, "under 50 ms");
    bench::note("SLA board, first recompute with cold calendars (working intervals expanded): " + ms_text(pct(cold.ms, 0.5)) +
                " median of 5 runs, CPU " + ms_text(pct(cold.cpu_ms, 0.5)));
    emit(update, "SLA board, one ticket update (new event)", "2000 updates", 1, "under 1 ms");
    emit(change, "SLA board, one ticket update (policy change)", "2000 updates", 1, "under 1 ms");
    const auto& totals = board.totals();
    char b[160];
    std::snprintf(b, sizeof b, "SLA board: %d tickets, %d breached, %d warning, %d paused, %d ok", totals.total,
                  totals.breached, totals.warning, totals.paused, totals.ok);
    bench::note(b);
    return 0;
}
