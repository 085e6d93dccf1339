// kartoteka-cli audit list
#include <nlohmann/json.hpp>

#include <ostream>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "cli_context.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

model::Timestamp instant(const Args& args, const char* name) {
    auto text = args.option(name);
    if (!text) return 0;
    auto t = util::parse_iso(*text);
    if (!t) throw Error(ErrorKind::invalid, std::string("--") + name + " must be a date (2026-11-24) or an ISO instant");
    return *t;
}

int list(Context& ctx, const Args& args) {
    audit::Filter f;
    f.from = instant(args, "from");
    f.to = instant(args, "to");
    if (auto c = args.option("customer")) {
        try {
            f.customer_id = std::stoll(*c);
        } catch (const std::exception&) {
            throw Error(ErrorKind::invalid, "--customer must be a customer id");
        }
    }
    if (auto login = args.option("agent")) {
        auto a = ctx.store().agent_by_login(*login);
        if (!a) throw Error(ErrorKind::not_found, "no agent with login '" + *login + "'");
        f.agent_id = a->id;
    }
    if (auto n = args.option("limit")) f.limit = std::max(1, std::min(100000, std::atoi(n->c_str())));
    const bool json = args.flag("json");
    args.check_unused();
    // Reading who looked at whom is itself a supervisor's right.
    access::require(ctx.agent(), access::Action::view_audit);
    auto entries = audit::AuditLog(ctx.store()).query(f);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : entries)
            out.push_back({{"at", util::format_iso(e.at)}, {"agent", e.agent_login}, {"agent_id", e.agent_id},
                           {"action", e.action}, {"customer_id", e.customer_id}, {"entity", e.entity},
                           {"entity_id", e.entity_id}, {"detail", e.detail}});
        ctx.out() << out.dump(2) << "\n";
    } else {
        for (const auto& e : entries)
            ctx.out() << util::format_iso(e.at) << "  " << (e.agent_login.empty() ? "#" + std::to_string(e.agent_id) : e.agent_login)
                      << "  " << e.action << "  customer #" << e.customer_id
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
