#pragma once
/// What every kartoteka-cli command gets: the parsed arguments, the desk (the application layer every
/// use case lives in; it opens the store and the connectors on first use), and where to print.
/// Commands are registered in a table (cli_commands.cpp) and live one group per file: they parse,
/// call the desk, print.
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "desk/desk.h"

namespace kartoteka::cli {

/// Exit codes of kartoteka-cli (README): 0 ok, 1 not found, 2 bad input or configuration,
/// 3 a failure at run time (store or backend unavailable).
enum Exit { ok = 0, not_found = 1, bad_input = 2, failure = 3 };

/// "--key value" options, "--flag" switches and positional words after the command name.
class Args {
public:
    Args(std::vector<std::string> words, std::vector<std::string> flags);
    /// The option's value; nullopt when absent. @throws Error{invalid} when given without a value.
    std::optional<std::string> option(const std::string& name) const;
    std::string option_or(const std::string& name, const std::string& fallback) const;
    bool flag(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }
    /// @throws Error{invalid} naming any option the command did not ask about.
    void check_unused() const;

private:
    std::map<std::string, std::optional<std::string>> m_options;
    std::vector<std::string> m_positional;
    std::vector<std::string> m_flags;
    mutable std::vector<std::string> m_asked;
};

class Context {
public:
    Context(config::Config config, std::optional<std::string> db_override, std::ostream& out, std::ostream& err);

    const config::Config& config() const { return m_desk.config(); }
    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }
    desk::Desk& desk() { return m_desk; }
    const phone::PhoneNormalizer& phones() const { return m_desk.phones(); }
    /// The signed-in agent (config agent.login). @throws Error{forbidden} when the store does not know
    /// them or they are disabled.
    model::Agent agent() { return m_desk.agent(); }

private:
    desk::Desk m_desk;
    std::ostream& m_out;
    std::ostream& m_err;
};

struct Command {
    std::string name;   ///< "config check", "demo seed", "card"
    std::string usage;  ///< arguments after the name
    std::string summary;
    std::vector<std::string> flags;  ///< options that take no value (--json)
    std::function<int(Context&, const Args&)> run;
};

// Option helpers shared by the command groups. Each throws Error{invalid} naming the option.

/// The one reading of instants and dates on the command line (--now, --at, --from, --to, ...): an ISO
/// 8601 instant ("2026-11-24T09:00:00Z", "2026-11-24T12:00:00+03:00") or a date ("2026-11-24"), which
/// means the start of that day (00:00 UTC). Ranges are half-open: --from D1 --to D2 is [D1, D2), so
/// "--from 2026-11-01 --to 2026-12-01" is the whole of November.
model::Timestamp instant_of(const std::string& text, const char* option);
/// The option as an instant (instant_of); nullopt when absent.
std::optional<model::Timestamp> instant_option(const Args& args, const char* name);
/// --now T pins "now" for the whole command (reproducible runs, tests): the desk's clock is set to it.
/// Returns now.
model::Timestamp now_of(Context& ctx, const Args& args);
/// A positive whole number (an id) written as `text`; `what` names it in the message.
model::Id positive_id(const std::string& text, const char* what);
/// The positive id given as --name, which is required.
model::Id required_id(const Args& args, const char* name);
/// The agent named by the --name LOGIN option; 0 when the option is absent.
model::Id agent_option(Context& ctx, const Args& args, const char* name);
/// An agent's login for printing; "(unassigned)" for 0.
std::string agent_login(Context& ctx, model::Id id);

/// After a command saved records for backends: says they are saved, runs one delivery pass (a
/// reachable backend has them at once; the rest wait in the outbox) and prints each row's state.
void deliver_and_report(Context& ctx, const desk::Recorded& recorded);

/// Every command, in help order. Each group registers itself in cli_commands.cpp.
const std::vector<Command>& commands();

void add_config_commands(std::vector<Command>& out);
void add_demo_commands(std::vector<Command>& out);
void add_customer_commands(std::vector<Command>& out);
void add_audit_commands(std::vector<Command>& out);
void add_sla_commands(std::vector<Command>& out);
void add_ticket_commands(std::vector<Command>& out);
void add_retention_commands(std::vector<Command>& out);
void add_retention_report_commands(std::vector<Command>& out);
void add_connector_commands(std::vector<Command>& out);
void add_outbox_commands(std::vector<Command>& out);
void add_serve_commands(std::vector<Command>& out);
void add_secret_commands(std::vector<Command>& out);
void add_lifecycle_commands(std::vector<Command>& out);
void add_staff_commands(std::vector<Command>& out);
void add_admin_commands(std::vector<Command>& out);
void add_directory_commands(std::vector<Command>& out);
void add_callback_commands(std::vector<Command>& out);

/// A callback time as an agent types it (callbacks add --at, record contact --callback-at): the
/// centre's wall clock ("2026-12-01 18:00"), or an instant with its zone.
model::Timestamp callback_time(Context& ctx, const std::string& text, const char* option);

}  // namespace kartoteka::cli
