#pragma once
// Helpers for the hostile-input suite: real processes, real loopback sockets, and what /proc says
// about the process under attack. Every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace kartoteka::hostile {

using Clock = std::chrono::steady_clock;

/// A free loopback port (bound once, then released).
int free_port();

/// A child process (stdout and stderr to files), stopped with SIGTERM and reaped when destroyed.
class Child {
public:
    Child(const std::vector<std::string>& argv, const std::string& out_file);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    pid_t pid() const { return m_pid; }
    /// SIGTERM, then waits; the exit code (-1 when killed by a signal).
    int stop();
    /// Waits for the process to end by itself; its exit code, or -2 when it is still running.
    int wait_exit(std::chrono::milliseconds limit);

private:
    pid_t m_pid = -1;
};

/// A command run to its end: exit code, wall time, peak RSS (from wait4), what it printed.
struct Finished {
    int exit_code = -1;
    double seconds = 0;
    long max_rss_kb = 0;
    std::string output;  ///< stdout and stderr together
};
Finished run_bounded(const std::vector<std::string>& argv, std::chrono::seconds limit);

/// /proc/<pid>/status: resident memory in KB and the number of threads.
long rss_kb(pid_t pid);
int thread_count(pid_t pid);

/// Connects to 127.0.0.1:port (blocking, with a bounded wait); -1 when refused.
int connect_loopback(int port);
bool wait_listening(int port, std::chrono::milliseconds limit);

/// One HTTP exchange on a new connection: the request text as given, the answer read to EOF.
struct Reply {
    int status = -1;  ///< -1: no answer
    std::string head;
    std::string body;
    double ms = 0;
};
Reply http_exchange(int port, const std::string& request, std::chrono::milliseconds limit = std::chrono::seconds(5));
/// GET /pop?phone=... with the token in the header.
Reply pop(int port, const std::string& phone_query, const std::string& token);

double percentile(std::vector<double> v, double p);

/// Waits until pred() or the limit; true when pred() held.
bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds limit);

}  // namespace kartoteka::hostile
