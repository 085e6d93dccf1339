#pragma once
/// A screen pop as a telephony client makes it: GET /pop?phone=... on the loopback endpoint, answered
/// by the desk's open_card as `kartoteka-cli serve` and the window answer it (access check, local
/// store, every configured source, the view audited), the complete card back as JSON. The benches time
/// from sending the request to having the whole answer, so the desk's layer is in every figure.
#include <httplib.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "card/card_json.h"
#include "desk/desk.h"
#include "desk/pop_endpoint.h"

namespace kartoteka::bench {

/// A desk over a store file, signed in as the demo data's operator, with the connectors in `yaml`.
inline std::unique_ptr<desk::Desk> bench_desk(const std::string& store, const std::string& yaml = "") {
    desk::DeskOptions o;
    o.store_override = store;
    o.store_password = "";
    return std::make_unique<desk::Desk>(config::parse_config("agent: {login: operator}\n" + yaml, "bench.yaml"), o);
}

class PopEndpoint {
public:
    explicit PopEndpoint(desk::Desk& desk)
        : m_server({0, kToken}, [&desk](const std::string& phone) {
              auto c = desk.open_card({0, phone}, desk::Origin::pop);
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
                                httplib::Headers{{"X-Kartoteka-Token", kToken}});
        if (!res) throw std::runtime_error("screen pop: no answer (" + httplib::to_string(res.error()) + ")");
        if (res->status != 200) throw std::runtime_error("screen pop: HTTP " + std::to_string(res->status) + " " + res->body);
        return nlohmann::json::parse(res->body);
    }

private:
    static constexpr const char* kToken = "bench-token-0123456789";
    desk::PopEndpoint m_server;
    int m_port;
    std::thread m_thread;
    httplib::Client m_client;
};

}  // namespace kartoteka::bench
