// kartoteka-cli callbacks list|add|done|cancel|reassign|remind: callbacks promised to customers (issue 18).
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "retention/contact_policy.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using nlohmann::json;
using model::Timestamp;

/// --at as the agent types it: "2026-12-01 18:00" on the centre's wall clock, or an instant with its zone.
Timestamp local_instant(Context& ctx, const std::string& text, const char* option) {
    const auto* zone = util::find_zone(ctx.config().locale.timezone);
    if (zone)
        if (auto t = util::parse_instant(text, *zone)) return *t;
    throw Error(ErrorKind::invalid, std::string(option) + " must be a time such as \"2026-12-01 18:00\" (the centre's "
                                                          "clock, " + ctx.config().locale.timezone +
                                        ") or an ISO 8601 instant with its zone");
}

json callback_json(Context& ctx, const desk::CallbackView& v) {
    const auto& c = v.callback;
    return {{"id", c.id}, {"customer_id", c.customer_id}, {"customer", v.customer}, {"agent", v.agent_login},
            {"due_at", util::format_iso(c.due_at)},
            {"due_local", retention::format_local(c.due_at, ctx.config().locale.timezone)},
            {"note", c.note}, {"status", model::to_string(c.status)}, {"offer_id", c.offer_id},
            {"interaction_id", c.interaction_id}};
}

void print(Context& ctx, const std::vector<desk::CallbackView>& list, bool as_json) {
    if (as_json) {
        json out = json::array();
        for (const auto& v : list) out.push_back(callback_json(ctx, v));
        ctx.out() << out.dump(2) << "\n";
        return;
    }
    const auto now = ctx.desk().now();
    for (const auto& v : list) {
        const auto& c = v.callback;
        ctx.out() << "callback #" << c.id << "  " << retention::format_local(c.due_at, ctx.config().locale.timezone)
                  << (c.due_at <= now ? " (due)" : "") << "  " << v.agent_login << "  customer #" << c.customer_id << " "
                  << v.customer << (c.note.empty() ? "" : "  " + c.note) << "\n";
    }
    if (list.empty()) ctx.out() << "no open callbacks\n";
}

int callbacks_list(Context& ctx, const Args& args) {
    const Timestamp now = now_of(ctx, args);
    const bool as_json = args.flag("json"), everyone = args.flag("all");
    model::Id agent = agent_option(ctx, args, "agent");
    if (agent == 0 && !everyone) agent = ctx.agent().id;
    const Timestamp from = instant_option(args, "from").value_or(0);  // overdue ones are still owed
    const Timestamp to = instant_option(args, "to").value_or(now + 7 * 86400);
    args.check_unused();
    print(ctx, ctx.desk().callbacks(agent, from, to), as_json);
    return ok;
}

int callbacks_add(Context& ctx, const Args& args) {
    now_of(ctx, args);
    desk::CallbackDraft d;
    d.customer_id = positive_id(args.option_or("id", ""), "--id");
    d.due_at = local_instant(ctx, args.option_or("at", ""), "--at");
    d.note = args.option_or("note", "");
    args.check_unused();
    const auto c = ctx.desk().schedule_callback(d);
    ctx.out() << "callback #" << c.id << " at " << retention::format_local(c.due_at, ctx.config().locale.timezone) << " ("
              << util::format_iso(c.due_at) << ") for " << agent_login(ctx, c.agent_id) << "\n";
    return ok;
}

model::Id the_id(const Args& args) {
    if (args.positional().size() != 1) throw Error(ErrorKind::invalid, "give one callback id");
    return positive_id(args.positional()[0], "callback id");
}

/// callbacks done|cancel ID: the same closing, with its word.
int close_callback(Context& ctx, const Args& args, bool done) {
    now_of(ctx, args);
    const auto id = the_id(args);
    args.check_unused();
    if (done) ctx.desk().complete_callback(id);
    else ctx.desk().cancel_callback(id);
    ctx.out() << "callback #" << id << (done ? " done\n" : " cancelled\n");
    return ok;
}

int callbacks_reassign(Context& ctx, const Args& args) {
    now_of(ctx, args);
    const auto id = the_id(args);
    const std::string to = args.option_or("to", "");
    args.check_unused();
    if (to.empty()) throw Error(ErrorKind::invalid, "--to LOGIN names the agent who calls back instead");
    const auto c = ctx.desk().reassign_callback(id, to);
    ctx.out() << "callback #" << c.id << " now " << agent_login(ctx, c.agent_id) << "'s\n";
    return ok;
}

int callbacks_remind(Context& ctx, const Args& args) {
    now_of(ctx, args);
    const bool as_json = args.flag("json");
    args.check_unused();
    print(ctx, ctx.desk().callback_reminders(), as_json);
    return ok;
}

}  // namespace

Timestamp callback_time(Context& ctx, const std::string& text, const char* option) {
    return local_instant(ctx, text, option);
}

void add_callback_commands(std::vector<Command>& out) {
    out.push_back({"callbacks list", "[--agent LOGIN | --all] [--from T] [--to T] [--now T] [--json]",
                   "open callbacks by due time (yours unless --agent or --all; others' for supervisors)",
                   {"json", "all"}, callbacks_list});
    out.push_back({"callbacks add", "--id CUSTOMER --at \"YYYY-MM-DD HH:MM\" [--note TEXT] [--now T]",
                   "promise a callback (the centre's clock unless the time has its zone); you own it", {}, callbacks_add});
    out.push_back({"callbacks done", "ID [--now T]", "mark a callback made", {},
                   [](Context& ctx, const Args& args) { return close_callback(ctx, args, true); }});
    out.push_back({"callbacks cancel", "ID [--now T]", "cancel a callback", {},
                   [](Context& ctx, const Args& args) { return close_callback(ctx, args, false); }});
    out.push_back({"callbacks reassign", "ID --to LOGIN [--now T]", "give a callback to another agent (supervisors)", {},
                   callbacks_reassign});
    out.push_back({"callbacks remind", "[--now T] [--json]", "your callbacks due now that were not announced yet",
                   {"json"}, callbacks_remind});
}

}  // namespace kartoteka::cli
