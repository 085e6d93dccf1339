#include "rest_client.h"

#include <thread>

#include "rest_errors.h"
#include "util/log.h"

namespace kartoteka::connectors::rest {
namespace {

using namespace std::chrono;

constexpr std::size_t kMaxIdle = 8;

void set_timeout(httplib::Client& c, void (httplib::Client::*setter)(time_t, time_t), milliseconds ms) {
    if (ms < milliseconds(1)) ms = milliseconds(1);
    (c.*setter)(static_cast<time_t>(ms.count() / 1000), static_cast<time_t>((ms.count() % 1000) * 1000));
}

milliseconds remaining(connector::Deadline deadline) {
    return duration_cast<milliseconds>(deadline - steady_clock::now());
}

}  // namespace

RestClient::RestClient(std::string name, ClientOptions options)
    : m_name(std::move(name)), m_options(std::move(options)),
      m_breaker(m_name, m_options.breaker_failures, m_options.breaker_cooldown) {
    const auto scheme_end = m_options.base_url.find("://");
    if (scheme_end == std::string::npos) throw bad_data("base_url '" + m_options.base_url + "' has no http:// or https://");
    const auto path_start = m_options.base_url.find('/', scheme_end + 3);
    m_origin = m_options.base_url.substr(0, path_start);
    if (path_start != std::string::npos) m_prefix = m_options.base_url.substr(path_start);
    while (!m_prefix.empty() && m_prefix.back() == '/') m_prefix.pop_back();
}

RestClient::~RestClient() = default;

RestClient::Pooled RestClient::acquire() {
    {
        std::lock_guard lock(m_pool_mutex);
        if (!m_idle.empty()) {
            auto c = std::move(m_idle.back());
            m_idle.pop_back();
            return c;
        }
    }
    Pooled pooled{std::make_unique<httplib::Client>(m_origin), std::make_shared<std::atomic<int>>(-1)};
    auto& c = pooled.client;
    // The only moment httplib shows its socket: the watch counts the bytes received on it.
    c->set_socket_options([fd = pooled.fd](socket_t sock) { fd->store(sock); });
    c->set_keep_alive(true);
    c->set_tcp_nodelay(true);
    c->set_follow_location(false);  // a redirect off this backend is not followed silently
    c->enable_server_certificate_verification(m_options.verify_tls);
    if (!m_options.ca_file.empty()) c->set_ca_cert_path(m_options.ca_file.c_str());
    switch (m_options.auth) {
    case AuthKind::bearer: c->set_bearer_token_auth(m_options.secret); break;
    case AuthKind::basic: c->set_basic_auth(m_options.user, m_options.secret); break;
    case AuthKind::basic_key: c->set_basic_auth(m_options.secret, "X"); break;
    case AuthKind::header:
        c->set_default_headers({{m_options.auth_header, m_options.auth_prefix + m_options.secret}});
        break;
    case AuthKind::none: break;
    }
    return pooled;
}

void RestClient::release(Pooled client) {
    std::lock_guard lock(m_pool_mutex);
    if (m_idle.size() < kMaxIdle) m_idle.push_back(std::move(client));
}

HttpResponse RestClient::attempt(Pooled& pooled, const httplib::Request& base, connector::Deadline deadline) {
    httplib::Client& client = *pooled.client;
    const milliseconds left = remaining(deadline);
    if (left <= milliseconds(0)) throw connector::ConnectorError(connector::Failure::timed_out, "deadline passed", false);
    set_timeout(client, &httplib::Client::set_connection_timeout, std::min(m_options.connect_timeout, left));
    const milliseconds read = std::min(m_options.read_timeout, left);
    set_timeout(client, &httplib::Client::set_read_timeout, read);
    set_timeout(client, &httplib::Client::set_write_timeout, std::min(m_options.write_timeout, left));

    httplib::Request req = base;
    HttpResponse out;
    bool too_big = false;
    const std::size_t limit = m_options.max_body_bytes;
    req.response_handler = [&](const httplib::Response& r) {
        auto it = r.headers.find("Content-Length");
        if (it != r.headers.end() && std::strtoull(it->second.c_str(), nullptr, 10) > limit) too_big = true;
        return !too_big;
    };
    req.content_receiver = [&](const char* data, std::size_t len, std::uint64_t, std::uint64_t) {
        if (out.body.size() + len > limit) return !(too_big = true);
        out.body.append(data, len);
        return true;
    };
    const auto started = steady_clock::now();
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    // Stopped at the deadline or past head + body bytes, whatever httplib's per-byte timeouts allow.
    const auto ticket = m_watch.watch(client, pooled.fd, deadline, m_options.max_head_bytes + limit);
    const bool sent = client.send(req, res, error);
    m_watch.release(ticket);
    const auto verdict = ticket.verdict->load();
    // Errors are shown on the card and logged: the query string (the caller's phone, an email) stays out.
    const auto query = base.path.find('?');
    const std::string where = base.method + " " + m_origin + base.path.substr(0, query) + (query == std::string::npos ? "" : "?…");
    if (too_big) throw bad_data(where + ": response body over the " + std::to_string(limit) + "-byte limit");
    if (verdict == RequestWatch::Verdict::too_big)
        throw bad_data(where + ": response over " + std::to_string(m_options.max_head_bytes + limit) + " bytes; cut off");
    if (verdict == RequestWatch::Verdict::deadline)
        throw connector::ConnectorError(connector::Failure::timed_out, where + ": no complete answer by the deadline; cut off", false);
    if (!sent)
        throw transport_error(error, steady_clock::now() - started >= read - milliseconds(5), where,
                              client.get_openssl_verify_result());
    out.status = res.status;
    if (res.status == 404 || (res.status >= 200 && res.status < 300)) return out;
    throw status_error(res.status, where);
}

HttpResponse RestClient::request(const std::string& method, const std::string& path, const std::string& body,
                                 const httplib::Headers& headers, connector::Deadline deadline) {
    httplib::Request req;
    req.method = method;
    req.path = m_prefix + path;
    req.headers = headers;
    req.body = body;
    if (!body.empty() && !req.has_header("Content-Type")) req.set_header("Content-Type", "application/json");
    milliseconds wait = m_options.backoff;
    for (int attempt_no = 0;; ++attempt_no) {
        if (!m_breaker.allow())
            throw connector::ConnectorError(connector::Failure::down,
                                            m_origin + ": circuit open after repeated failures; not calling it for now", true);
        auto client = acquire();
        try {
            HttpResponse r = attempt(client, req, deadline);
            m_breaker.succeeded();
            release(std::move(client));
            return r;
        } catch (const connector::ConnectorError& e) {
            // The connection is in an unknown state after any failure: it is dropped, not reused.
            // A backend that answers with bad data or a refusal is up: only transport trouble opens it.
            if (e.failure() == connector::Failure::bad_data || e.failure() == connector::Failure::rejected)
                m_breaker.succeeded();
            else
                m_breaker.failed();
            if (!e.retryable() || attempt_no >= m_options.retries || remaining(deadline) <= wait + milliseconds(5)) throw;
            util::logger()->debug("connector {}: attempt {} failed ({}), retrying in {} ms: {}", m_name, attempt_no + 1,
                                  connector::to_string(e.failure()), wait.count(), util::redact(e.what()));
        }
        std::this_thread::sleep_for(wait);  // a worker thread, never the UI's
        wait *= 2;
    }
}

}  // namespace kartoteka::connectors::rest
