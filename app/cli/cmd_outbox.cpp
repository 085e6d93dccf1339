// kartoteka-cli record contact|complaint, outbox list|retry|deliver (offers are worked with `offer work`)
#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

#include "actions/agent_actions.h"
#include "cli_context.h"
#include "connector/write_back.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using connector::Outbox;
using connector::OutboxItem;

connector::OutboxPolicy policy(const Context& ctx) {
    const auto& c = ctx.config().outbox;
    return {c.max_attempts, c.backoff_s, std::chrono::milliseconds(c.timeout_ms)};
}

/// Where a record goes: --to names the connector for its kind, else the highest-priority one that
/// accepts it (connector::routes_for). A record no backend accepts is refused here: these commands
/// exist to write back (an agent's plain note is `contacts log` / the workstation).
connector::WriteBackRoutes routes_for(Context& ctx, const Args& args, std::string connector::WriteBackRoutes::*kind,
                                      const char* kind_name) {
    auto routes = connector::routes_for(ctx.sources());
    if (const auto to = args.option("to")) {
        bool known = false;
        for (const auto& s : ctx.sources()) known = known || s.name == *to;
        if (!known) throw Error(ErrorKind::invalid, "--to " + *to + ": no enabled connector has that name");
        routes.*kind = *to;
    }
    if ((routes.*kind).empty())
        throw Error(ErrorKind::config, std::string("no configured connector accepts ") + kind_name +
                                           " records (see connectors check)");
    return routes;
}

}  // namespace

void deliver_and_report(Context& ctx, const std::vector<OutboxItem>& queued) {
    if (queued.empty()) return;
    Outbox outbox(ctx.store());
    connector::OutboxDeliverer deliverer(ctx.store(), outbox, ctx.sources(), policy(ctx), util::system_now);
    // The agent's words are on disk (committed with their outbox rows); say so before the network.
    for (const auto& item : queued) ctx.out() << "saved locally (" << item.local_ref << ")\n";
    ctx.out().flush();
    deliverer.deliver_due();
    for (const auto& item : queued) {
        auto now = outbox.get(item.id);
        ctx.out() << "outbox #" << item.id << " " << item.kind << " to " << item.target << ": "
                  << (now ? connector::to_string(now->status) : "?")
                  << (now && !now->last_error.empty() ? " (" + now->last_error + ")" : "") << "\n";
    }
}

namespace {

int record_contact(Context& ctx, const Args& args) {
    actions::ContactDraft d;
    d.customer_id = positive_id(args.option_or("id", ""), "--id");
    d.summary = args.option_or("summary", "");
    const std::string channel = args.option_or("channel", "phone");
    auto routes = routes_for(ctx, args, &connector::WriteBackRoutes::interaction, "interaction");
    args.check_unused();
    bool known = false;
    for (int c = 0; c <= static_cast<int>(model::Channel::web); ++c)
        if (channel == model::to_string(static_cast<model::Channel>(c))) d.channel = static_cast<model::Channel>(c), known = true;
    if (!known) throw Error(ErrorKind::invalid, "--channel '" + channel + "' is not a channel (phone, email, sms, ...)");
    actions::AgentActions act(ctx.store(), ctx.agent(), routes);
    act.log_contact(d, util::system_now());
    deliver_and_report(ctx, act.queued());
    return ok;
}

int record_complaint(Context& ctx, const Args& args) {
    actions::ComplaintDraft d;
    d.customer_id = positive_id(args.option_or("id", ""), "--id");
    d.subject = args.option_or("subject", "");
    d.description = args.option_or("description", "");
    d.problem_type = args.option_or("type", "general");
    d.severity = static_cast<int>(positive_id(args.option_or("severity", "3"), "--severity"));
    auto routes = routes_for(ctx, args, &connector::WriteBackRoutes::complaint, "complaint");
    args.check_unused();
    actions::AgentActions act(ctx.store(), ctx.agent(), routes);
    act.open_complaint(d, util::system_now());
    deliver_and_report(ctx, act.queued());
    return ok;
}

int outbox_list(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    const auto status_text = args.option("status");
    args.check_unused();
    std::optional<connector::OutboxStatus> status;
    if (status_text && !(status = connector::outbox_status_from(*status_text)))
        throw Error(ErrorKind::invalid, "--status is pending, delivered or failed");
    Outbox outbox(ctx.store());
    auto items = outbox.list(status);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& i : items)
            out.push_back({{"id", i.id}, {"target", i.target}, {"kind", i.kind}, {"customer_id", i.customer_id},
                           {"local_ref", i.local_ref}, {"status", connector::to_string(i.status)}, {"attempts", i.attempts},
                           {"next_attempt_at", util::format_iso(i.next_attempt_at)}, {"last_error", i.last_error},
                           {"idempotency_key", i.idempotency_key}, {"remote_id", i.remote_id}});
        ctx.out() << out.dump(2) << "\n";
        return ok;
    }
    for (const auto& i : items)
        ctx.out() << std::setw(6) << i.id << "  " << std::setw(9) << std::left << connector::to_string(i.status) << std::right
                  << "  " << i.kind << " -> " << i.target << "  customer #" << i.customer_id << "  attempts " << i.attempts
                  << (i.status == connector::OutboxStatus::pending ? "  next " + util::format_iso(i.next_attempt_at) : "")
                  << (i.last_error.empty() ? "" : "  error: " + i.last_error) << "\n";
    if (items.empty()) ctx.out() << "outbox is empty" << (status ? std::string(" (") + *status_text + ")" : "") << "\n";
    return ok;
}

int outbox_retry(Context& ctx, const Args& args) {
    const bool all = args.flag("all-failed");
    args.check_unused();
    Outbox outbox(ctx.store());
    std::vector<model::Id> ids;
    if (all)
        for (const auto& i : outbox.list(connector::OutboxStatus::failed, 100000)) ids.push_back(i.id);
    for (const auto& p : args.positional()) ids.push_back(positive_id(p, "outbox id"));
    if (ids.empty()) throw Error(ErrorKind::invalid, "outbox retry needs ids or --all-failed");
    for (auto id : ids) outbox.retry(id, util::system_now());
    connector::OutboxDeliverer deliverer(ctx.store(), outbox, ctx.sources(), policy(ctx), util::system_now);
    const auto r = deliverer.deliver_due();
    ctx.out() << "delivered " << r.delivered << ", will retry " << r.retrying << ", failed " << r.failed << "\n";
    return r.failed > 0 ? failure : ok;
}

int outbox_deliver(Context& ctx, const Args& args) {
    args.check_unused();
    Outbox outbox(ctx.store());
    connector::OutboxDeliverer deliverer(ctx.store(), outbox, ctx.sources(), policy(ctx), util::system_now);
    const auto r = deliverer.deliver_due();
    ctx.out() << "delivered " << r.delivered << ", will retry " << r.retrying << ", failed " << r.failed << "\n";
    return r.failed > 0 ? failure : ok;
}

}  // namespace

void add_outbox_commands(std::vector<Command>& out) {
    out.push_back({"record contact", "--id CUSTOMER --summary TEXT [--channel phone] [--to CONNECTOR]",
                   "log a contact locally and queue it for the owning backend", {}, record_contact});
    out.push_back({"record complaint", "--id CUSTOMER --subject TEXT [--description T] [--type T] [--severity 1-5] [--to C]",
                   "open a complaint ticket locally and queue it for the owning backend", {}, record_complaint});
    out.push_back({"outbox list", "[--status pending|delivered|failed] [--json]", "show write-backs and their delivery state",
                   {"json"}, outbox_list});
    out.push_back({"outbox retry", "ID... | --all-failed", "make failed write-backs pending again and deliver them",
                   {"all-failed"}, outbox_retry});
    out.push_back({"outbox deliver", "", "deliver every write-back that is due now", {}, outbox_deliver});
}

}  // namespace kartoteka::cli
