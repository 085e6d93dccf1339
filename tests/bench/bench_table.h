#pragma once
/// The one table every Kartoteka benchmark feeds (tests/bench, installer/bench.sh). Each program prints
/// its rows as tab-separated lines starting with "ROW" (metric, data, median, p99, goal, floor, verdict)
/// and remarks as lines starting with "NOTE"; installer/bench.sh gathers the lines of every program and
/// prints one Markdown table. Everything else a program says goes to standard error.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kartoteka::bench {

struct Samples {
    std::vector<double> us;  ///< microseconds
    void add(double v) { us.push_back(v); }
    double pct(double p) const {
        if (us.empty()) return 0;
        auto v = us;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    }
    double median() const { return pct(0.5); }
    double p99() const { return pct(0.99); }
    double max() const { return us.empty() ? 0 : *std::max_element(us.begin(), us.end()); }
    std::size_t size() const { return us.size(); }
};

template <typename F>
double time_us(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
}

/// Microseconds for people: "0.35 us", "6.20 ms", "1.02 s".
inline std::string human(double us) {
    char b[32];
    if (us < 1000) std::snprintf(b, sizeof b, "%.2f us", us);
    else if (us < 1e6) std::snprintf(b, sizeof b, "%.2f ms", us / 1000);
    else std::snprintf(b, sizeof b, "%.2f s", us / 1e6);
    return b;
}

/// "100k", "1M", "1.06M": sizes in the data column.
inline std::string count(double n) {
    char b[32];
    if (n >= 1e6) std::snprintf(b, sizeof b, "%.3gM", n / 1e6);
    else if (n >= 1e3) std::snprintf(b, sizeof b, "%.3gk", n / 1e3);
    else std::snprintf(b, sizeof b, "%.0f", n);
    return b;
}

/// The one-minute load average: printed with a miss, since on a shared machine it often is the why.
inline std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string first;
    in >> first;
    return first.empty() ? "?" : first;
}

struct Row {
    std::string metric, data, median, p99, goal, floor, verdict;
};

inline void emit(const Row& r) {
    std::printf("ROW\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.metric.c_str(), r.data.c_str(), r.median.c_str(), r.p99.c_str(),
                r.goal.c_str(), r.floor.c_str(), r.verdict.c_str());
    std::fflush(stdout);
}

inline void note(const std::string& text) {
    std::printf("NOTE\t%s\n", text.c_str());
    std::fflush(stdout);
}

using Format = std::function<std::string(double)>;

/// Why a figure missed its goal, read off the figures themselves: the floor is already over the goal
/// (no code of ours can fix that), only the tail is over while the median is far below (spikes: look at
/// the machine's load), or our own work above the floor is what costs.
inline std::string why_missed(double median, double value, double goal, std::optional<double> floor,
                              const std::string& floor_name, const Format& fmt = human) {
    if (floor && *floor >= goal) return floor_name + " alone takes " + fmt(*floor) + ", over the goal";
    if (median <= goal / 2)
        return "tail only (median " + fmt(median) + "): stalls, load average " + load_average() + " on this machine";
    if (floor) return "our work above " + floor_name + " (" + fmt(*floor) + ") costs " + fmt(value - *floor);
    return "median " + fmt(median) + " is itself near the goal";
}

/// "met", or "missed by <how much> (<percent>): <why>" for a figure that must stay at or under `goal`.
inline std::string verdict(double value, double goal, const std::string& why, const Format& fmt = human) {
    if (value <= goal) return "met";
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f%%", 100.0 * (value - goal) / goal);
    return "missed by " + fmt(value - goal) + " (" + pct + "): " + why;
}

/// The same for a figure that must reach at least `goal` (throughput).
inline std::string verdict_at_least(double value, double goal, const std::string& why, const Format& fmt) {
    if (value >= goal) return "met";
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f%%", 100.0 * (goal - value) / goal);
    return "missed by " + fmt(goal - value) + " (" + pct + "): " + why;
}

}  // namespace kartoteka::bench
