#pragma once
/// A circuit breaker per backend: after `threshold` consecutive failures the backend is not called
/// for `cooldown` (the card shows it as down at once instead of waiting for a timeout on every call);
/// then one trial call decides whether it closes again. Opening and closing are logged under the
/// backend's name: why a source shows as down at once is the first thing IT asks.
#include <chrono>
#include <mutex>
#include <string>

namespace kartoteka::connectors::rest {

class CircuitBreaker {
public:
    using Clock = std::chrono::steady_clock;
    /// `name` (the connector's) is what the log says; never anything about a caller.
    CircuitBreaker(std::string name, int threshold, std::chrono::milliseconds cooldown)
        : m_name(std::move(name)), m_threshold(threshold), m_cooldown(cooldown) {}

    /// True when a call may go out now (closed, or the one trial of a half-open breaker).
    bool allow(Clock::time_point now = Clock::now());
    void succeeded();
    void failed(Clock::time_point now = Clock::now());
    bool open(Clock::time_point now = Clock::now()) const;

private:
    mutable std::mutex m_mutex;
    std::string m_name;
    int m_threshold;
    std::chrono::milliseconds m_cooldown;
    int m_failures = 0;
    Clock::time_point m_open_until{};
    bool m_trial_out = false;
};

}  // namespace kartoteka::connectors::rest
