#include "ticket_presenter.h"

#include <cstdio>

#include "board_presenter.h"
#include "privacy/card_number_mask.h"
#include "retention/contact_policy.h"

namespace kartoteka::gui {
namespace {

std::string clock(int seconds) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
    return buf;
}

std::string hours_of(const std::vector<config::WorkInterval>& day) {
    std::string out;
    for (const auto& i : day) out += (out.empty() ? "" : ", ") + clock(i.begin) + "-" + clock(i.end);
    return out;
}

std::string login_of(const sla::Directory& dir, model::Id id) {
    auto it = dir.agents.find(id);
    return id == 0 ? "" : it == dir.agents.end() ? "#" + std::to_string(id) : it->second.name;
}

}  // namespace

std::string TicketPresenter::notice(const model::Notification& n, const Translate& translate_with) {
    auto tr = [&](const char* s) { return translate_with ? translate_with(s) : std::string(s); };
    std::string out = tr(n.kind == model::SlaEventKind::breach ? "SLA breach:" : "SLA warning:");
    out += " " + tr("ticket") + " #" + std::to_string(n.ticket_id) + ", " + tr(model::to_string(n.target));
    if (n.escalated) out += " (" + tr("escalated to you") + ")";
    return out;
}

std::string TicketPresenter::when(model::Timestamp t) const { return t ? format_moment(m_tr, t, m_zone) : "—"; }

std::string TicketPresenter::week(const config::CalendarConfig& cal) const {
    static const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::string out;
    // Monday first (index 1 in the config's Sunday-first week); equal neighbours run together.
    for (int i = 0; i < 7;) {
        const auto& day = cal.hours[static_cast<std::size_t>((i + 1) % 7)];
        int j = i;
        while (j + 1 < 7 && cal.hours[static_cast<std::size_t>((j + 2) % 7)] == day) ++j;
        if (!day.empty()) {
            out += (out.empty() ? "" : "; ") + tr(names[i]);
            if (j > i) out += "-" + tr(names[j]);
            out += " " + hours_of(day);
        }
        i = j + 1;
    }
    return out.empty() ? tr("every hour of every day") : out;
}

std::string TicketPresenter::norms(const desk::TicketDetail& d) const {
    std::string out = tr("Deadlines are counted in the working time of calendar") + " \"" + d.calendar.id + "\" (" +
                      (d.calendar.timezone.empty() ? "UTC" : d.calendar.timezone) + "): " +
                      week(d.calendar);
    const auto holidays = d.calendar.yearly_holidays.size() + d.calendar.dated_holidays.size();
    if (holidays) out += "; " + counted(m_tr, NP_("{1} holiday excluded", "{1} holidays excluded"), static_cast<long long>(holidays));
    out += ". " + tr("A warning at") + " " + std::to_string(d.policy.warning_percent) + "% " + tr("of each target.");
    return out;
}

std::string TicketPresenter::change_part(const std::string& part) const {
    if (part == "escalated") return tr(N_("escalated"));
    // The three changes ticket_desk words as "<what> <before> -> <after>".
    static const std::pair<const char*, const char*> changes[] = {{"owner ", N_("owner {1} -> {2}")},
                                                                  {"severity ", N_("severity {1} -> {2}")},
                                                                  {"problem type ", N_("problem type {1} -> {2}")}};
    const auto arrow = part.find(" -> ");
    for (const auto& [prefix, text] : changes) {
        const std::string p = prefix;
        if (arrow == std::string::npos || part.compare(0, p.size(), p) != 0) continue;
        std::string before = part.substr(p.size(), arrow - p.size()), after = part.substr(arrow + 4);
        if (p == "problem type ") before = tr(before.c_str()), after = tr(after.c_str());
        return util::fill(tr(text), {before, after});
    }
    return part;
}

std::string TicketPresenter::change_note(const std::string& note) const {
    const auto words = note.find(": ");
    const std::string what = note.substr(0, words);
    std::string out;
    for (std::size_t at = 0; at < what.size();) {
        auto end = what.find("; ", at);
        if (end == std::string::npos) end = what.size();
        out += (out.empty() ? "" : "; ") + change_part(what.substr(at, end - at));
        at = end + 2;
    }
    return privacy::mask_card_numbers(out + (words == std::string::npos ? "" : note.substr(words)));
}

TicketDetailView TicketPresenter::present(const desk::TicketDetail& d) const {
    TicketDetailView v;
    const auto& t = d.ticket;
    v.ticket_id = t.id;
    v.customer_id = t.customer_id;
    v.version = t.version;
    v.title = "#" + std::to_string(t.id) + " " + stored_text(m_tr, t.subject);
    v.tone = tone_of(d.sla.state);
    v.facts = {{tr("Customer"), d.customer_name + " (#" + std::to_string(t.customer_id) + ")"},
               {tr("Problem"), tr(t.problem_type.c_str())},
               {tr("Severity"), std::to_string(t.severity) + "/5"},
               {tr("Status"), tr(model::to_string(t.status))},
               {tr("SLA"), tr(sla::to_string(d.sla.state))},
               {tr("Owner"), login_of(d.directory, t.owner_id)},
               {tr("Team"), d.directory.team_name(d.team_id)},
               {tr("Escalates to"), d.escalates_to ? login_of(d.directory, d.escalates_to) : tr("nobody")}};
    v.norms = norms(d);
    v.targets.columns = {tr("Target"), tr("State"), tr("Allowed"), tr("Used"), tr("Clock started"), tr("Due")};
    for (const auto& g : d.sla.targets)
        v.targets.rows.push_back({{tr(model::to_string(g.target)), tr(sla::to_string(g.state)),
                                   format_working_time(g.allowed, m_tr), format_working_time(g.used, m_tr),
                                   when(g.started_at), g.deadline ? when(g.deadline) : "—"},
                                  tone_of(g.state), 0});
    v.history.columns = {tr("When"), tr("What"), tr("Who"), tr("Note")};
    for (const auto& e : t.events)
        v.history.rows.push_back({{when(e.at), tr(model::to_string(e.kind)), login_of(d.directory, e.agent_id),
                                   e.kind == model::TicketEventKind::changed ? change_note(e.note) : privacy::mask_card_numbers(e.note)},
                                  Tone::normal, e.id});
    return v;
}

}  // namespace kartoteka::gui
