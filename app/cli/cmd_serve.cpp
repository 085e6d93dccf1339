// kartoteka-cli serve (the screen pop endpoint), demo serve (the demo data as a Freshdesk-shaped API)
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <mutex>
#include <ostream>
#include <thread>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "card/card_json.h"
#include "cli_context.h"
#include "connector/screen_pop_server.h"
#include "demo/demo_backend.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

int port_option(const Args& args, int fallback) {
    const auto text = args.option("port");
    if (!text) return fallback;
    try {
        std::size_t used = 0;
        const int p = std::stoi(*text, &used);
        if (used == text->size() && p >= 0 && p <= 65535) return p;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::invalid, "--port must be 0-65535 (0 = any free port)");
}

/// Runs a loopback server until SIGINT or SIGTERM. The signals are blocked before the server's
/// threads start and taken by one thread with sigwait, so stopping never happens in a signal handler.
template <class Server>
void run_until_signal(Server& server) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&set, &sig);
        server.stop();
    });
    server.run();
    waiter.join();
}

int serve(Context& ctx, const Args& args) {
    const auto& pop = ctx.config().screen_pop;
    const int port = port_option(args, pop.port);
    args.check_unused();
    if (!pop.enabled) throw Error(ErrorKind::config, ctx.config().source_file + ": screen_pop.enabled is false");
    access::require(ctx.agent(), access::Action::view_card);  // the seat's agent may see cards at all
    const char* token = std::getenv(pop.token_env.c_str());
    auto& cards = ctx.cards();
    const model::Id agent_id = ctx.agent().id;
    // httplib answers on a pool of threads; the store and its session are one connection, so one pop
    // at a time (a pop is milliseconds; calls do not ring thousands per second at one desk).
    std::mutex one_at_a_time;
    connector::ScreenPopServer server({port, token ? token : ""}, [&](const std::string& phone) {
        std::lock_guard lock(one_at_a_time);
        auto c = cards.by_phone(phone);
        if (!c) return std::optional<nlohmann::json>();
        // A popped card is a card seen: audited like one opened by hand.
        audit::AuditLog(ctx.store()).record({0, util::system_now(), agent_id, "", "view_card", c->customer.id, "", 0, "screen pop"});
        return std::optional<nlohmann::json>(card::to_json(*c));
    });
    const int bound = server.bind();
    ctx.out() << "screen pop on http://127.0.0.1:" << bound << "/pop?phone=... (token from $" << pop.token_env
              << "); Ctrl-C stops\n" << std::flush;
    run_until_signal(server);
    return ok;
}

int demo_serve(Context& ctx, const Args& args) {
    const int port = port_option(args, 18766);
    const std::string key_env = args.option_or("key-env", "FRESHDESK_API_KEY");
    args.check_unused();
    const char* key = std::getenv(key_env.c_str());
    if (!key || !*key) throw Error(ErrorKind::invalid, "demo serve: set $" + key_env + " to the API key clients must send");
    demo::DemoBackend backend(ctx.store(), ctx.phones(), key);
    const int bound = backend.bind(port);
    ctx.out() << "demo backend (Freshdesk API shape) on http://127.0.0.1:" << bound
              << " serving " << ctx.store_location().describe() << "; Ctrl-C stops\n" << std::flush;
    run_until_signal(backend);
    return ok;
}

}  // namespace

void add_serve_commands(std::vector<Command>& out) {
    out.push_back({"serve", "[--port N]",
                   "screen pop: answer GET /pop?phone=... on 127.0.0.1 with the card JSON (token from screen_pop.token_env)",
                   {}, serve});
    out.push_back({"demo serve", "[--port 18766] [--key-env FRESHDESK_API_KEY]",
                   "serve the store's customers and tickets over loopback in the Freshdesk API's shape (config/examples/demo-rest.yaml)",
                   {}, demo_serve});
}

}  // namespace kartoteka::cli
