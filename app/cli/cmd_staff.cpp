// kartoteka-cli team add|set|list and agent add|list|set|disable|enable|import: a centre's own staff
// (issue 15). The desk decides who may (admins; anyone for the first admin of an empty store) and
// audits each change; these commands parse, call it and print.
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "cli_context.h"
#include "error.h"
#include "secrets/secrets.h"

namespace kartoteka::cli {
namespace {

using nlohmann::json;

const char* const kRoleUsage = "operator|service|supervisor|admin";

std::string required(const Args& args, const char* name) {
    auto v = args.option(name);
    if (!v) throw Error(ErrorKind::invalid, std::string("--") + name + " is required");
    return *v;
}

model::Role role_of(const std::string& text) {
    auto r = model::parse<model::Role>(text);
    if (!r) throw Error(ErrorKind::invalid, std::string("--role must be one of ") + kRoleUsage);
    return *r;
}

/// Pads to `width` characters (not bytes: team names and people's names are often Cyrillic).
std::string pad(const std::string& s, std::size_t width) {
    std::size_t chars = 0;
    for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return s + std::string(chars < width ? width - chars : 1, ' ');
}

std::map<model::Id, std::string> team_names(Context& ctx) {
    std::map<model::Id, std::string> out;
    for (const auto& t : ctx.desk().teams()) out[t.id] = t.name;
    return out;
}

json agent_json(const model::Agent& a, const std::map<model::Id, std::string>& teams) {
    auto team = teams.find(a.team_id);
    return {{"id", a.id}, {"login", a.login}, {"name", a.name}, {"role", model::to_string(a.role)},
            {"team", team == teams.end() ? json(nullptr) : json(team->second)}, {"active", a.active},
            {"db_role", a.db_role}};
}

void print_agent(Context& ctx, const char* what, const model::Agent& a) {
    ctx.out() << what << " agent '" << a.login << "' (" << model::to_string(a.role) << "), #" << a.id << "\n";
}

// --- agents ----------------------------------------------------------------------------------------

/// A seat's new database password, from the environment variable --password-env names (never from
/// the command line, where other users' `ps` would see it); empty without the option.
std::string password_option(const Args& args) {
    auto env = args.option("password-env");
    if (!env) return {};
    const std::string password = secrets::read_secret(*env, "");
    if (password.empty()) throw Error(ErrorKind::invalid, "--password-env: $" + *env + " is not set");
    return password;
}

int agent_add(Context& ctx, const Args& args) {
    desk::AgentDraft d;
    d.login = required(args, "login");
    d.name = required(args, "name");
    d.role = role_of(required(args, "role"));
    d.team = args.option_or("team", "");
    d.db_role = args.option_or("db-role", "");
    d.password = password_option(args);
    args.check_unused();
    print_agent(ctx, "added", ctx.desk().add_agent(d));
    return ok;
}

int agent_list(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    args.check_unused();
    const auto agents = ctx.desk().agents();
    const auto teams = team_names(ctx);
    if (as_json) {
        json out = json::array();
        for (const auto& a : agents) out.push_back(agent_json(a, teams));
        ctx.out() << out.dump(2) << "\n";
        return ok;
    }
    if (agents.empty()) {
        ctx.out() << "no agents yet: add the first admin with agent add --login L --name N --role admin\n";
        return ok;
    }
    ctx.out() << pad("LOGIN", 16) << pad("ROLE", 12) << pad("TEAM", 16) << pad("STATUS", 10) << "NAME\n";
    for (const auto& a : agents) {
        auto team = teams.find(a.team_id);
        ctx.out() << pad(a.login, 16) << pad(model::to_string(a.role), 12) << pad(team == teams.end() ? "-" : team->second, 16)
                  << pad(a.active ? "active" : "disabled", 10) << a.name << "\n";
    }
    return ok;
}

int agent_set(Context& ctx, const Args& args) {
    const std::string login = required(args, "login");
    desk::AgentChange change;
    if (auto r = args.option("role")) change.role = role_of(*r);
    change.team = args.option("team");
    change.name = args.option("name");
    change.db_role = args.option("db-role");
    if (auto password = password_option(args); !password.empty()) change.password = password;
    args.check_unused();
    if (!change.role && !change.team && !change.name && !change.db_role && !change.password)
        throw Error(ErrorKind::invalid, "nothing to change: give --role, --team, --name, --db-role or --password-env");
    print_agent(ctx, "saved", ctx.desk().set_agent(login, change));
    return ok;
}

int agent_disable(Context& ctx, const Args& args) {
    const std::string login = required(args, "login");
    args.check_unused();
    const bool changed = ctx.desk().disable_agent(login);
    ctx.out() << "agent '" << login << "' " << (changed ? "is disabled: their records and audit rows stay" : "was already disabled")
              << "\n";
    return ok;
}

int agent_enable(Context& ctx, const Args& args) {
    const std::string login = required(args, "login");
    args.check_unused();
    const bool changed = ctx.desk().enable_agent(login);
    ctx.out() << "agent '" << login << "' " << (changed ? "is enabled again" : "was already active") << "\n";
    return ok;
}

/// The whole file, refusing one too big to be a list of people (a wrong file picked by mistake).
std::string read_csv_file(const std::string& path) {
    constexpr std::streamsize max_bytes = 16 << 20;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::invalid, "cannot read " + path);
    std::string text(static_cast<std::size_t>(max_bytes) + 1, '\0');
    in.read(text.data(), max_bytes + 1);
    if (in.bad()) throw Error(ErrorKind::invalid, "cannot read " + path);
    if (in.gcount() > max_bytes) throw Error(ErrorKind::invalid, path + " is larger than 16 MiB: not a list of agents");
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

int agent_import(Context& ctx, const Args& args) {
    args.check_unused();
    if (args.positional().size() != 1) throw Error(ErrorKind::invalid, "agent import takes one FILE.csv");
    const std::string& path = args.positional().front();
    const auto result = ctx.desk().import_agents(read_csv_file(path));
    ctx.out() << "imported " << result.agents.size() << " agent" << (result.agents.size() == 1 ? "" : "s") << " from " << path;
    if (!result.teams.empty()) {
        ctx.out() << "; new teams:";
        for (const auto& t : result.teams) ctx.out() << " " << t.name << (&t == &result.teams.back() ? "" : ",");
    }
    ctx.out() << "\n";
    return ok;
}

// --- teams -----------------------------------------------------------------------------------------

int team_add(Context& ctx, const Args& args) {
    const std::string name = required(args, "name");
    const std::string lead = args.option_or("lead", "");
    args.check_unused();
    const auto t = ctx.desk().add_team(name, lead);
    ctx.out() << "added team '" << t.name << "', #" << t.id << (lead.empty() ? "" : ", led by " + lead) << "\n";
    return ok;
}

int team_set(Context& ctx, const Args& args) {
    const std::string name = required(args, "name");
    const std::string lead = required(args, "lead");
    args.check_unused();
    const auto t = ctx.desk().set_team_lead(name, lead);
    ctx.out() << "team '" << t.name << "' " << (lead.empty() ? "has no lead now" : "is led by " + lead) << "\n";
    return ok;
}

int team_list(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    args.check_unused();
    const auto teams = ctx.desk().teams();
    const auto agents = ctx.desk().agents();
    std::map<model::Id, std::string> logins;
    std::map<model::Id, int> members;
    for (const auto& a : agents) {
        logins[a.id] = a.login;
        if (a.active) ++members[a.team_id];
    }
    auto lead = [&](const model::Team& t) { return t.lead_id && logins.count(t.lead_id) ? logins[t.lead_id] : std::string(); };
    if (as_json) {
        json out = json::array();
        for (const auto& t : teams)
            out.push_back({{"id", t.id}, {"name", t.name}, {"lead", lead(t).empty() ? json(nullptr) : json(lead(t))},
                           {"members", members[t.id]}});
        ctx.out() << out.dump(2) << "\n";
        return ok;
    }
    if (teams.empty()) ctx.out() << "no teams yet: add one with team add --name NAME [--lead LOGIN]\n";
    else ctx.out() << pad("TEAM", 20) << pad("LEAD", 16) << "ACTIVE MEMBERS\n";
    for (const auto& t : teams) {
        const std::string l = lead(t);
        ctx.out() << pad(t.name, 20) << pad(l.empty() ? "-" : l, 16) << members[t.id] << "\n";
    }
    return ok;
}

}  // namespace

void add_staff_commands(std::vector<Command>& out) {
    out.push_back({"team add", "--name NAME [--lead LOGIN]", "admins: add a team (its lead gets its SLA escalations)", {}, team_add});
    out.push_back({"team set", "--name NAME --lead LOGIN", "admins: change a team's lead (--lead '' for none)", {}, team_set});
    out.push_back({"team list", "[--json]", "the teams, their leads and how many active agents each has", {"json"}, team_list});
    out.push_back({"agent add",
                   std::string("--login L --name N --role ") + kRoleUsage + " [--team NAME] [--db-role ROLE [--password-env VAR]]",
                   "admins: add an agent; on a store with no agents yet, anyone adds the first admin. PostgreSQL: "
                   "--db-role is the database login role they sign in as (created when missing), its password "
                   "read from $VAR", {}, agent_add});
    out.push_back({"agent list", "[--json]", "every agent, active or disabled, with role and team", {"json"}, agent_list});
    out.push_back({"agent set", "--login L [--role R] [--team NAME] [--name N] [--db-role ROLE] [--password-env VAR]",
                   "admins: change an agent's role, team (--team '' for none), name, database role or its password",
                   {}, agent_set});
    out.push_back({"agent disable", "--login L",
                   "admins: refuse an agent everything from now on; their records and audit rows stay", {}, agent_disable});
    out.push_back({"agent enable", "--login L", "admins: let a disabled agent work again", {}, agent_enable});
    out.push_back({"agent import", "FILE.csv",
                   "admins: add a whole centre from CSV with the header login,name,role,team[,db_role] (UTF-8; missing "
                   "teams are created; db_role, PostgreSQL only, is the database role each signs in as, created "
                   "without a password: set one with agent set --password-env); all rows or none, every bad row "
                   "reported by its line",
                   {}, agent_import});
}

}  // namespace kartoteka::cli
