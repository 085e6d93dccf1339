#pragma once
/// A background thread that owns its own connection to the store and runs jobs one after another.
/// Hosts (the GUI) post jobs here so no query ever runs on the UI thread (GUIDE rule 6); each job
/// delivers its result through a callback the host supplies (the GUI wraps it in CallAfter).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "storage/database.h"
#include "storage/store.h"

namespace kartoteka::storage {

class StoreWorker {
public:
    using Job = std::function<void(Store&)>;
    /// Called on the worker thread when opening the store or a job fails; the host decides what to show.
    using ErrorHandler = std::function<void(const std::string& message)>;

    StoreWorker(StoreLocation location, std::string password, ErrorHandler on_error);
    /// Finishes the running job, drops the queued ones, joins the thread.
    ~StoreWorker();
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    /// Queues a job. Jobs run in order on the worker thread.
    void post(Job job);
    /// Queues a job after dropping queued jobs of the same lane (search-as-you-type: only the latest
    /// query matters). The running job is not interrupted.
    void post_latest(const std::string& lane, Job job);

private:
    void run();

    StoreLocation m_location;
    std::string m_password;
    ErrorHandler m_on_error;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::string, Job>> m_jobs;
    bool m_stop = false;
    std::thread m_thread;  // last: starts after everything above is ready
};

}  // namespace kartoteka::storage
