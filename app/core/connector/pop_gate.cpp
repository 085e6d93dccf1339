#include "connector/pop_gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "error.h"
#include "util/log.h"
#include "util/quiet_threads.h"

namespace kartoteka::connector {
namespace {

using Clock = std::chrono::steady_clock;

void close_fd(int fd) {
    if (fd >= 0) ::close(fd);
}

/// Sends what the socket takes now, up to `deadline`; false when the peer is gone or too slow.
bool send_until(int fd, const char* data, std::size_t size, Clock::time_point deadline) {
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            data += n;
            size -= static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    }
    return true;
}

/// Closes after the answer: the write side first, then whatever the client had already sent is read
/// and dropped, so the kernel does not answer unread bytes with a reset that could discard the reply.
void finish(int fd) {
    ::shutdown(fd, SHUT_WR);
    char sink[4096];
    for (int i = 0; i < 16 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
    }
    ::close(fd);
}

const char* reason_phrase(int status) {
    switch (status) {
    case 408: return "Request Timeout";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Bad Request";
    }
}

/// The gate's own refusals, written without httplib (the request never reached it): a status, a short
/// JSON body, and the connection closed. Never waits (this is the gate's one thread): a fresh socket's
/// send buffer always takes the ~150 bytes, and a client that made it full loses only the answer.
void answer_and_close(int fd, int status, const char* reason) {
    const std::string body = std::string("{\"error\":\"") + reason + "\"}";
    const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
                               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                               "\r\nConnection: close\r\n\r\n" + body;
    send_until(fd, answer.data(), answer.size(), Clock::now());
    finish(fd);
}

/// A request whose head the gate read whole: httplib reads it from here, and writes to the socket
/// with a total deadline (its own write timeout, too, restarts with every chunk).
class HeadStream final : public httplib::Stream {
public:
    HeadStream(int fd, std::string head, Clock::time_point write_deadline)
        : m_fd(fd), m_head(std::move(head)), m_deadline(write_deadline) {}

    bool is_readable() const override { return m_pos < m_head.size(); }
    bool is_writable() const override { return Clock::now() < m_deadline; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, m_head.size() - m_pos);
        std::memcpy(ptr, m_head.data() + m_pos, n);
        m_pos += n;
        return static_cast<ssize_t>(n);  // 0 at the end: a body the head promised is not coming
    }
    ssize_t write(const char* ptr, size_t size) override {
        return send_until(m_fd, ptr, size, m_deadline) ? static_cast<ssize_t>(size) : -1;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { address(::getpeername, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address(::getsockname, ip, port); }
    socket_t socket() const override { return m_fd; }

private:
    void address(int (*get)(int, sockaddr*, socklen_t*), std::string& ip, int& port) const {
        sockaddr_in a{};
        socklen_t len = sizeof a;
        char text[INET_ADDRSTRLEN] = {};
        if (get(m_fd, reinterpret_cast<sockaddr*>(&a), &len) == 0 && ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text)) {
            ip = text;
            port = ntohs(a.sin_port);
        }
    }

    int m_fd;
    std::string m_head;
    std::size_t m_pos = 0;
    Clock::time_point m_deadline;
};

}  // namespace

/// One connection still sending its head. Lines are checked as they complete, so nothing grows past
/// the limits: the buffer never exceeds max_head plus one read.
struct PopGate::Pending {
    int fd = -1;
    Clock::time_point deadline;
    std::string head;
    std::size_t line_start = 0;  ///< where the line being received starts
    std::size_t lines = 0;       ///< complete lines so far (the request line first)
    bool complete = false;
};

PopGate::PopGate(GateLimits limits, Serve serve) : m_limits(limits), m_serve(std::move(serve)) {
    if (::pipe2(m_wake, O_NONBLOCK | O_CLOEXEC) != 0) throw Error(ErrorKind::invalid, "screen pop: cannot create a pipe");
}

PopGate::~PopGate() {
    close_fd(m_listen);
    close_fd(m_wake[0]);
    close_fd(m_wake[1]);
}

int PopGate::bind(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) throw Error(ErrorKind::invalid, "screen pop: cannot create a socket");
    // SO_REUSEADDR only (a restarted seat rebinds at once); never SO_REUSEPORT, which would let another
    // program of this user listen on the same port and receive some of the telephony client's pops.
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only, never another address
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, m_limits.backlog) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EADDRINUSE)
            throw Error(ErrorKind::invalid,
                        "screen pop: 127.0.0.1:" + std::to_string(port) +
                            " is already in use by another program, so pops cannot reach this seat; whatever "
                            "listens there receives the telephony client's requests, token included. Stop that "
                            "program or set another screen_pop.port (and the same in the telephony client)");
        throw Error(ErrorKind::invalid, "screen pop: cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                                            std::strerror(err));
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close_fd(m_listen);
    m_listen = fd;
    return ntohs(a.sin_port);
}

void PopGate::refuse(int fd, int status, const char* reason) {
    answer_and_close(fd, status, reason);
    // At most one line a second: 200 slow clients dropped at once must not flood the seat's log (a
    // disk filled by an attacker's connections is one more way to stop the seat).
    const auto now = Clock::now();
    if (now - m_last_refusal_log < std::chrono::seconds(1)) {
        ++m_unlogged_refusals;
        return;
    }
    if (m_unlogged_refusals > 0)
        util::logger()->warn("screen pop: refused a connection (HTTP {}): {}; and {} more in the last second", status,
                             reason, m_unlogged_refusals);
    else
        util::logger()->warn("screen pop: refused a connection (HTTP {}): {}", status, reason);
    m_unlogged_refusals = 0;
    m_last_refusal_log = now;
}

void PopGate::accept_all(std::vector<Pending>& pending) {
    for (;;) {
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;  // EAGAIN: all taken; anything else (EMFILE...): tried again on the next wake
        int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        if (pending.size() >= m_limits.max_pending) {
            // Full of clients that have not finished their heads: the oldest has had the longest chance.
            util::logger()->debug("screen pop: {} connections still sending; dropped the oldest", pending.size());
            ::close(pending.front().fd);
            pending.erase(pending.begin());
        }
        pending.push_back({fd, Clock::now() + m_limits.head_timeout, {}, 0, 0, false});
    }
}

bool PopGate::read_head(Pending& p) {
    char buf[4096];
    // Never more than one byte past the cap, so an oversized head is seen without holding it.
    const std::size_t room = m_limits.max_head + 1 - std::min(p.head.size(), m_limits.max_head);
    const ssize_t n = ::recv(p.fd, buf, std::min(sizeof buf, room), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    if (n <= 0) {
        ::close(p.fd);  // gone before finishing its request
        return false;
    }
    const std::size_t scan_from = p.head.size();
    p.head.append(buf, static_cast<std::size_t>(n));
    for (std::size_t i = scan_from; i < p.head.size(); ++i) {
        if (p.head[i] != '\n') continue;
        std::size_t len = i - p.line_start;
        if (len > 0 && p.head[i - 1] == '\r') --len;
        if (len > m_limits.max_line) {
            refuse(p.fd, p.lines == 0 ? 414 : 431, p.lines == 0 ? "request line too long" : "header line too long");
            return false;
        }
        p.line_start = i + 1;
        if (len == 0 && p.lines > 0) {
            p.complete = true;  // bytes after the blank line (a body) stay for httplib to read or refuse
            break;
        }
        if (p.lines++ > m_limits.max_headers) {
            refuse(p.fd, 431, "too many headers");
            return false;
        }
    }
    if (p.complete) {
        hand_on(p);
        return false;
    }
    if (p.head.size() - p.line_start > m_limits.max_line) {
        refuse(p.fd, p.lines == 0 ? 414 : 431, p.lines == 0 ? "request line too long" : "header line too long");
        return false;
    }
    if (p.head.size() > m_limits.max_head) {
        refuse(p.fd, 431, "request head too large");
        return false;
    }
    return true;
}

void PopGate::hand_on(Pending& p) {
    if (m_queued.load() >= m_limits.max_queued) {
        refuse(p.fd, 503, "busy, try again");
        return;
    }
    ++m_queued;
    m_pool->enqueue([this, fd = p.fd, head = std::move(p.head)]() mutable {
        try {
            HeadStream stream(fd, std::move(head), Clock::now() + m_limits.write_timeout);
            m_serve(stream);
        } catch (const std::exception& e) {  // the serve callback answers its own errors; this is a bug
            util::logger()->error("screen pop: a request failed: {}", util::redact(e.what()));
        }
        finish(fd);
        --m_queued;
    });
}

void PopGate::run() {
    if (m_listen < 0) throw Error(ErrorKind::invalid, "screen pop: run() before bind()");
    auto owned = util::with_signals_blocked(
        [n = std::max<std::size_t>(1, m_limits.workers)] { return std::make_unique<httplib::ThreadPool>(n); });
    httplib::ThreadPool& pool = *owned;
    m_pool = &pool;
    std::vector<Pending> pending;
    std::vector<pollfd> fds;
    while (!m_stopping) {
        fds.assign({{m_listen, POLLIN, 0}, {m_wake[0], POLLIN, 0}});
        auto next = Clock::now() + std::chrono::seconds(1);
        for (const auto& p : pending) {
            fds.push_back({p.fd, POLLIN, 0});
            next = std::min(next, p.deadline);
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count() + 1;
        if (::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(wait, 0))) < 0 && errno != EINTR) break;
        std::vector<Pending> still;
        still.reserve(pending.size());
        const auto now = Clock::now();
        for (std::size_t i = 0; i < pending.size(); ++i) {
            Pending& p = pending[i];
            if ((fds[i + 2].revents & (POLLIN | POLLHUP | POLLERR)) && !read_head(p)) continue;
            if (now >= p.deadline) {
                refuse(p.fd, 408, "request head not received in time");
                continue;
            }
            still.push_back(std::move(p));
        }
        pending.swap(still);
        if (fds[0].revents & POLLIN) accept_all(pending);
    }
    for (auto& p : pending) ::close(p.fd);
    pool.shutdown();  // the workers finish the requests they hold (each bounded by the host's deadline)
    m_pool = nullptr;
}

void PopGate::stop() {
    m_stopping = true;
    const char b = 1;
    [[maybe_unused]] const auto n = ::write(m_wake[1], &b, 1);
}

}  // namespace kartoteka::connector
