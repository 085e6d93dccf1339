#include "request_watch.h"

#include <algorithm>

#include "util/log.h"
#include "util/quiet_threads.h"

namespace kartoteka::connectors::rest {
namespace {

using namespace std::chrono;

/// How often byte counts are looked at while requests are in flight: at loopback speed a backend
/// sends a few MB in this time, which bounds what a runaway answer can cost.
constexpr milliseconds kByteCheck{10};

}  // namespace

RequestWatch::RequestWatch() : m_thread(util::with_signals_blocked([this] { return std::thread([this] { loop(); }); })) {}

RequestWatch::~RequestWatch() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

RequestWatch::Ticket RequestWatch::watch(httplib::Client& client, std::shared_ptr<std::atomic<int>> fd,
                                         connector::Deadline deadline, std::uint64_t max_bytes) {
    Ticket t{0, std::make_shared<std::atomic<Verdict>>(Verdict::running)};
    const int now_fd = fd->load();
    const std::uint64_t base = now_fd >= 0 ? socket_bytes_received(now_fd) : 0;
    {
        std::lock_guard lock(m_mutex);
        t.id = m_next++;
        m_entries.emplace(t.id, Entry{&client, std::move(fd), deadline, max_bytes, t.verdict, now_fd, base});
    }
    m_changed.notify_all();
    return t;
}

void RequestWatch::release(const Ticket& ticket) {
    std::lock_guard lock(m_mutex);
    m_entries.erase(ticket.id);
}

void RequestWatch::check(Entry& e, connector::Deadline now) {
    if (e.verdict->load() != Verdict::running) return;
    Verdict v = Verdict::running;
    if (now >= e.deadline) {
        v = Verdict::deadline;
    } else if (const int fd = e.fd->load(); fd >= 0) {
        if (fd != e.seen_fd) {  // a new connection for this request: it counts from zero
            e.seen_fd = fd;
            e.base = 0;
        }
        const std::uint64_t got = socket_bytes_received(fd);
        if (got < e.base) e.base = 0;  // a new connection that was given the old one's descriptor number
        if (got - e.base > e.max_bytes) v = Verdict::too_big;
    }
    if (v == Verdict::running) return;
    e.verdict->store(v);
    e.client->stop();  // thread-safe in httplib: shuts the socket down, the request fails at once
}

void RequestWatch::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
        if (m_entries.empty()) {
            m_changed.wait(lock);  // nothing in flight: no wake-ups at all
            continue;
        }
        auto now = steady_clock::now();
        auto next = now + kByteCheck;
        for (auto& [id, e] : m_entries) {
            check(e, now);
            if (e.verdict->load() == Verdict::running) next = std::min(next, e.deadline);
        }
        m_changed.wait_until(lock, next);
    }
}

}  // namespace kartoteka::connectors::rest
