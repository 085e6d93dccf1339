// kartoteka-cli: the headless host of the core. Parses global options, loads the configuration,
// dispatches to a command (cli_commands.cpp) and maps errors to exit codes.
#include <cstdlib>
#include <cctype>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli_context.h"
#include "config/config.h"
#include "error.h"
#include "privacy/card_number_mask.h"
#include "desk/desk.h"
#include "util/log.h"

using namespace kartoteka;

namespace {

void print_help(std::ostream& out) {
    out << "kartoteka-cli " << KARTOTEKA_VERSION << ": the Kartoteka customer card, headless\n\n"
        << "usage: kartoteka-cli [--config FILE] [--db STORE] [--log-level LEVEL] COMMAND [ARGS]\n\n"
        << "  --config FILE      configuration (default: " << config::default_config_path() << ")\n"
        << "  --db STORE         SQLite file path or PostgreSQL connection string; overrides store.url\n"
        << "  --log-level LEVEL  what is logged on stderr: " << util::log_level_names()
        << " (default: warn, or $KARTOTEKA_LOG_LEVEL)\n\n"
        << "       kartoteka-cli tel:+79161234567   (also callto: and sip: URIs) prints that caller's card\n\n"
        << "commands:\n";
    for (const auto& c : cli::commands()) out << "  " << c.name << " " << c.usage << "\n      " << c.summary << "\n";
    out << "\ntimes (--now, --at, --from, --to, ...): an ISO 8601 instant (2026-11-24T09:00:00Z, "
           "2026-11-24T12:00:00+03:00)\n"
        << "  or a date (2026-11-24: the start of that day, 00:00 UTC). A range --from A --to B is half-open,\n"
        << "  [A, B): --from 2026-11-01 --to 2026-12-01 is the whole of November.\n";
    out << "\nexit codes: 0 ok, 1 not found, 2 bad input or configuration, 3 store or backend failure\n";
}

/// The command whose (possibly multi-word) name the words start with; the longest match wins.
const cli::Command* match(const std::vector<std::string>& words, std::size_t& used) {
    const cli::Command* best = nullptr;
    for (const auto& c : cli::commands()) {
        std::vector<std::string> parts;
        std::size_t pos = 0, sp;
        while ((sp = c.name.find(' ', pos)) != std::string::npos) parts.push_back(c.name.substr(pos, sp - pos)), pos = sp + 1;
        parts.push_back(c.name.substr(pos));
        if (parts.size() > words.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < parts.size() && same; ++i) same = parts[i] == words[i];
        if (same && (!best || parts.size() > used)) best = &c, used = parts.size();
    }
    return best;
}

/// kartoteka-cli logs to stderr, warnings and errors by default: a command's own output stays as it was
/// and a failing source or delivery still says why. --log-level, else KARTOTEKA_LOG_LEVEL, changes it.
/// A wrong --log-level is a typo on this command line and refused; a wrong KARTOTEKA_LOG_LEVEL is the
/// environment's, and must not stop a telephony client's tel: call, so it is only warned about.
void setup_log(const std::optional<std::string>& option) {
    const auto names = util::log_level_names();
    if (option && !util::parse_log_level(*option))
        throw Error(ErrorKind::invalid, "--log-level '" + *option + "' is not one of " + names);
    const char* env = std::getenv("KARTOTEKA_LOG_LEVEL");
    const auto from_env = env && *env ? util::parse_log_level(env) : std::nullopt;
    util::log_to_stderr(option ? *util::parse_log_level(*option) : from_env.value_or(spdlog::level::warn), "kartoteka-cli");
    if (!option && env && *env && !from_env)
        util::logger()->warn("KARTOTEKA_LOG_LEVEL '{}' is not one of {}; using warn", env, names);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    std::string config_path = config::default_config_path();
    std::optional<std::string> db, log_level;
    std::size_t i = 0;
    try {
        for (; i < words.size() && words[i].rfind("--", 0) == 0; ++i) {
            const std::string& w = words[i];
            if (w == "--help" || w == "-h") return print_help(std::cout), cli::ok;
            if (w == "--version") return std::cout << "kartoteka-cli " << KARTOTEKA_VERSION << "\n", cli::ok;
            if ((w == "--config" || w == "--db") && i + 1 < words.size()) {
                (w == "--config" ? config_path : db.emplace()) = words[++i];
                continue;
            }
            if (w == "--log-level" && i + 1 < words.size()) {
                log_level = words[++i];
                continue;
            }
            throw Error(ErrorKind::invalid, "unknown or incomplete global option " + w);
        }
        setup_log(log_level);
        words.erase(words.begin(), words.begin() + static_cast<long>(i));
        if (words.empty()) return print_help(std::cerr), cli::bad_input;
        // A telephony client or browser hands us "tel:+7...", "callto:..." or "sip:...@pbx": open that card.
        // Schemes are case-insensitive (RFC 3986 3.1): TEL:, Sip:, sips:, and a softphone's <sip:...>.
        std::string head = words[0].substr(0, 8);
        for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        for (const char* scheme : {"tel:", "callto:", "sip:", "sips:", "<sip:", "<sips:", "<tel:"})
            if (head.rfind(scheme, 0) == 0) {
                words.insert(words.begin(), {"card", "--link"});
                break;
            }
        std::size_t used = 0;
        const cli::Command* cmd = match(words, used);
        if (!cmd) throw Error(ErrorKind::invalid, "unknown command '" + words[0] + "' (see kartoteka-cli --help)");
        cli::Args args(std::vector<std::string>(words.begin() + static_cast<long>(used), words.end()), cmd->flags);
        cli::Context ctx(config::load_config(config_path), db, std::cout, std::cerr);
        return cmd->run(ctx, args);
    } catch (const Error& e) {
        // An error may quote what the agent typed ("--summary ..."): card numbers masked, as everywhere.
        // A configuration error quotes the file, line and key the administrator must find, never a
        // customer's data: masked, a path's digits could pass the card-number check and hide the file.
        std::cerr << "kartoteka-cli: " << (e.kind() == ErrorKind::config ? std::string(e.what()) : privacy::mask_card_numbers(e.what()))
                  << "\n";
        switch (e.kind()) {
        case ErrorKind::not_found: return cli::not_found;
        case ErrorKind::config:
        case ErrorKind::invalid:
        case ErrorKind::forbidden: return cli::bad_input;
        default: return cli::failure;
        }
    } catch (const std::exception& e) {
        // One that escaped every wrapper (a store driver's error among them): never its bound values.
        std::cerr << "kartoteka-cli: unexpected error: " << desk::safe_message(e) << "\n";
        return cli::failure;
    }
}
