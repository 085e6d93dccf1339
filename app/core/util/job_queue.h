#pragma once
/// A background thread that runs jobs one after another. Hosts with a UI (the workstation) post the
/// desk's calls here so nothing blocking ever runs on the UI thread (GUIDE rule 6); each job delivers
/// its result through a callback the host supplies (the GUI wraps it in CallAfter).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kartoteka::util {

class JobQueue {
public:
    using Job = std::function<void()>;
    /// Called on the queue's thread when a job throws; the host decides what to show.
    using ErrorHandler = std::function<void(const std::string& message)>;

    explicit JobQueue(ErrorHandler on_error);
    /// Finishes the running job, drops the queued ones, joins the thread.
    ~JobQueue();
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    /// Queues a job. Jobs run in order on the queue's thread.
    void post(Job job);
    /// Queues a job after dropping queued jobs of the same lane (search-as-you-type: only the latest
    /// query matters). The running job is not interrupted.
    void post_latest(const std::string& lane, Job job);

private:
    void run();

    ErrorHandler m_on_error;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::string, Job>> m_jobs;
    bool m_stop = false;
    std::thread m_thread;  // last: starts after everything above is ready
};

}  // namespace kartoteka::util
