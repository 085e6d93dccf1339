// kartoteka-cli whoami and admin migrate (issue 16): who the store recognises at this seat, and the
// owner's schema migration, the one step seats never take.
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "secrets/secrets.h"

namespace kartoteka::cli {
namespace {

int whoami(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    args.check_unused();
    const auto id = ctx.desk().whoami();
    const bool ignored = id.source == desk::Identity::Source::database_session && !id.config_login.empty() &&
                         id.config_login != id.agent.login;
    if (as_json) {
        ctx.out() << nlohmann::json{{"login", id.agent.login},
                                    {"role", model::to_string(id.agent.role)},
                                    {"recognised_by", desk::to_string(id.source)},
                                    {"db_user", id.db_user},
                                    {"config_login_ignored", ignored}}
                         .dump(2)
                  << "\n";
        return ok;
    }
    ctx.out() << "login: " << id.agent.login << "\nrole: " << model::to_string(id.agent.role)
              << "\nrecognised by: " << desk::to_string(id.source) << "\n";
    if (!id.db_user.empty()) ctx.out() << "database user: " << id.db_user << "\n";
    if (ignored)
        ctx.out() << "note: config agent.login '" << id.config_login << "' is ignored: the database session decides\n";
    return ok;
}

int migrate(Context& ctx, const Args& args) {
    const std::string env = args.option_or("password-env", "KARTOTEKA_OWNER_PASSWORD");
    args.check_unused();
    // The owner's password: its own variable or keyring entry, never the seat's.
    const int version = ctx.desk().migrate_store(secrets::read_secret(env, "owner"));
    ctx.out() << ctx.desk().store_description() << ": schema at version " << version << "\n";
    return ok;
}

}  // namespace

void add_admin_commands(std::vector<Command>& out) {
    out.push_back({"whoami", "[--json]",
                   "the agent and role the store recognises at this seat, and how (database session or config)",
                   {"json"}, whoami});
    out.push_back({"admin migrate", "[--password-env VAR]",
                   "the database owner applies pending schema migrations and grants seats their part (run with "
                   "--db naming the owner; password from $KARTOTEKA_OWNER_PASSWORD or the keyring entry 'owner')",
                   {}, migrate});
}

}  // namespace kartoteka::cli
