#pragma once
/// The screen pop endpoint (issue 3): a loopback-only HTTP server a telephony client calls when a
/// call rings, GET /pop?phone=... with a shared token (query `token` or header X-Kartoteka-Token,
/// compared in constant time). The host supplies what a pop does: the CLI answers the card JSON, the
/// GUI opens the card and answers the same. httplib stays behind this header.
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kartoteka::connector {

struct ScreenPopOptions {
    int port = 18765;                  ///< 0 = any free port (tests)
    std::string token;                 ///< required, at least 16 bytes: from the environment, never YAML
    std::size_t max_headers = 32;      ///< more headers than a telephony client sends: refused
    std::size_t max_line = 2048;       ///< longest request target or header line accepted
    std::size_t max_head = 8192;       ///< request line and headers together
    std::size_t max_body = 1024;       ///< GET has no body; anything larger is refused
    int read_timeout_ms = 2000;        ///< total time a client has to send its request head
    std::size_t workers = 4;           ///< threads answering complete requests (a pop is milliseconds)
};

/// Shorter shared tokens are refused at start-up: guessable by a local program trying them in turn.
constexpr std::size_t min_token_bytes = 16;

class ScreenPopServer {
public:
    /// The card for a phone as JSON, or nullopt when nobody knows the caller.
    /// May throw Error{invalid} for something that is not a phone number (answered 400) and
    /// Error{not_found} for a withheld caller id (answered 404 with the message, which must not quote
    /// the number). `phone` is the query parameter with a literal "+" before the digits kept as "+".
    using Handler = std::function<std::optional<nlohmann::json>(const std::string& phone)>;

    /// @throws Error{config} when the token is empty or shorter than min_token_bytes.
    ScreenPopServer(ScreenPopOptions options, Handler handler);
    ~ScreenPopServer();
    ScreenPopServer(const ScreenPopServer&) = delete;
    ScreenPopServer& operator=(const ScreenPopServer&) = delete;

    /// Binds 127.0.0.1 (never another address); returns the port. @throws Error{invalid} when taken,
    /// saying so plainly: whatever holds the port receives the telephony client's requests instead.
    int bind();
    /// Serves until stop(); call after bind(), on a thread of the host's choosing.
    void run();
    /// Thread-safe; run() returns soon after.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Constant-time equality for secrets: the time taken does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b) noexcept;

}  // namespace kartoteka::connector
