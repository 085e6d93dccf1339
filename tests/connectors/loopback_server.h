#pragma once
/// A real cpp-httplib server on 127.0.0.1 and a free port, run on its own thread for one test; plain
/// HTTP, or HTTPS (httplib::SSLServer) when given a certificate and its key.
#include <httplib.h>

#include <atomic>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

namespace kartoteka::test {

class LoopbackServer {
public:
    LoopbackServer() : m_server(std::make_unique<httplib::Server>()) { start(); }
    /// HTTPS with this certificate chain and private key (PEM files).
    LoopbackServer(const std::string& cert_file, const std::string& key_file)
        : m_server(std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str())), m_tls(true) {
        if (!m_server->is_valid()) throw std::runtime_error("SSLServer refused " + cert_file + " / " + key_file);
        start();
    }
    ~LoopbackServer() { stop(); }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    void stop() {
        m_server->stop();
        if (m_thread.joinable()) m_thread.join();
    }
    httplib::Server& server() { return *m_server; }
    int port() const { return m_port; }
    std::string url() const { return (m_tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(m_port); }

private:
    void start() {
        m_server->set_keep_alive_max_count(1000);  // the library's default of 5 would hide client-side reuse
        m_server->set_tcp_nodelay(true);
        m_port = m_server->bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
        for (int i = 0; i < 400 && !m_server->is_running(); ++i)  // bounded: at most 2 s
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    std::unique_ptr<httplib::Server> m_server;
    bool m_tls = false;
    int m_port = 0;
    std::thread m_thread;
};

/// A loopback port nothing listens on (bound to learn a free number, then closed): "backend down".
inline int dead_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace kartoteka::test
