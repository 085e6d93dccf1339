#include "connector/screen_pop_server.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <string_view>

#include "error.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

void answer_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

/// A refused request, for IT: the reason and the status, never the request line (it carries the token
/// and the caller's number as query parameters) or a header's value.
void refuse(httplib::Response& res, int status, const std::string& reason, const std::string& answer = {}) {
    util::logger()->warn("screen pop: refused a request (HTTP {}): {}", status, reason);
    answer_error(res, status, answer.empty() ? reason : answer);
}

/// The `phone` query parameter as the telephony client meant it, read from the raw request target.
/// PBX URL templates often substitute the caller id unencoded ("/pop?phone=+359888123456"), and HTML form
/// decoding (httplib's get_param_value) turns that "+" into a space: every call from abroad failed. Two
/// repairs were possible: read the raw query, or guess that a leading space was a "+". The raw query is
/// the robust one: a "+" means something in a phone only before its digits (the international prefix, or
/// after "sip:"/"tel:" where a space is no longer leading), so a literal "+" there is kept, and a literal
/// "+" after a digit is form-encoding's space ("8+916+123+45+67" from a client that does encode). A
/// percent-encoded "%2B" is always a "+" and "%20" always a space, so nothing correctly encoded changes.
std::string phone_parameter(const std::string& target) {
    const auto q = target.find('?');
    if (q == std::string::npos) return {};
    std::string_view query(target);
    query.remove_prefix(q + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) != "phone") continue;
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) ? (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10) : -1; };
        std::string out;
        bool digit = false;
        for (std::size_t i = 0; i < value.size(); ++i) {
            char c = value[i];
            if (c == '%' && i + 2 < value.size() && hex(value[i + 1]) >= 0 && hex(value[i + 2]) >= 0) {
                c = static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2]));
                i += 2;
            } else if (c == '+' && digit) {
                c = ' ';
            }
            digit |= c >= '0' && c <= '9';
            out += c;
        }
        return out;
    }
    return {};
}

}  // namespace

bool same_secret(const std::string& a, const std::string& b) noexcept {
    const std::size_t n = std::max(a.size(), b.size());
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned>(x ^ y);
    }
    return diff == 0;
}

struct ScreenPopServer::Impl {
    ScreenPopOptions options;
    Handler handler;
    httplib::Server http;

    /// cpp-httplib 0.11.4 has no limits of its own on header count or line length (later releases
    /// added them), so every request is checked here before routing; stalled clients are cut off by
    /// the read timeout and bodies by the payload limit.
    httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) const {
        bool too_long = req.target.size() > options.max_line;
        for (const auto& [k, v] : req.headers) too_long |= k.size() + v.size() + 2 > options.max_line;
        if (req.headers.size() > options.max_headers) refuse(res, 431, "too many headers");
        else if (too_long) refuse(res, 414, "request line or header too long");
        else if (!req.body.empty()) refuse(res, 413, "no body expected");
        else return httplib::Server::HandlerResponse::Unhandled;
        return httplib::Server::HandlerResponse::Handled;
    }

    void pop(const httplib::Request& req, httplib::Response& res) const {
        std::string token = req.has_header("X-Kartoteka-Token") ? req.get_header_value("X-Kartoteka-Token")
                                                                : req.get_param_value("token");
        if (!same_secret(token, options.token))
            return refuse(res, 401, token.empty() ? "no token" : "wrong token", "missing or wrong token");
        const std::string phone = phone_parameter(req.target);
        if (phone.empty()) return refuse(res, 400, "no phone parameter", "give ?phone=");
        const auto started = std::chrono::steady_clock::now();
        const auto log = util::logger();
        try {
            auto card = handler(phone);
            if (!card) {
                log->info("screen pop: no customer has the number (HTTP 404, {} ms)", util::ms_since(started));
                return answer_error(res, 404, "no customer has this phone");
            }
            res.set_content(card->dump(), "application/json");
            log->info("screen pop: card served (HTTP 200, {} ms)", util::ms_since(started));
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::not_found) {  // a withheld caller id: nobody to look up, and why
                log->info("screen pop: no card for the caller (HTTP 404, {} ms)", util::ms_since(started));
                return answer_error(res, 404, e.what());
            }
            if (e.kind() == ErrorKind::invalid) {
                // The message quotes what was sent, which may be a real number in another notation.
                log->warn("screen pop: refused a request (HTTP 400): not a phone number");
                return answer_error(res, 400, e.what());
            }
            log->error("screen pop: no card (HTTP 503, {} ms): {}: {}", util::ms_since(started), to_string(e.kind()),
                       util::redact(e.what()));
            answer_error(res, 503, e.what());
        } catch (const std::exception& e) {
            log->error("screen pop: internal error (HTTP 500): {}", util::redact(e.what()));
            answer_error(res, 500, "internal error");  // details stay in the host's log, not on the wire
        }
    }
};

ScreenPopServer::ScreenPopServer(ScreenPopOptions options, Handler handler) : m_impl(std::make_unique<Impl>()) {
    if (options.token.empty())
        throw Error(ErrorKind::config, "screen pop: the shared token is empty; set the environment variable named by screen_pop.token_env");
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
    auto& http = m_impl->http;
    const auto& o = m_impl->options;
    http.set_tcp_nodelay(true);
    http.set_read_timeout(o.read_timeout_ms / 1000, (o.read_timeout_ms % 1000) * 1000);
    http.set_write_timeout(2, 0);
    http.set_keep_alive_max_count(100);
    http.set_payload_max_length(o.max_body);
    Impl* impl = m_impl.get();
    http.set_pre_routing_handler([impl](const httplib::Request& q, httplib::Response& r) { return impl->guard(q, r); });
    http.Get("/pop", [impl](const httplib::Request& q, httplib::Response& r) { impl->pop(q, r); });
}

ScreenPopServer::~ScreenPopServer() { stop(); }

int ScreenPopServer::bind() {
    auto& http = m_impl->http;
    const int port = m_impl->options.port;
    const int bound = port == 0 ? http.bind_to_any_port("127.0.0.1") : (http.bind_to_port("127.0.0.1", port) ? port : -1);
    if (bound <= 0) throw Error(ErrorKind::invalid, "screen pop: cannot listen on 127.0.0.1:" + std::to_string(port) + " (in use?)");
    util::logger()->info("screen pop: listening on 127.0.0.1:{}", bound);
    return bound;
}

void ScreenPopServer::run() { m_impl->http.listen_after_bind(); }

void ScreenPopServer::stop() { m_impl->http.stop(); }

}  // namespace kartoteka::connector
