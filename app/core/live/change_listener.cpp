#include "live/change_listener.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <charconv>
#include <optional>
#include <vector>

#include "error.h"
#include "util/log.h"

namespace kartoteka::live {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out(1);
    for (char c : s) {
        if (c == sep) out.emplace_back();
        else out.back().push_back(c);
    }
    return out;
}

bool to_id(const std::string& s, model::Id& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

PGconn* pg(void* p) { return static_cast<PGconn*>(p); }

}  // namespace

std::optional<Change> parse_change(const std::string& payload) {
    auto parts = split(payload, ':');
    if (parts.size() != 4 || parts[0].empty()) return std::nullopt;
    Change c;
    c.table = parts[0];
    if (!to_id(parts[1], c.id) || !to_id(parts[2], c.customer_id) || !to_id(parts[3], c.ticket_id)) return std::nullopt;
    return c;
}

ChangeListener::ChangeListener(const std::string& conninfo, Callback on_change, ErrorHandler on_error)
    : m_conn(PQconnectdb(conninfo.c_str())), m_on_change(std::move(on_change)), m_on_error(std::move(on_error)) {
    if (PQstatus(pg(m_conn)) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(pg(m_conn));
        PQfinish(pg(m_conn));
        throw Error(ErrorKind::storage, "cannot listen for changes: " + msg);
    }
    PGresult* r = PQexec(pg(m_conn), "LISTEN kartoteka_changes");
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok || pipe(m_wake) != 0) {
        PQfinish(pg(m_conn));
        throw Error(ErrorKind::storage, "cannot listen for changes on kartoteka_changes");
    }
    m_thread = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
    if (m_wake[1] >= 0) {
        const char stop = 1;
        [[maybe_unused]] auto n = write(m_wake[1], &stop, 1);
    }
    if (m_thread.joinable()) m_thread.join();
    close(m_wake[0]);
    close(m_wake[1]);
    PQfinish(pg(m_conn));
}

void ChangeListener::run() {
    pollfd fds[2] = {{PQsocket(pg(m_conn)), POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) continue;
        if (fds[1].revents) return;
        if (!PQconsumeInput(pg(m_conn))) {
            const std::string why = PQerrorMessage(pg(m_conn));
            // Other seats' changes stop showing until the program restarts: IT needs to know why.
            util::logger()->error("change feed lost: {}", util::redact(why));
            if (m_on_error) m_on_error("change feed lost: " + why);
            return;
        }
        while (PGnotify* n = PQnotifies(pg(m_conn))) {
            auto change = parse_change(n->extra);
            PQfreemem(n);
            if (change && m_on_change) m_on_change(*change);
        }
    }
}

}  // namespace kartoteka::live
