#pragma once
/// The pop as a centre runs it: `kartoteka-cli demo serve` over a backend store (a Freshdesk-shaped help
/// desk) and `kartoteka-cli serve` on the seat's store, reading the card through the real rest connector
/// (config/examples/demo-rest.yaml). Both are stopped when the scene goes.
#include <cstdlib>
#include <string>
#include <utility>

#include "loopback_server.h"
#include "test_support.h"

namespace kartoteka::test {

struct DemoPopScene {
    DemoPopScene(const TempDir& dir, const std::string& backend_db, const std::string& seat_db, const std::string& token)
        : cfg(dir.file("demo-rest.yaml")), cli(binary("app/cli/kartoteka-cli")), backend_port(dead_port()),
          pop_port(dead_port()) {
        write_file(cfg, demo_rest_yaml(backend_port));
        ::setenv("FRESHDESK_API_KEY", "demo", 1);
        ::setenv("KARTOTEKA_POP_TOKEN", token.c_str(), 1);
        backend = spawn({cli, "--db", backend_db, "demo", "serve", "--port", std::to_string(backend_port)});
        pop = spawn({cli, "--config", cfg, "--db", seat_db, "serve", "--port", std::to_string(pop_port)});
        up = wait_listening(backend_port) && wait_listening(pop_port);
    }
    ~DemoPopScene() {
        if (pop) stop();
        ::unsetenv("FRESHDESK_API_KEY");
        ::unsetenv("KARTOTEKA_POP_TOKEN");
    }
    DemoPopScene(const DemoPopScene&) = delete;
    DemoPopScene& operator=(const DemoPopScene&) = delete;

    /// Stops both programs; their exit codes (0: each stopped cleanly on SIGTERM), pop endpoint first.
    std::pair<int, int> stop() {
        const std::pair<int, int> codes{stop_process(pop), stop_process(backend)};
        pop = backend = 0;
        return codes;
    }

    std::string cfg;  ///< the seat's configuration file
    std::string cli;
    int backend_port, pop_port;
    int backend = 0, pop = 0;
    bool up = false;  ///< both listening
};

}  // namespace kartoteka::test
