// kartoteka-cli calendar add, calendar between, sla board (issue 4)
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

model::Timestamp required_instant(const Args& args, const char* option) {
    auto v = instant_option(args, option);
    if (!v) throw Error(ErrorKind::invalid, std::string("--") + option + " is required");
    return *v;
}

std::int64_t parse_seconds(const std::string& text) {
    bool digits = !text.empty() && text.size() <= 12;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (!digits)
        throw Error(ErrorKind::invalid, "--seconds must be a non-negative whole number of working seconds, not '" + text + "'");
    return std::stoll(text);
}

/// The calendar named by --calendar; an unknown one is bad input (exit 2), not a missing record.
sla::BusinessCalendar& calendar_of(sla::CalendarSet& set, const Args& args) {
    auto id = args.option("calendar");
    if (!id || id->empty()) throw Error(ErrorKind::invalid, "--calendar ID is required");
    if (auto* c = set.find(*id)) return *c;
    throw Error(ErrorKind::invalid, "unknown calendar '" + *id + "' (see calendars: in the configuration)");
}

int calendar_add(Context& ctx, const Args& args) {
    sla::CalendarSet set(ctx.config().calendars);
    auto& cal = calendar_of(set, args);
    const auto from = required_instant(args, "from");
    auto seconds = args.option("seconds");
    args.check_unused();
    if (!seconds) throw Error(ErrorKind::invalid, "--seconds is required");
    ctx.out() << util::format_iso(cal.add(from, parse_seconds(*seconds))) << "\n";
    return ok;
}

int calendar_between(Context& ctx, const Args& args) {
    sla::CalendarSet set(ctx.config().calendars);
    auto& cal = calendar_of(set, args);
    const auto from = required_instant(args, "from");
    const auto to = required_instant(args, "to");
    args.check_unused();
    ctx.out() << cal.between(from, to) << "\n";
    return ok;
}

/// Working time as "1h05m", "-0h20m", "12s".
std::string duration(std::int64_t s) {
    const char* sign = s < 0 ? "-" : "";
    const std::int64_t a = s < 0 ? -s : s;
    char buf[48];
    if (a < 60) std::snprintf(buf, sizeof buf, "%s%llds", sign, static_cast<long long>(a));
    else std::snprintf(buf, sizeof buf, "%s%lldh%02lldm", sign, static_cast<long long>(a / 3600),
                       static_cast<long long>(a / 60 % 60));
    return buf;
}

/// Left-aligns UTF-8 text in a column of `width` characters (setw counts bytes, and names are Cyrillic).
std::string pad(const std::string& text, std::size_t width) {
    std::size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return text + std::string(chars < width ? width - chars : 1, ' ');
}

nlohmann::json counts_json(const sla::Counts& c) {
    return {{"total", c.total}, {"breached", c.breached}, {"warning", c.warning}, {"paused", c.paused}, {"ok", c.ok}};
}

nlohmann::json row_json(const sla::BoardRow& r, const sla::Directory& dir) {
    nlohmann::json targets = nlohmann::json::array();
    for (const auto& t : r.sla.targets)
        targets.push_back({{"target", model::to_string(t.target)}, {"cycle", t.cycle}, {"state", sla::to_string(t.state)},
                           {"allowed", t.allowed}, {"used", t.used}, {"remaining", t.remaining},
                           {"deadline", t.deadline ? util::format_iso(t.deadline) : ""}});
    return {{"ticket_id", r.ticket_id}, {"state", sla::to_string(r.sla.state)},
            {"next_deadline", r.sla.has_deadline ? util::format_iso(r.sla.next_deadline) : ""},
            {"to_next_deadline", r.sla.has_deadline ? nlohmann::json(r.sla.to_next_deadline) : nlohmann::json()},
            {"owner_id", r.owner_id}, {"owner", dir.agent_name(r.owner_id)}, {"team_id", r.team_id},
            {"team", dir.team_name(r.team_id)}, {"problem_type", r.problem_type}, {"severity", r.severity},
            {"calendar", r.calendar}, {"targets", targets}};
}

nlohmann::json event_json(const model::SlaEvent& e, const sla::Directory& dir) {
    return {{"ticket_id", e.ticket_id}, {"target", model::to_string(e.target)}, {"kind", model::to_string(e.kind)},
            {"cycle", e.cycle}, {"at", util::format_iso(e.at)}, {"owner", dir.agent_name(e.owner_id)},
            {"escalated_to", dir.agent_name(e.escalated_to)}, {"escalated_to_id", e.escalated_to}};
}

/// The counts ordered by id, as supervisors expect a stable list.
std::vector<std::pair<model::Id, sla::Counts>> ordered(const std::unordered_map<model::Id, sla::Counts>& counts) {
    std::vector<std::pair<model::Id, sla::Counts>> out(counts.begin(), counts.end());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

void print_json(Context& ctx, const desk::SlaBoard& rep) {
    const auto& board = *rep.board;
    const auto& dir = board.directory();
    nlohmann::json rows = nlohmann::json::array(), teams = nlohmann::json::array(), agents = nlohmann::json::array(),
                   fresh = nlohmann::json::array();
    for (const auto* r : board.sorted()) rows.push_back(row_json(*r, dir));
    for (const auto& [id, c] : ordered(board.by_team())) teams.push_back({{"team_id", id}, {"team", dir.team_name(id)}, {"counts", counts_json(c)}});
    for (const auto& [id, c] : ordered(board.by_agent())) agents.push_back({{"agent_id", id}, {"agent", dir.agent_name(id)}, {"counts", counts_json(c)}});
    for (const auto& e : rep.fresh) fresh.push_back(event_json(e, dir));
    nlohmann::json out{{"at", util::format_iso(rep.at)}, {"totals", counts_json(board.totals())}, {"tickets", rows},
                       {"by_team", teams}, {"by_agent", agents},
                       {"breach_rate", {{"from", util::format_iso(rep.rate.from)}, {"to", util::format_iso(rep.rate.to)},
                                        {"tickets", rep.rate.tickets}, {"breached", rep.rate.breached},
                                        {"rate", rep.rate.rate()}}},
                       {"new_escalations", fresh}};
    ctx.out() << out.dump(2) << "\n";
}

void print_counts(std::ostream& out, const std::string& name, const sla::Counts& c) {
    out << "  " << pad(name, 28) << std::setw(6) << c.total << std::setw(10)
        << c.breached << std::setw(9) << c.warning << std::setw(8) << c.paused << std::setw(6) << c.ok << "\n";
}

void print_text(Context& ctx, const desk::SlaBoard& rep) {
    const auto& board = *rep.board;
    auto& out = ctx.out();
    const auto& dir = board.directory();
    const auto& t = board.totals();
    out << "SLA board at " << util::format_iso(rep.at) << ": " << t.total << " open tickets, " << t.breached
        << " breached, " << t.warning << " warning, " << t.paused << " paused, " << t.ok << " ok\n";
    out << "  ticket  state     to deadline  problem       sev  owner                 team\n";
    for (const auto* r : board.sorted()) {
        out << std::setw(8) << r->ticket_id << "  " << std::left << std::setw(9) << sla::to_string(r->sla.state)
            << std::right << std::setw(12) << (r->sla.has_deadline ? duration(r->sla.to_next_deadline) : "-") << "  "
            << std::left << std::setw(13) << r->problem_type << std::right << std::setw(3) << r->severity << "  "
            << pad(dir.agent_name(r->owner_id), 22) << dir.team_name(r->team_id) << "\n";
    }
    out << "per team                       total  breached  warning  paused    ok\n";
    for (const auto& [id, c] : ordered(board.by_team())) print_counts(out, dir.team_name(id), c);
    out << "per agent                      total  breached  warning  paused    ok\n";
    for (const auto& [id, c] : ordered(board.by_agent())) print_counts(out, dir.agent_name(id), c);
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%", rep.rate.rate() * 100.0);
    out << "breach rate " << util::format_iso(rep.rate.from) << " .. " << util::format_iso(rep.rate.to) << ": "
        << rep.rate.breached << " of " << rep.rate.tickets << " tickets (" << pct << ")\n";
    out << "new escalations recorded: " << rep.fresh.size() << "\n";
    for (const auto& e : rep.fresh)
        out << "  #" << e.ticket_id << " " << model::to_string(e.target) << " " << model::to_string(e.kind) << " at "
            << util::format_iso(e.at) << " -> " << dir.agent_name(e.escalated_to) << "\n";
}

int sla_board(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    desk::BoardQuery q;
    q.record = !args.flag("no-record");
    q.at = instant_option(args, "at");
    q.from = instant_option(args, "from");
    q.to = instant_option(args, "to");
    args.check_unused();
    const auto board = ctx.desk().sla_board(q);  // supervisors and admins
    if (json) print_json(ctx, *board);
    else print_text(ctx, *board);
    return ok;
}

}  // namespace

void add_sla_commands(std::vector<Command>& out) {
    out.push_back({"calendar add", "--calendar ID --from T --seconds N",
                   "print the instant (UTC) reached after N working seconds of the calendar from T", {}, calendar_add});
    out.push_back({"calendar between", "--calendar ID --from T1 --to T2",
                   "print the working seconds of the calendar between two instants", {}, calendar_between});
    out.push_back({"sla board", "[--at T] [--from T --to T] [--json] [--no-record]",
                   "open tickets with SLA state, counts per team and agent, breach rate over [from, to) (default: "
                   "30 days to --at); records new warnings and breaches with their escalation",
                   {"json", "no-record"}, sla_board});
}

}  // namespace kartoteka::cli
