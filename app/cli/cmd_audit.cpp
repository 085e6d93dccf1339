// kartoteka-cli audit list
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

int list(Context& ctx, const Args& args) {
    audit::Filter f;
    f.from = instant_option(args, "from").value_or(0);
    f.to = instant_option(args, "to").value_or(0);
    if (auto c = args.option("customer")) {
        try {
            f.customer_id = std::stoll(*c);
        } catch (const std::exception&) {
            throw Error(ErrorKind::invalid, "--customer must be a customer id");
        }
    }
    if (auto login = args.option("agent")) {
        auto a = ctx.desk().agent_by_login(*login);
        if (!a) throw Error(ErrorKind::not_found, "no agent with login '" + *login + "'");
        f.agent_id = a->id;
    }
    if (auto n = args.option("limit")) f.limit = std::max(1, std::min(100000, std::atoi(n->c_str())));
    const bool json = args.flag("json");
    args.check_unused();
    // Reading who looked at whom is itself a supervisor's right (checked by the desk).
    auto entries = ctx.desk().audit(f);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : entries)
            out.push_back({{"at", util::format_iso(e.at)}, {"agent", e.agent_login}, {"agent_id", e.agent_id},
                           {"action", e.action}, {"customer_id", e.customer_id}, {"entity", e.entity},
                           {"entity_id", e.entity_id}, {"detail", e.detail}, {"db_user", e.db_user}});
        ctx.out() << out.dump(2) << "\n";
    } else {
        for (const auto& e : entries)
            // Staff changes concern no customer; the first admin of an empty store was added by nobody signed in.
            ctx.out() << util::format_iso(e.at) << "  "
                      << (!e.agent_login.empty() ? e.agent_login
                          : e.agent_id == 0    ? std::string("(nobody signed in)")
                                               : "#" + std::to_string(e.agent_id))
                      << "  " << e.action << (e.customer_id ? "  customer #" + std::to_string(e.customer_id) : std::string())
                      << (e.entity.empty() ? "" : "  " + e.entity + " #" + std::to_string(e.entity_id))
                      << (e.detail.empty() ? "" : "  (" + e.detail + ")") << "\n";
    }
    return ok;
}

}  // namespace

void add_audit_commands(std::vector<Command>& out) {
    out.push_back({"audit list", "[--customer ID] [--agent LOGIN] [--from T] [--to T] [--limit N] [--json]",
                   "who opened which card and who changed what, newest first (supervisors and admins)", {"json"}, list});
}

}  // namespace kartoteka::cli
