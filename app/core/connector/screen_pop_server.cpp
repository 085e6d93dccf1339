#include "connector/screen_pop_server.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <string_view>

#include "connector/pop_gate.h"
#include "error.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

/// Every error answer is a short JSON body. dump() replaces invalid UTF-8 instead of throwing
/// (type_error 316), which used to escape into httplib as a 500 with the exception text in a header.
void answer_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
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

namespace {

/// httplib's request parsing and routing, fed one complete request at a time by the gate
/// (pop_gate.h says why httplib's own listen() is not used).
class PopHttp final : public httplib::Server {
public:
    void serve_one(httplib::Stream& stream) {
        bool closed = true;
        process_request(stream, /*close_connection=*/true, closed, nullptr);
    }
};

const char* status_text(int status) {
    switch (status) {
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request too large";
    case 414: return "request line too long";
    case 416: return "range not satisfiable";
    default: return status >= 500 ? "internal error" : "bad request";
    }
}

GateLimits gate_limits(const ScreenPopOptions& o) {
    GateLimits g;
    g.head_timeout = std::chrono::milliseconds(o.read_timeout_ms);
    g.max_head = o.max_head;
    g.max_line = o.max_line;
    g.max_headers = o.max_headers;
    g.workers = o.workers;
    return g;
}

}  // namespace

struct ScreenPopServer::Impl {
    ScreenPopOptions options;
    Handler handler;
    PopHttp http;
    std::unique_ptr<PopGate> gate;

    /// Line length, header count and head size are the gate's, checked before anything is held; this
    /// refuses what only a parsed request shows. GET has no body.
    httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) const {
        if (req.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        refuse(res, 413, "no body expected");
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
            // A backend's invalid UTF-8 becomes U+FFFD instead of a throw: the card still comes.
            res.set_content(card->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
            log->info("screen pop: card served (HTTP 200, {} ms)", util::ms_since(started));
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::not_found) {  // a withheld caller id: nobody to look up, and why
                log->info("screen pop: no card for the caller (HTTP 404, {} ms)", util::ms_since(started));
                return answer_error(res, 404, e.what());
            }
            if (e.kind() == ErrorKind::invalid) {
                // The log does not quote what was sent; the answer is the parser's reason, which does not
                // echo the number either (tests/connectors/test_screen_pop.cpp).
                log->warn("screen pop: refused a request (HTTP 400): not a phone number");
                return answer_error(res, 400, e.what());
            }
            log->error("screen pop: no card (HTTP 503, {} ms): {}: {}", util::ms_since(started), to_string(e.kind()),
                       util::redact(e.what()));
            answer_error(res, 503, "no card now; the seat's log says why");  // no internal text on the wire
        } catch (const std::exception& e) {
            log->error("screen pop: internal error (HTTP 500): {}", util::redact(e.what()));
            answer_error(res, 500, "internal error");  // details stay in the host's log, not on the wire
        }
    }
};

ScreenPopServer::ScreenPopServer(ScreenPopOptions options, Handler handler) : m_impl(std::make_unique<Impl>()) {
    if (options.token.empty())
        throw Error(ErrorKind::config, "screen pop: the shared token is empty; set the environment variable named by screen_pop.token_env");
    if (options.token.size() < min_token_bytes)  // the length only: the token itself is never shown
        throw Error(ErrorKind::config, "screen pop: the shared token is " + std::to_string(options.token.size()) +
                                           " bytes, too short to resist guessing; use at least " +
                                           std::to_string(min_token_bytes) +
                                           " random bytes (e.g. 32 hex digits) in the variable named by screen_pop.token_env");
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
    auto& http = m_impl->http;
    const auto& o = m_impl->options;
    http.set_payload_max_length(o.max_body);
    Impl* impl = m_impl.get();
    http.set_pre_routing_handler([impl](const httplib::Request& q, httplib::Response& r) { return impl->guard(q, r); });
    http.Get("/pop", [impl](const httplib::Request& q, httplib::Response& r) { impl->pop(q, r); });
    // httplib's own answers (unknown path, unreadable request line, ...) get a JSON body like ours.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        answer_error(res, res.status, status_text(res.status));
        return httplib::Server::HandlerResponse::Handled;
    }));
    // Without this handler httplib 0.11.4 answers an escaped exception with its text in a header.
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            util::logger()->error("screen pop: internal error (HTTP 500): {}", util::redact(e.what()));
        } catch (...) {
            util::logger()->error("screen pop: internal error (HTTP 500)");
        }
        answer_error(res, 500, "internal error");
    });
    m_impl->gate = std::make_unique<PopGate>(gate_limits(o), [impl](httplib::Stream& s) { impl->http.serve_one(s); });
}

ScreenPopServer::~ScreenPopServer() { stop(); }

int ScreenPopServer::bind() {
    const int bound = m_impl->gate->bind(m_impl->options.port);
    util::logger()->info("screen pop: listening on 127.0.0.1:{}", bound);
    return bound;
}

void ScreenPopServer::run() { m_impl->gate->run(); }

void ScreenPopServer::stop() { m_impl->gate->stop(); }

}  // namespace kartoteka::connector
