#include "circuit_breaker.h"

namespace kartoteka::connectors::rest {

bool CircuitBreaker::allow(Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    if (m_threshold <= 0 || m_failures < m_threshold) return true;
    if (now < m_open_until || m_trial_out) return false;
    m_trial_out = true;  // half-open: exactly one caller probes the backend
    return true;
}

void CircuitBreaker::succeeded() {
    std::lock_guard lock(m_mutex);
    m_failures = 0;
    m_trial_out = false;
}

void CircuitBreaker::failed(Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    ++m_failures;
    m_trial_out = false;
    if (m_threshold > 0 && m_failures >= m_threshold) m_open_until = now + m_cooldown;
}

bool CircuitBreaker::open(Clock::time_point now) const {
    std::lock_guard lock(m_mutex);
    return m_threshold > 0 && m_failures >= m_threshold && now < m_open_until;
}

}  // namespace kartoteka::connectors::rest
