#include "circuit_breaker.h"

#include "util/log.h"

namespace kartoteka::connectors::rest {

bool CircuitBreaker::allow(Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    if (m_threshold <= 0 || m_failures < m_threshold) return true;
    if (now < m_open_until || m_trial_out) return false;
    m_trial_out = true;  // half-open: exactly one caller probes the backend
    return true;
}

void CircuitBreaker::succeeded() {
    int failures = 0;
    {
        std::lock_guard lock(m_mutex);
        failures = m_failures;
        m_failures = 0;
        m_trial_out = false;
    }
    // Logged outside the lock: a slow log file must not hold up the other callers of this backend.
    if (m_threshold > 0 && failures >= m_threshold)
        util::logger()->info("connector {}: circuit closed, the backend answered again after {} failed calls", m_name,
                             failures);
}

void CircuitBreaker::failed(Clock::time_point now) {
    int failures = 0;
    bool was_trial = false;
    {
        std::lock_guard lock(m_mutex);
        failures = ++m_failures;
        was_trial = m_trial_out;
        m_trial_out = false;
        if (m_threshold > 0 && m_failures >= m_threshold) m_open_until = now + m_cooldown;
    }
    if (m_threshold <= 0 || failures < m_threshold) return;
    if (failures == m_threshold)
        util::logger()->warn("connector {}: circuit open after {} consecutive failures; not called for {} ms", m_name,
                             failures, m_cooldown.count());
    else if (was_trial)
        util::logger()->info("connector {}: trial call failed, circuit stays open for another {} ms", m_name,
                             m_cooldown.count());
}

bool CircuitBreaker::open(Clock::time_point now) const {
    std::lock_guard lock(m_mutex);
    return m_threshold > 0 && m_failures >= m_threshold && now < m_open_until;
}

}  // namespace kartoteka::connectors::rest
