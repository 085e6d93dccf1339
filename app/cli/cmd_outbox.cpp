// kartoteka-cli record contact|complaint, outbox list|retry|deliver (offers are worked with `offer work`)
#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using connector::OutboxItem;

}  // namespace

void deliver_and_report(Context& ctx, const desk::Recorded& recorded) {
    const auto& queued = recorded.queued;
    if (queued.empty()) {
        // No configured backend accepts this kind of record: it is kept in the local store only.
        ctx.out() << "saved locally (no backend takes these records)\n";
        return;
    }
    // The agent's words are on disk (committed with their outbox rows); say so before the network.
    for (const auto& item : queued) ctx.out() << "saved locally (" << item.local_ref << ")\n";
    ctx.out().flush();
    ctx.desk().deliver_outbox();
    for (const auto& item : queued) {
        auto now = ctx.desk().outbox_item(item.id);
        ctx.out() << "outbox #" << item.id << " " << item.kind << " to " << item.target << ": "
                  << (now ? connector::to_string(now->status) : "?")
                  << (now && !now->last_error.empty() ? " (" + now->last_error + ")" : "") << "\n";
    }
}

namespace {

model::Channel channel_of(const std::string& text) {
    for (int c = 0; c <= static_cast<int>(model::Channel::web); ++c)
        if (text == model::to_string(static_cast<model::Channel>(c))) return static_cast<model::Channel>(c);
    throw Error(ErrorKind::invalid, "--channel '" + text + "' is not a channel (phone, email, sms, ...)");
}

/// The same use case as the window's F2: saved locally with the agent's words, and queued for the
/// backend that owns interactions when one does (--to names another connector).
int record_contact(Context& ctx, const Args& args) {
    actions::ContactDraft d;
    d.customer_id = positive_id(args.option_or("id", ""), "--id");
    d.summary = args.option_or("summary", "");
    d.channel = channel_of(args.option_or("channel", "phone"));
    desk::WrapUp wrap_up;
    wrap_up.disposition = args.option_or("disposition", "");
    if (auto at = args.option("callback-at")) wrap_up.callback_at = callback_time(ctx, *at, "--callback-at");
    const std::string to = args.option_or("to", "");
    now_of(ctx, args);
    args.check_unused();
    desk::Recorded recorded;
    const auto i = ctx.desk().log_contact(d, &recorded, to, wrap_up);
    if (!i.disposition.empty()) ctx.out() << "contact logged: " << i.disposition << "\n";
    if (wrap_up.callback_at) ctx.out() << "callback at " << util::format_iso(wrap_up.callback_at) << " is yours\n";
    deliver_and_report(ctx, recorded);
    return ok;
}

int record_complaint(Context& ctx, const Args& args) {
    actions::ComplaintDraft d;
    d.customer_id = positive_id(args.option_or("id", ""), "--id");
    d.subject = args.option_or("subject", "");
    d.description = args.option_or("description", "");
    d.problem_type = args.option_or("type", "general");
    d.severity = static_cast<int>(positive_id(args.option_or("severity", "3"), "--severity"));
    const std::string to = args.option_or("to", "");
    args.check_unused();
    desk::Recorded recorded;
    const auto t = ctx.desk().open_complaint(d, &recorded, to);
    ctx.out() << "complaint #" << t.id << " opened\n";
    deliver_and_report(ctx, recorded);
    return ok;
}

int outbox_list(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    const auto status_text = args.option("status");
    args.check_unused();
    std::optional<connector::OutboxStatus> status;
    if (status_text && !(status = connector::outbox_status_from(*status_text)))
        throw Error(ErrorKind::invalid, "--status is pending, delivered or failed");
    auto items = ctx.desk().outbox(status);
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
    std::vector<model::Id> ids;
    for (const auto& p : args.positional()) ids.push_back(positive_id(p, "outbox id"));
    if (ids.empty() && !all) throw Error(ErrorKind::invalid, "outbox retry needs ids or --all-failed");
    if (all) ctx.desk().retry_outbox(0);
    for (auto id : ids) ctx.desk().retry_outbox(id);
    const auto r = ctx.desk().deliver_outbox();
    ctx.out() << "delivered " << r.delivered << ", will retry " << r.retrying << ", failed " << r.failed << "\n";
    return r.failed > 0 ? failure : ok;
}

int outbox_deliver(Context& ctx, const Args& args) {
    args.check_unused();
    const auto r = ctx.desk().deliver_outbox();
    ctx.out() << "delivered " << r.delivered << ", will retry " << r.retrying << ", failed " << r.failed << "\n";
    return r.failed > 0 ? failure : ok;
}

}  // namespace

void add_outbox_commands(std::vector<Command>& out) {
    out.push_back({"record contact", "--id CUSTOMER --summary TEXT [--channel phone] [--disposition CODE] [--callback-at T] [--to CONNECTOR] [--now T]",
                   "log a contact locally and queue it for the backend that owns interactions, if any", {}, record_contact});
    out.push_back({"record complaint", "--id CUSTOMER --subject TEXT [--description T] [--type T] [--severity 1-5] [--to C]",
                   "open a complaint ticket locally and queue it for the backend that owns complaints, if any", {}, record_complaint});
    out.push_back({"outbox list", "[--status pending|delivered|failed] [--json]", "show write-backs and their delivery state",
                   {"json"}, outbox_list});
    out.push_back({"outbox retry", "ID... | --all-failed", "make failed write-backs pending again and deliver them",
                   {"all-failed"}, outbox_retry});
    out.push_back({"outbox deliver", "", "deliver every write-back that is due now", {}, outbox_deliver});
}

}  // namespace kartoteka::cli
