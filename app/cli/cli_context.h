#pragma once
/// What every kartoteka-cli command gets: the parsed arguments, the configuration, the store (opened on
/// first use), and where to print. Commands are registered in a table (cli_commands.cpp) and live one
/// group per file.
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "connector/card_service.h"
#include "connector/outbox.h"
#include "connector/registry.h"
#include "phone/phone_normalizer.h"
#include "storage/database.h"
#include "storage/store.h"

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

    const config::Config& config() const { return m_config; }
    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }
    const phone::PhoneNormalizer& phones() const { return m_phones; }
    /// The store location: --db if given, else the config's store.url.
    storage::StoreLocation store_location() const;
    /// Opens (and migrates) the store the first time it is asked for.
    storage::Store& store();
    /// The agent this seat acts as (config agent.login), from the store.
    /// @throws Error{forbidden} when that login is not a known agent.
    const model::Agent& agent();
    /// Every connector type built in (connectors/connectors.h), presets found next to the config.
    connector::Registry& registry() { return m_registry; }
    /// Cards from the store and every configured connector (created on first use, so a command that
    /// needs no backend never fails on a backend's configuration).
    connector::CardService& cards();
    /// The configured, enabled connectors (created on first use).
    const std::vector<connector::Source>& sources();

private:
    config::Config m_config;
    std::optional<std::string> m_db_override;
    std::ostream& m_out;
    std::ostream& m_err;
    phone::PhoneNormalizer m_phones;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Store> m_store;
    std::optional<model::Agent> m_agent;
    connector::Registry m_registry;
    std::optional<std::vector<connector::Source>> m_sources;
    std::unique_ptr<connector::CardAssembler> m_assembler;
    std::unique_ptr<connector::CardService> m_cards;
};

struct Command {
    std::string name;   ///< "config check", "demo seed", "card"
    std::string usage;  ///< arguments after the name
    std::string summary;
    std::vector<std::string> flags;  ///< options that take no value (--json)
    std::function<int(Context&, const Args&)> run;
};

// Option helpers shared by the command groups. Each throws Error{invalid} naming the option.

/// --now ISO-TIME pins "now" (reproducible runs, tests); the real clock otherwise.
model::Timestamp now_of(const Args& args);
/// A positive whole number (an id) written as `text`; `what` names it in the message.
model::Id positive_id(const std::string& text, const char* what);
/// The positive id given as --name, which is required.
model::Id required_id(const Args& args, const char* name);
/// A date ("2026-11-01": midnight UTC, or with `end` the first second after that day) or an ISO instant.
model::Timestamp instant_of(const std::string& text, const char* what, bool end);
/// The agent named by the --name LOGIN option; 0 when the option is absent.
model::Id agent_option(Context& ctx, const Args& args, const char* name);
/// An agent's login for printing; "(unassigned)" for 0.
std::string agent_login(Context& ctx, model::Id id);

/// After a command saved records for backends: says they are saved, runs one delivery pass (a
/// reachable backend has them at once; the rest wait in the outbox) and prints each row's state.
void deliver_and_report(Context& ctx, const std::vector<connector::OutboxItem>& queued);

/// Every command, in help order. Each group registers itself in cli_commands.cpp.
const std::vector<Command>& commands();

void add_config_commands(std::vector<Command>& out);
void add_demo_commands(std::vector<Command>& out);
void add_customer_commands(std::vector<Command>& out);
void add_audit_commands(std::vector<Command>& out);
void add_sla_commands(std::vector<Command>& out);
void add_retention_commands(std::vector<Command>& out);
void add_connector_commands(std::vector<Command>& out);
void add_outbox_commands(std::vector<Command>& out);
void add_serve_commands(std::vector<Command>& out);
void add_secret_commands(std::vector<Command>& out);
void add_lifecycle_commands(std::vector<Command>& out);

}  // namespace kartoteka::cli
