#pragma once
/// A screen pop as a telephony client makes it: GET /pop?phone=... on the loopback endpoint, answered
/// by a CardService (local store, then every configured source), the complete card back as JSON. The
/// benches time from sending the request to having the whole answer.
#include <httplib.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "card/card_json.h"
#include "desk/card_service.h"
#include "connector/screen_pop_server.h"

namespace kartoteka::bench {

class PopEndpoint {
public:
    explicit PopEndpoint(desk::CardService& cards)
        : m_server({0, "bench-token-bench-token"}, [&cards](const std::string& phone) {
              auto c = cards.by_phone(phone);
              return c ? std::optional<nlohmann::json>(card::to_json(*c)) : std::nullopt;
          }),
          m_port(m_server.bind()), m_thread([this] { m_server.run(); }), m_client("127.0.0.1", m_port) {
        m_client.set_keep_alive(true);
        m_client.set_tcp_nodelay(true);
        m_client.set_connection_timeout(2, 0);
        m_client.set_read_timeout(10, 0);
    }
    ~PopEndpoint() {
        m_client.stop();  // close the kept-alive connection first: the server waits for it otherwise
        m_server.stop();
        m_thread.join();
    }
    PopEndpoint(const PopEndpoint&) = delete;
    PopEndpoint& operator=(const PopEndpoint&) = delete;

    /// The card JSON for the phone (any notation); throws when the endpoint does not answer 200.
    nlohmann::json pop(const std::string& phone) {
        auto res = m_client.Get("/pop?phone=" + httplib::detail::encode_query_param(phone),
                                httplib::Headers{{"X-Kartoteka-Token", "bench-token-bench-token"}});
        if (!res) throw std::runtime_error("screen pop: no answer (" + httplib::to_string(res.error()) + ")");
        if (res->status != 200) throw std::runtime_error("screen pop: HTTP " + std::to_string(res->status) + " " + res->body);
        return nlohmann::json::parse(res->body);
    }

private:
    connector::ScreenPopServer m_server;
    int m_port;
    std::thread m_thread;
    httplib::Client m_client;
};

}  // namespace kartoteka::bench
