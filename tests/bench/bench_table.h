#pragma once
/// The one table format every Kartoteka benchmark prints (tests/bench, installer/bench.sh): a row per
/// metric with its median, p99, the goal, and the floor it is compared with, measured in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
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
};

template <typename F>
double time_us(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
}

inline std::string human(double us) {
    char b[32];
    if (us < 1000) std::snprintf(b, sizeof b, "%.2f us", us);
    else if (us < 1e6) std::snprintf(b, sizeof b, "%.2f ms", us / 1000);
    else std::snprintf(b, sizeof b, "%.2f s", us / 1e6);
    return b;
}

inline void header() {
    std::printf("| metric | data | median | p99 | goal | met | floor (same run) |\n|---|---|---:|---:|---|---|---|\n");
}

/// One row; `met` is decided by the caller against the goal and says by how much when missed.
inline void row(const std::string& metric, const std::string& data, const std::string& median, const std::string& p99,
                const std::string& goal, const std::string& met, const std::string& floor) {
    std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", metric.c_str(), data.c_str(), median.c_str(), p99.c_str(),
                goal.c_str(), met.c_str(), floor.c_str());
    std::fflush(stdout);
}

inline std::string verdict(double value, double goal) {
    if (value <= goal) return "yes";
    char b[48];
    std::snprintf(b, sizeof b, "no: %.1fx the goal", value / goal);
    return b;
}

}  // namespace kartoteka::bench
