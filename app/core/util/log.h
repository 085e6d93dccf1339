#pragma once
/// The program's log (GUIDE rule 10: spdlog). One logger, named "kartoteka", that the core writes to and
/// each host points somewhere once at start-up: the workstation at a rotating file under the user's state
/// folder, kartoteka-cli at stderr. Until a host does, the logger discards everything, so tests and
/// tools that do not care print nothing.
///
/// The logger is reached through logger() rather than passed into every class: it is a sink for
/// diagnostics, not a service the core depends on, and the host alone decides where it goes.
///
/// What goes in: connector names, outbox ids, error kinds, timings, schema versions. What never goes in:
/// phone numbers, e-mail addresses, names, tokens, passwords, payloads, query strings. A backend's error
/// text is free text, so it goes through redact() first; and the sinks log_to_file and log_to_stderr set
/// up redact every line once more, so what a caller forgot still reaches the file masked.
#include <spdlog/logger.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kartoteka::util {

/// The logger; never null. Safe to call from any thread, also while a host replaces it.
std::shared_ptr<spdlog::logger> logger();

/// "trace", "debug", "info", "warn" (or "warning"), "error", "off"; nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text);
/// The names parse_log_level takes, for messages and help.
const char* log_level_names();

/// $XDG_STATE_HOME/kartoteka/kartoteka.log, else ~/.local/state/kartoteka/kartoteka.log (XDG Base
/// Directory: logs are state, not configuration or data).
std::string default_log_file();

struct LogFileOptions {
    std::string path;  ///< the file; its folder is created
    spdlog::level::level_enum level = spdlog::level::info;
    std::size_t max_bytes = 5 * 1024 * 1024;  ///< then it is renamed .1 (the oldest beyond max_files goes)
    std::size_t max_files = 5;                ///< rotated files kept besides the current one
};

/// What log_to_file did.
struct LogSetup {
    std::string file;     ///< the file written to; empty when the log went to stderr instead
    std::string problem;  ///< why the file could not be used; empty when it could
};

/// Points the logger at a rotating file, every line flushed as it is written (the lines before a crash
/// are the ones that matter). When the folder or the file cannot be created the log goes to stderr
/// instead and says why there: logging never stops an agent's work. Never throws.
LogSetup log_to_file(const LogFileOptions& options);

/// Points the logger at stderr, each line "<program>: <level>: <message>" (kartoteka-cli).
void log_to_stderr(spdlog::level::level_enum level, const std::string& program);

/// Discards everything again, as before any setup.
void log_off();

/// Replaces the logger (tests with their own sink). A null pointer means log_off().
void set_logger(std::shared_ptr<spdlog::logger> logger);

/// `text` with what must not reach a log masked: payment card numbers (privacy::mask_card_numbers),
/// e-mail addresses (also URL-encoded ones, "%40"), phone-like digit runs: 8 digits or more, up to two
/// spaces, tabs, dashes, dots and brackets between digits ("+7 (916) 123-45-67", "+7.916.123.45.67",
/// "+359 88 812 3456": every E.164 number, national notations; short numbers such as ports, HTTP
/// statuses and milliseconds, and IPv4 addresses, stay readable), and a backend's value quoted in a mapping
/// error (`found 'x'`, `value 'x'` become `'…'`). Names in other free text cannot be recognised: log ids.
std::string redact(std::string_view text);

}  // namespace kartoteka::util
