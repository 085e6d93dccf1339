// kartoteka-cli lifecycle lost|returned|do-not-retain|show: the lifecycle records of DOMAIN.md (a loss
// with date, reason and who; a return confirmed by an order; do-not-retain) and the status they make.
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "privacy/card_number_mask.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using nlohmann::json;
using model::Id;
using model::Timestamp;

const char* const reason_names = "competitor, product, service, new_rules, moved_away, needs_changed or other";

std::string date_text(Timestamp t) { return util::format_date(util::date_of(t)); }

/// Notes and reasons are free text an agent typed or a customer dictated: card numbers masked (PCI DSS).
std::string masked(const std::string& text) { return privacy::mask_card_numbers(text); }

void print_status(Context& ctx, Id customer_id, Timestamp now) {
    const auto s = ctx.desk().lifecycle_status(customer_id, now);
    ctx.out() << "status now: " << model::to_string(s.record.status);
    if (s.extra_sensitive) ctx.out() << " (RETURNED CUSTOMER: extremely sensitive to problems until "
                                     << date_text(s.sensitive_until) << ")";
    ctx.out() << "\n";
}

int lost(Context& ctx, const Args& args) {
    actions::LossDraft d;
    d.customer_id = required_id(args, "customer");
    const std::string reason = args.option_or("reason", "");
    auto parsed = model::parse<model::LossReason>(reason);
    if (!parsed) throw Error(ErrorKind::invalid, std::string("--reason must be ") + reason_names);
    d.reason = *parsed;
    if (!args.option("by")) throw Error(ErrorKind::invalid, "--by LOGIN (who lost the customer) is required");
    d.lost_by = agent_option(ctx, args, "by");
    const Timestamp now = now_of(ctx, args);
    if (auto at = args.option("at")) d.at = instant_of(*at, "--at");
    d.note = args.option_or("note", "");
    args.check_unused();
    const auto e = ctx.desk().record_loss(d, now);
    ctx.out() << "customer #" << e.customer_id << " lost on " << date_text(e.at) << " (" << model::to_string(e.reason)
              << ", lost by " << agent_login(ctx, e.agent_id) << "), record #" << e.id << "\n";
    print_status(ctx, e.customer_id, now);
    return ok;
}

int returned(Context& ctx, const Args& args) {
    actions::ReturnDraft d;
    d.customer_id = required_id(args, "customer");
    d.won_back_by = agent_option(ctx, args, "agent");
    d.note = args.option_or("note", "");
    const Timestamp now = now_of(ctx, args);
    args.check_unused();
    const auto e = ctx.desk().record_return(d, now);
    ctx.out() << "customer #" << e.customer_id << " returned on " << date_text(e.at) << " (" << masked(e.note) << ", "
              << (e.agent_id ? "won back by " + agent_login(ctx, e.agent_id) : std::string("came back unprompted"))
              << "), record #" << e.id << "\n";
    print_status(ctx, e.customer_id, now);
    return ok;
}

int do_not_retain(Context& ctx, const Args& args) {
    actions::DoNotRetainDraft d;
    d.customer_id = required_id(args, "customer");
    d.reason = args.option_or("reason", "");
    const Timestamp now = now_of(ctx, args);
    args.check_unused();
    const auto e = ctx.desk().mark_do_not_retain(d, now);
    ctx.out() << "customer #" << e.customer_id << " marked do-not-retain by " << agent_login(ctx, e.agent_id)
              << ", record #" << e.id << ": no offers or win-back from now on\n";
    print_status(ctx, e.customer_id, now);
    return ok;
}

json event_json(Context& ctx, const model::LifecycleEvent& e) {
    const bool lost = e.kind == model::LifecycleEventKind::lost;
    return {{"id", e.id}, {"kind", model::to_string(e.kind)}, {"at", util::format_iso(e.at)},
            {"reason", lost ? json(model::to_string(e.reason)) : json(nullptr)},
            {"agent", e.agent_id ? json(agent_login(ctx, e.agent_id)) : json(nullptr)}, {"note", masked(e.note)}};
}

json status_json(Context& ctx, const retention::StatusAssessment& s) {
    const auto& r = s.record;
    auto login_or_null = [&](Id id) { return id ? json(agent_login(ctx, id)) : json(nullptr); };
    auto time_or_null = [](Timestamp t) { return t ? json(util::format_iso(t)) : json(nullptr); };
    return {{"status", model::to_string(r.status)}, {"times_lost", r.times_lost}, {"lost_at", time_or_null(r.lost_at)},
            {"lost_reason", r.lost_reason ? json(model::to_string(*r.lost_reason)) : json(nullptr)},
            {"lost_by", login_or_null(r.lost_by)}, {"returned_at", time_or_null(r.returned_at)},
            {"returned_by", login_or_null(r.returned_by)}, {"extra_sensitive", s.extra_sensitive},
            {"do_not_retain_by", login_or_null(s.do_not_retain_by)}};
}

int show(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    const Id id = required_id(args, "customer");
    const Timestamp now = now_of(ctx, args);
    args.check_unused();
    const auto view = ctx.desk().lifecycle(id, now);  // audited as a card view
    const auto& customer = view.customer;
    const auto& status = view.status;
    const auto& events = view.events;
    if (as_json) {
        json out = status_json(ctx, status);
        out["customer_id"] = id;
        out["events"] = json::array();
        for (const auto& e : events) out["events"].push_back(event_json(ctx, e));
        ctx.out() << out.dump(2) << "\n";
        return ok;
    }
    ctx.out() << customer.display_name() << "  #" << id << "  [" << model::to_string(status.record.status) << "]\n";
    if (events.empty()) ctx.out() << "  no lifecycle records\n";
    for (const auto& e : events) {
        ctx.out() << "  " << date_text(e.at) << "  " << model::to_string(e.kind);
        if (e.kind == model::LifecycleEventKind::lost) ctx.out() << "  " << model::to_string(e.reason);
        if (e.agent_id) ctx.out() << "  by " << agent_login(ctx, e.agent_id);
        if (!e.note.empty()) ctx.out() << "  \"" << masked(e.note) << "\"";
        ctx.out() << "\n";
    }
    return ok;
}

}  // namespace

void add_lifecycle_commands(std::vector<Command>& out) {
    out.push_back({"lifecycle lost",
                   "--customer N --reason competitor|product|service|new_rules|moved_away|needs_changed|other "
                   "--by LOGIN [--at D] [--note T] [--now T]",
                   "record that a customer was lost: when, why and who lost them", {}, lost});
    out.push_back({"lifecycle returned", "--customer N [--agent LOGIN] [--note T] [--now T]",
                   "record who won back a lost customer; only a new order after the loss makes a return "
                   "(record it first with deal close)",
                   {}, returned});
    out.push_back({"lifecycle do-not-retain", "--customer N --reason TEXT [--now T]",
                   "supervisors: mark a customer not to be retained (broke the law, abused or threatened staff)", {},
                   do_not_retain});
    out.push_back({"lifecycle show", "--customer N [--json] [--now T]",
                   "the customer's lifecycle status and every loss, return and do-not-retain record", {"json"}, show});
}

}  // namespace kartoteka::cli
