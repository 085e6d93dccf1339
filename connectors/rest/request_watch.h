#pragma once
/// Ends a request at its deadline and when its answer grows past a byte cap (issue 17).
///
/// cpp-httplib 0.11.4's client restarts its read timeout on every byte and reads response headers
/// without any limit, so a backend that trickles or sends headers forever kept a fetch (and its
/// memory) alive long after the card stopped waiting. The library has no hook while it reads the
/// head, but Client::stop() may be called from another thread (it shuts the socket down and the
/// request fails at once), and the kernel counts the bytes a socket has received. One thread per
/// connector watches the requests in flight: at the deadline, or once the connection has received more
/// than the cap, it stops the client.
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "connector/connector.h"

namespace kartoteka::connectors::rest {

/// Bytes the kernel has received on a TCP socket since it connected (0 when it cannot tell).
std::uint64_t socket_bytes_received(int fd);

class RequestWatch {
public:
    enum class Verdict { running, deadline, too_big };

    /// One request being watched; the client's socket is reported through `fd` (set_socket_options).
    struct Ticket {
        std::uint64_t id = 0;
        std::shared_ptr<std::atomic<Verdict>> verdict;
    };

    RequestWatch();
    ~RequestWatch();
    RequestWatch(const RequestWatch&) = delete;
    RequestWatch& operator=(const RequestWatch&) = delete;

    Ticket watch(httplib::Client& client, std::shared_ptr<std::atomic<int>> fd, connector::Deadline deadline,
                 std::uint64_t max_bytes);
    /// After this returns the client is never stopped on this ticket's account.
    void release(const Ticket& ticket);

private:
    struct Entry {
        httplib::Client* client;
        std::shared_ptr<std::atomic<int>> fd;
        connector::Deadline deadline;
        std::uint64_t max_bytes;
        std::shared_ptr<std::atomic<Verdict>> verdict;
        int seen_fd;
        std::uint64_t base;  ///< bytes the kept-alive connection had received before this request
    };
    void loop();
    void check(Entry& e, connector::Deadline now);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::uint64_t, Entry> m_entries;
    std::uint64_t m_next = 1;
    bool m_quit = false;
    std::thread m_thread;  ///< last: started once the members above exist
};

}  // namespace kartoteka::connectors::rest
