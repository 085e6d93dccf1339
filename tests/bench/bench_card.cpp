// bench_card: a card from three REST sources that each answer in 50 ms (complete in well under the
// 150 ms sum, because sources are asked in parallel), and kept-alive request latency on loopback.
// Built on demand (EXCLUDE_FROM_ALL): ninja -C build bench_card && build/tests/bench/bench_card
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "config/config.h"
#include "connector/card_assembler.h"
#include "connectors.h"

using namespace kartoteka;
using Clock = std::chrono::steady_clock;

namespace {

struct Server {
    httplib::Server http;
    int port = 0;
    std::thread thread;
    explicit Server(int delay_ms) {
        http.set_keep_alive_max_count(100000);
        http.set_tcp_nodelay(true);  // the server writes headers and body apart: Nagle would hold the body
        http.Get("/customers", [delay_ms](const httplib::Request&, httplib::Response& res) {
            if (delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            res.set_content(R"({"data":[{"id":"C-1","first":"Ivan","last":"Ivanov","phone":"+79161234567"}]})",
                            "application/json");
        });
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
        for (int i = 0; i < 400 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~Server() {
        http.stop();
        thread.join();
    }
};

std::string entry(const std::string& name, int port) {
    return "  - name: " + name + "\n    type: rest\n    timeout_ms: 1000\n    settings:\n      base_url: http://127.0.0.1:" +
           std::to_string(port) + "\n      entities:\n        customer:\n          endpoint: /customers?phone={phone}\n"
           "          list: /data\n          fields: {id: /id, first_name: /first, last_name: /last, phone: /phone}\n";
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main() {
    connector::Registry registry;
    connectors::register_all(registry);
    phone::PhoneNormalizer phones("RU");
    connector::Lookup lookup;
    lookup.phone = "+79161234567";

    Server a(50), b(50), c(50);
    auto cfg = config::parse_config("connectors:\n" + entry("crm", a.port) + entry("billing", b.port) +
                                        entry("helpdesk", c.port), "bench.yaml");
    connector::CardAssembler assembler(registry.create_all(cfg.connectors), 50, phones, util::system_now);
    std::vector<double> card_ms;
    for (int i = 0; i < 31; ++i) {
        const auto t0 = Clock::now();
        auto card = assembler.assemble(std::nullopt, lookup);
        card_ms.push_back(ms(Clock::now() - t0));
        for (const auto& s : card.sources)
            if (s.name != "local" && s.status != card::SourceStatus::ok) std::printf("source %s not ok\n", s.name.c_str());
    }

    Server fast(0);
    auto one = config::parse_config("connectors:\n" + entry("fast", fast.port), "bench.yaml");
    auto src = registry.create_all(one.connectors).at(0).connector;
    std::vector<double> req_ms;
    for (int i = 0; i < 1000; ++i) {
        const auto t0 = Clock::now();
        src->fetch(lookup, Clock::now() + std::chrono::seconds(2));
        req_ms.push_back(ms(Clock::now() - t0));
    }
    req_ms.erase(req_ms.begin());  // the first request pays for the connection

    std::printf("%-52s %10s %10s %10s\n", "measurement", "median ms", "p99 ms", "runs");
    std::printf("%-52s %10.1f %10.1f %10zu\n", "card, 3 REST sources x 50 ms each (sum 150 ms)", percentile(card_ms, 0.5),
                percentile(card_ms, 0.99), card_ms.size());
    std::printf("%-52s %10.3f %10.3f %10zu\n", "kept-alive GET + JSON mapping on loopback", percentile(req_ms, 0.5),
                percentile(req_ms, 0.99), req_ms.size());
    std::printf("ratio card median / sum of latencies: %.2f\n", percentile(card_ms, 0.5) / 150.0);
    return 0;
}
