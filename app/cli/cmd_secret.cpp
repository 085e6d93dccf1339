// kartoteka-cli secret set|check: the desktop keyring entries that hold the store's and connectors'
// secrets, so a seat needs neither a password in YAML nor one in its environment.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "secrets/secrets.h"

namespace kartoteka::cli {
namespace {

/// "store" or "connector:NAME" (NAME a configured connector, so a typo is caught now, not at the call).
std::string entry_of(Context& ctx, const Args& args) {
    if (args.positional().size() != 1) throw Error(ErrorKind::invalid, "name one entry: store or connector:NAME");
    const std::string entry = args.positional().front();
    if (entry == secrets::kStoreEntry) return entry;
    if (entry.rfind("connector:", 0) == 0) {
        const std::string name = entry.substr(10);
        for (const auto& c : ctx.config().connectors)
            if (c.name == name) return entry;
        throw Error(ErrorKind::invalid, "'" + name + "' is not a connector in the configuration");
    }
    throw Error(ErrorKind::invalid, "'" + entry + "' is not an entry: store or connector:NAME");
}

/// One line from standard input, not echoed when typed at a terminal.
std::string read_hidden_line(std::ostream& prompt_to) {
    const bool tty = ::isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        prompt_to << "secret (not shown): " << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        prompt_to << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int secret_set(Context& ctx, const Args& args) {
    const std::string entry = entry_of(ctx, args);
    args.check_unused();
    const std::string secret = read_hidden_line(ctx.err());
    if (secret.empty()) throw Error(ErrorKind::invalid, "no secret on standard input; nothing stored");
    secrets::keyring_store(entry, secret);
    ctx.out() << "stored '" << entry << "' in the keyring\n";
    return ok;
}

int secret_check(Context& ctx, const Args& args) {
    const std::string entry = entry_of(ctx, args);
    args.check_unused();
    // Says whether it is there, never what it is.
    if (secrets::keyring_lookup(entry)) {
        ctx.out() << "'" << entry << "' is in the keyring\n";
        return ok;
    }
    ctx.out() << "'" << entry << "' is not in the keyring" << (secrets::keyring_available() ? "" : " (built without keyring support)")
              << "\n";
    return not_found;
}

}  // namespace

void add_secret_commands(std::vector<Command>& out) {
    out.push_back({"secret set", "store | connector:NAME  (the secret on standard input)",
                   "store the database password or a connector's secret in the desktop keyring", {}, secret_set});
    out.push_back({"secret check", "store | connector:NAME", "say whether the keyring holds that secret (never show it)",
                   {}, secret_check});
}

}  // namespace kartoteka::cli
