// kartoteka-cli record contact|complaint|offer-outcome, outbox list|retry|deliver
#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

#include "cli_context.h"
#include "connector/write_back.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using connector::Outbox;
using connector::OutboxItem;

model::Id positive_id(const std::string& text, const char* what) {
    try {
        std::size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::invalid, std::string(what) + " must be a positive whole number, not '" + text + "'");
}

connector::OutboxPolicy policy(const Context& ctx) {
    const auto& c = ctx.config().outbox;
    return {c.max_attempts, c.backoff_s, std::chrono::milliseconds(c.timeout_ms)};
}

/// The connector that receives a record: --to, else the highest-priority one that accepts the kind.
std::string target_for(Context& ctx, const Args& args, const std::string& kind) {
    const auto to = args.option("to");
    const auto& sources = ctx.sources();
    if (to) {
        for (const auto& s : sources)
            if (s.name == *to) return *to;
        throw Error(ErrorKind::invalid, "--to " + *to + ": no enabled connector has that name");
    }
    auto owner = connector::owner_for(sources, kind);
    if (owner.empty()) throw Error(ErrorKind::config, "no configured connector accepts " + kind + " records (see connectors check)");
    return owner;
}

/// After saving: one delivery pass, so a reachable backend has it at once; the rest waits in the outbox.
int deliver_and_report(Context& ctx, const OutboxItem& item) {
    Outbox outbox(ctx.store());
    connector::OutboxDeliverer deliverer(ctx.store(), outbox, ctx.sources(), policy(ctx), util::system_now);
    deliverer.deliver_due();
    auto now = outbox.get(item.id);
    ctx.out() << "saved locally (" << item.local_ref << "); outbox #" << item.id << " to " << item.target << ": "
              << (now ? connector::to_string(now->status) : "?") << (now && !now->last_error.empty() ? " (" + now->last_error + ")" : "")
              << "\n";
    return ok;
}

int record_contact(Context& ctx, const Args& args) {
    model::Interaction i;
    i.customer_id = positive_id(args.option_or("id", ""), "--id");
    i.summary = args.option_or("summary", "");
    const std::string channel = args.option_or("channel", "phone");
    const std::string target = target_for(ctx, args, "interaction");
    args.check_unused();
    if (i.summary.empty()) throw Error(ErrorKind::invalid, "record contact needs --summary TEXT");
    bool known = false;
    for (int c = 0; c <= static_cast<int>(model::Channel::web); ++c)
        if (channel == model::to_string(static_cast<model::Channel>(c))) i.channel = static_cast<model::Channel>(c), known = true;
    if (!known) throw Error(ErrorKind::invalid, "--channel '" + channel + "' is not a channel (phone, email, sms, ...)");
    if (!ctx.store().customer(i.customer_id)) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(i.customer_id));
    i.occurred_at = util::system_now();
    i.source_system = "local";
    if (auto agent = ctx.store().agent_by_login(ctx.config().agent.login)) i.agent_id = agent->id, i.agent_name = agent->name;
    Outbox outbox(ctx.store());
    connector::Recorder rec(ctx.store(), outbox, util::system_now);
    return deliver_and_report(ctx, rec.record_contact(i, target));
}

int record_complaint(Context& ctx, const Args& args) {
    model::Ticket t;
    t.customer_id = positive_id(args.option_or("id", ""), "--id");
    t.subject = args.option_or("subject", "");
    t.description = args.option_or("description", "");
    t.problem_type = args.option_or("type", "general");
    t.severity = static_cast<int>(positive_id(args.option_or("severity", "3"), "--severity"));
    const std::string target = target_for(ctx, args, "complaint");
    args.check_unused();
    if (t.subject.empty()) throw Error(ErrorKind::invalid, "record complaint needs --subject TEXT");
    if (t.severity > 5) throw Error(ErrorKind::invalid, "--severity is 1 (trifle) to 5 (end of the world)");
    if (!ctx.store().customer(t.customer_id)) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(t.customer_id));
    t.created_at = t.updated_at = util::system_now();
    if (auto agent = ctx.store().agent_by_login(ctx.config().agent.login)) t.owner_id = agent->id;  // a named owner at once
    t.source_system = "local";
    Outbox outbox(ctx.store());
    connector::Recorder rec(ctx.store(), outbox, util::system_now);
    return deliver_and_report(ctx, rec.record_complaint(t, target));
}

int record_offer_outcome(Context& ctx, const Args& args) {
    const model::Id id = positive_id(args.option_or("offer", ""), "--offer");
    const std::string status = args.option_or("status", "");
    const std::string outcome = args.option_or("outcome", "");
    const std::string target = target_for(ctx, args, "offer_outcome");
    args.check_unused();
    auto offer = ctx.store().offer(id);
    if (!offer) throw Error(ErrorKind::not_found, "no offer #" + std::to_string(id));
    bool known = false;
    for (int s = 0; s <= static_cast<int>(model::OfferStatus::suppressed); ++s)
        if (status == model::to_string(static_cast<model::OfferStatus>(s))) offer->status = static_cast<model::OfferStatus>(s), known = true;
    if (!known) throw Error(ErrorKind::invalid, "--status '" + status + "' is not an offer status (accepted, declined, postponed, ...)");
    offer->outcome = outcome;
    offer->updated_at = util::system_now();
    Outbox outbox(ctx.store());
    connector::Recorder rec(ctx.store(), outbox, util::system_now);
    return deliver_and_report(ctx, rec.record_offer_outcome(*offer, target));
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
    out.push_back({"record offer-outcome", "--offer ID --status accepted|declined|postponed|... [--outcome TEXT] [--to C]",
                   "save what the customer said to an offer and queue it for the owning backend", {}, record_offer_outcome});
    out.push_back({"outbox list", "[--status pending|delivered|failed] [--json]", "show write-backs and their delivery state",
                   {"json"}, outbox_list});
    out.push_back({"outbox retry", "ID... | --all-failed", "make failed write-backs pending again and deliver them",
                   {"all-failed"}, outbox_retry});
    out.push_back({"outbox deliver", "", "deliver every write-back that is due now", {}, outbox_deliver});
}

}  // namespace kartoteka::cli
