// kartoteka-cli serve (the screen pop endpoint), demo serve (the demo data as a Freshdesk-shaped API)
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <ostream>
#include <thread>

#include "access/permissions.h"
#include "card/card_json.h"
#include "cli_context.h"
#include "demo/demo_backend.h"
#include "desk/pop_endpoint.h"
#include "error.h"

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
    access::require(ctx.agent(), access::Action::view_card);  // refused at start, not on the first call
    const char* token = std::getenv(pop.token_env.c_str());
    // The same use case as the window's pop (desk::Desk::open_card): a caller only a backend knows is
    // kept locally, each view audited as a screen pop. Pops run in parallel, each on its own store
    // connection from the desk.
    auto& desk = ctx.desk();
    desk::PopEndpoint server({port, token ? token : ""}, [&desk](const std::string& phone) {
        auto c = desk.open_card({0, phone}, desk::Origin::pop);
        return c ? std::optional<nlohmann::json>(card::to_json(*c)) : std::nullopt;
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
    ctx.desk().with_store([&](auto& store) {
        demo::DemoBackend backend(store, ctx.phones(), key);
        const int bound = backend.bind(port);
        ctx.out() << "demo backend (Freshdesk API shape) on http://127.0.0.1:" << bound << " serving "
                  << ctx.desk().store_description() << "; Ctrl-C stops\n" << std::flush;
        run_until_signal(backend);
    });
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
