#include "util/job_queue.h"

#include <algorithm>

#include "error.h"
#include "util/log.h"

namespace kartoteka::util {
namespace {

/// A failed job, for IT. The store's and backends' failures (and anything unexpected) are errors with
/// their redacted text; a refusal meant for the agent (bad input, a conflict, a permission) is not IT's
/// business and its text may quote what the agent typed, so only its kind is noted.
void log_job_failure(const std::exception& e) {
    const auto* error = dynamic_cast<const Error*>(&e);
    const ErrorKind kind = error ? error->kind() : ErrorKind::storage;
    switch (kind) {
    case ErrorKind::storage:
    case ErrorKind::config:
    case ErrorKind::connector:
        logger()->error("background job failed ({}): {}", error ? to_string(kind) : "unexpected", redact(e.what()));
        break;
    default: logger()->debug("background job refused ({})", to_string(kind));
    }
}

}  // namespace

JobQueue::JobQueue(ErrorHandler on_error) : m_on_error(std::move(on_error)), m_thread([this] { run(); }) {}

JobQueue::~JobQueue() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

void JobQueue::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.emplace_back(std::string(), std::move(job));
    }
    m_wake.notify_one();
}

void JobQueue::post_latest(const std::string& lane, Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(), [&](const auto& j) { return j.first == lane; }),
                     m_jobs.end());
        m_jobs.emplace_back(lane, std::move(job));
    }
    m_wake.notify_one();
}

void JobQueue::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front().second);
            m_jobs.pop_front();
        }
        try {
            job();
        } catch (const std::exception& e) {
            // Every background chain ends in a handler (GUIDE rule 7): nothing is swallowed.
            log_job_failure(e);
            if (m_on_error) m_on_error(e.what());
        }
    }
}

}  // namespace kartoteka::util
