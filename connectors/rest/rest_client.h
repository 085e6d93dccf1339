#pragma once
/// HTTP for the rest connector over cpp-httplib 0.11.4, sized for a live call: explicit connect, read
/// and write timeouts (the library's own connect default is 300 s), kept-alive connections reused from
/// a small pool with TCP_NODELAY (Nagle plus delayed ACK would add ~40 ms to every request after the
/// first), bounded retries with backoff, a circuit breaker and a hard limit on the body size.
#include <httplib.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "circuit_breaker.h"
#include "connector/connector.h"
#include "request_watch.h"

namespace kartoteka::connectors::rest {

/// basic_key: the secret is the basic-auth user name and the password is "X" (Freshdesk's API keys).
enum class AuthKind { none, bearer, basic, basic_key, header };

struct ClientOptions {
    std::string base_url;  ///< "https://example.zammad.com" or with a path prefix "http://127.0.0.1:8080/api"
    AuthKind auth = AuthKind::none;
    std::string user;            ///< basic auth user name
    std::string secret;          ///< token or password (from the environment or keyring, never YAML)
    std::string auth_header = "Authorization";
    std::string auth_prefix;     ///< e.g. "Token token=" for Zammad's header auth
    bool verify_tls = true;
    std::string ca_file;
    std::chrono::milliseconds connect_timeout{300}, read_timeout{800}, write_timeout{500};
    int retries = 2;
    std::chrono::milliseconds backoff{50};
    int breaker_failures = 5;
    std::chrono::milliseconds breaker_cooldown{10000};
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_head_bytes = 64 << 10;  ///< status line and headers; no backend needs more
};

struct HttpResponse {
    int status = 0;
    std::string body;
};

class RestClient {
public:
    /// `name` is the connector's, for the log.
    RestClient(std::string name, ClientOptions options);
    ~RestClient();

    /// One request with retries. 2xx and 404 are returned; anything else throws.
    /// `path` may carry a query; it is appended to the base URL's path prefix.
    /// @throws connector::ConnectorError
    HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
                         const httplib::Headers& headers, connector::Deadline deadline);

    /// The base URL's "scheme://host:port", to tell whether a next link stays on this backend.
    const std::string& origin() const { return m_origin; }
    const std::string& prefix() const { return m_prefix; }
    const CircuitBreaker& breaker() const { return m_breaker; }

private:
    /// A kept-alive client and the socket it uses now (reported by httplib's socket-options hook).
    struct Pooled {
        std::unique_ptr<httplib::Client> client;
        std::shared_ptr<std::atomic<int>> fd;
    };
    Pooled acquire();
    void release(Pooled client);
    HttpResponse attempt(Pooled& client, const httplib::Request& base, connector::Deadline deadline);

    std::string m_name;
    ClientOptions m_options;
    std::string m_origin;
    std::string m_prefix;
    CircuitBreaker m_breaker;
    std::mutex m_pool_mutex;
    std::vector<Pooled> m_idle;  ///< kept-alive connections
    RequestWatch m_watch;        ///< stops a request at its deadline or when its answer is too big
};

}  // namespace kartoteka::connectors::rest
