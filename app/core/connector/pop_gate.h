#pragma once
/// The accept side of the screen pop endpoint (issue 17), private to screen_pop_server.cpp.
///
/// Why not httplib's own listen(): in cpp-httplib 0.11.4 a pool thread reads each request head with a
/// read timeout that restarts on every byte (eight clients sending a byte a second hold every thread),
/// a header line or the header count grows without bound while it is read, the listen backlog is 5,
/// and the listening socket sets SO_REUSEPORT (another program of the same user could bind the port
/// beside us and take half the pops). None of this is configurable, but Server::process_request()
/// parses and routes one request from any httplib::Stream. So this gate accepts connections itself,
/// reads every request head on one poll() thread with a total deadline, a byte cap, a line-length cap
/// and a header-count cap checked as the bytes arrive (before anything grows), and hands only complete
/// heads to a fixed pool of workers, where httplib does the parsing and routing it is good at.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kartoteka::connector {

/// What one connection may cost before it has sent a whole request head.
struct GateLimits {
    std::chrono::milliseconds head_timeout{2000};  ///< total, from accept to the blank line
    std::chrono::milliseconds write_timeout{2000}; ///< total, for writing the answer
    std::size_t max_head = 8192;    ///< request line and headers together
    std::size_t max_line = 2048;    ///< the request line or any header line
    std::size_t max_headers = 32;   ///< header lines
    std::size_t max_pending = 512;  ///< connections still sending a head; the oldest is dropped beyond
    std::size_t max_queued = 256;   ///< complete requests waiting for a worker; 503 beyond
    std::size_t workers = 4;        ///< threads that answer complete requests
    int backlog = 1024;             ///< the kernel's accept queue (the system may cap it lower)
};

class PopGate {
public:
    /// Answers one complete request read from `stream` (on a worker thread); the gate closes it after.
    using Serve = std::function<void(httplib::Stream& stream)>;

    PopGate(GateLimits limits, Serve serve);
    ~PopGate();
    PopGate(const PopGate&) = delete;
    PopGate& operator=(const PopGate&) = delete;

    /// Binds 127.0.0.1:port (0 = any free port) without SO_REUSEPORT; returns the port.
    /// @throws Error{invalid} saying plainly when another program holds the port.
    int bind(int port);
    /// Accepts and reads heads until stop(); returns after the workers have finished.
    void run();
    /// Thread-safe; run() returns soon after.
    void stop();

private:
    struct Pending;
    void accept_all(std::vector<Pending>& pending);
    /// Reads what arrived; false when the connection is finished with (handed on, refused or gone).
    bool read_head(Pending& p);
    void hand_on(Pending& p);
    /// Answers a refusal and closes; logs it, at most one line a second.
    void refuse(int fd, int status, const char* reason);

    GateLimits m_limits;
    Serve m_serve;
    int m_listen = -1;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stopping{false};
    std::atomic<std::size_t> m_queued{0};
    httplib::ThreadPool* m_pool = nullptr;  ///< lives inside run()
    std::chrono::steady_clock::time_point m_last_refusal_log{};
    std::size_t m_unlogged_refusals = 0;
};

}  // namespace kartoteka::connector
