// kartoteka-cli sla show, sla reassign, sla escalate, sla set (issue 19): the board's ticket actions,
// headless, over the same desk calls as the window.
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "desk/escalator.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

std::string login_of(const sla::Directory& dir, model::Id id) {
    if (id == 0) return "";
    auto it = dir.agents.find(id);
    return it == dir.agents.end() ? "#" + std::to_string(id) : it->second.login;
}

nlohmann::json detail_json(const desk::TicketDetail& d) {
    const auto& t = d.ticket;
    nlohmann::json history = nlohmann::json::array(), targets = nlohmann::json::array(),
                   recorded = nlohmann::json::array();
    for (const auto& e : t.events)
        history.push_back({{"at", util::format_iso(e.at)}, {"kind", model::to_string(e.kind)},
                           {"agent", login_of(d.directory, e.agent_id)}, {"note", e.note}});
    for (const auto& g : d.sla.targets)
        targets.push_back({{"target", model::to_string(g.target)}, {"cycle", g.cycle}, {"state", sla::to_string(g.state)},
                           {"allowed_s", g.allowed}, {"used_s", g.used}, {"remaining_s", g.remaining},
                           {"started_at", g.started_at ? util::format_iso(g.started_at) : ""},
                           {"deadline", g.deadline ? util::format_iso(g.deadline) : ""}});
    for (const auto& e : d.recorded)
        recorded.push_back({{"target", model::to_string(e.target)}, {"kind", model::to_string(e.kind)},
                            {"at", util::format_iso(e.at)}, {"escalated_to", login_of(d.directory, e.escalated_to)}});
    return {{"id", t.id}, {"version", t.version}, {"customer_id", t.customer_id}, {"customer", d.customer_name},
            {"subject", t.subject}, {"problem_type", t.problem_type}, {"severity", t.severity},
            {"status", model::to_string(t.status)}, {"owner", login_of(d.directory, t.owner_id)},
            {"team", d.directory.team_name(d.team_id)}, {"escalates_to", login_of(d.directory, d.escalates_to)},
            {"state", sla::to_string(d.sla.state)},
            {"calendar", {{"id", d.calendar.id}, {"timezone", d.calendar.timezone}}},
            {"policy", {{"first_response_s", d.policy.first_response}, {"next_response_s", d.policy.next_response},
                        {"resolution_s", d.policy.resolution}, {"warning_percent", d.policy.warning_percent}}},
            {"targets", targets}, {"recorded", recorded}, {"history", history}};
}

void print_detail(Context& ctx, const desk::TicketDetail& d) {
    const auto& t = d.ticket;
    auto& out = ctx.out();
    out << "ticket #" << t.id << " (version " << t.version << "): " << t.subject << "\n"
        << "  customer #" << t.customer_id << " " << d.customer_name << "\n"
        << "  " << t.problem_type << ", severity " << t.severity << "/5, " << model::to_string(t.status) << ", owner "
        << login_of(d.directory, t.owner_id) << " (" << d.directory.team_name(d.team_id) << "), escalates to "
        << (d.escalates_to ? login_of(d.directory, d.escalates_to) : "nobody") << "\n"
        << "  SLA " << sla::to_string(d.sla.state) << " on calendar " << d.calendar.id << " (" << d.calendar.timezone << ")\n";
    for (const auto& g : d.sla.targets)
        out << "    " << model::to_string(g.target) << ": " << sla::to_string(g.state) << ", " << g.allowed
            << " working s allowed from " << (g.started_at ? util::format_iso(g.started_at) : "-") << ", " << g.used
            << " used, due " << (g.deadline ? util::format_iso(g.deadline) : "-") << "\n";
    out << "  history\n";
    for (const auto& e : t.events)
        out << "    " << util::format_iso(e.at) << " " << model::to_string(e.kind) << " "
            << login_of(d.directory, e.agent_id) << (e.note.empty() ? "" : ": " + e.note) << "\n";
}

int sla_show(Context& ctx, const Args& args) {
    const auto id = required_id(args, "ticket");
    const bool json = args.flag("json");
    now_of(ctx, args);
    args.check_unused();
    const auto d = ctx.desk().ticket_detail(id);
    if (json) ctx.out() << detail_json(d).dump(2) << "\n";
    else print_detail(ctx, d);
    return ok;
}

/// A version as read from `sla show` or the board: 0 for a ticket nobody changed yet.
int version_of(const std::string& text) {
    if (text == "0") return 0;
    return static_cast<int>(positive_id(text, "--version"));
}

/// The options every change shares: --ticket, --version, --note, --now.
int change(Context& ctx, const Args& args, desk::TicketChange c) {
    const auto id = required_id(args, "ticket");
    if (auto v = args.option("version")) c.version = version_of(*v);
    c.note = args.option_or("note", "");
    now_of(ctx, args);
    args.check_unused();
    const auto t = ctx.desk().change_ticket(id, c);
    ctx.out() << "ticket #" << t.id << " now: owner " << agent_login(ctx, t.owner_id) << ", " << t.problem_type
              << ", severity " << t.severity << " (version " << t.version << ")\n";
    return ok;
}

int sla_reassign(Context& ctx, const Args& args) {
    desk::TicketChange c;
    c.owner = args.option("to");
    c.team = args.option("team");
    if (!c.owner && !c.team) throw Error(ErrorKind::invalid, "--to LOGIN or --team NAME is required");
    return change(ctx, args, std::move(c));
}

int sla_escalate(Context& ctx, const Args& args) {
    desk::TicketChange c;
    c.escalate = true;
    return change(ctx, args, std::move(c));
}

int sla_set(Context& ctx, const Args& args) {
    desk::TicketChange c;
    if (auto s = args.option("severity")) c.severity = static_cast<int>(positive_id(*s, "--severity"));
    c.problem_type = args.option("problem-type");
    return change(ctx, args, std::move(c));
}

int sla_escalator(Context& ctx, const Args& args) {
    const std::string seat = args.option_or("seat", "cli");
    now_of(ctx, args);
    args.check_unused();
    const auto run = desk::run_escalator(ctx.desk(), seat);
    if (!run.on_duty) {
        ctx.out() << "another seat runs the escalator now; nothing done\n";
        return ok;
    }
    ctx.out() << "recorded " << run.recorded.size() << " warnings and breaches, " << run.notified << " notifications\n";
    for (const auto& e : run.recorded)
        ctx.out() << "  #" << e.ticket_id << " " << model::to_string(e.target) << " " << model::to_string(e.kind) << " at "
                  << util::format_iso(e.at) << " -> " << agent_login(ctx, e.escalated_to) << "\n";
    return ok;
}

int notifications(Context& ctx, const Args& args) {
    const bool all = args.flag("all"), read = args.flag("mark-read");
    args.check_unused();
    const auto list = desk::notifications(ctx.desk(), !all, 200);
    for (const auto& n : list)
        ctx.out() << n.id << " " << util::format_iso(n.created_at) << " " << model::to_string(n.kind) << " ticket #"
                  << n.ticket_id << " " << model::to_string(n.target) << (n.escalated ? " (escalated)" : "")
                  << (n.read_at ? " read" : "") << "\n";
    if (read && !list.empty()) desk::mark_notifications_read(ctx.desk(), list.front().id);
    return ok;
}

}  // namespace

void add_ticket_commands(std::vector<Command>& out) {
    const std::string common = " [--version V] [--note TEXT] [--now T]";
    out.push_back({"sla show", "--ticket ID [--json] [--now T]",
                   "one ticket: history, each SLA target's clock, the norms and the calendar its deadlines are counted in",
                   {"json"}, sla_show});
    out.push_back({"sla reassign", "--ticket ID (--to LOGIN | --team NAME)" + common,
                   "give a ticket to an agent, or to the team's member with the fewest open tickets (supervisors)", {},
                   sla_reassign});
    out.push_back({"sla escalate", "--ticket ID" + common,
                   "hand a ticket to the owner's team lead, or a supervisor when the lead is absent (supervisors)", {},
                   sla_escalate});
    out.push_back({"sla set", "--ticket ID [--severity 1-5] [--problem-type TYPE]" + common,
                   "change a ticket's severity or problem type; its SLA is counted again (supervisors)", {}, sla_set});
    out.push_back({"sla escalator", "[--seat NAME] [--now T]",
                   "one escalator pass when no other seat holds its lease: record warnings and breaches that happened, "
                   "notify owners and team leads", {}, sla_escalator});
    out.push_back({"notifications", "[--all] [--mark-read]",
                   "the signed-in agent's SLA notifications, newest first (unread unless --all)", {"all", "mark-read"},
                   notifications});
}

}  // namespace kartoteka::cli
