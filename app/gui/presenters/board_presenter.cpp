#include "board_presenter.h"

#include <algorithm>
#include <set>

#include "privacy/card_number_mask.h"
#include "util/time.h"

namespace kartoteka::gui {

Tone tone_of(sla::State s) {
    switch (s) {
    case sla::State::breached: return Tone::danger;
    case sla::State::warning: return Tone::warning;
    case sla::State::paused: return Tone::muted;
    default: return Tone::normal;
    }
}

namespace {

/// Sort keys per column: numbers compare as numbers, the state by severity (worst first).
struct Keyed {
    const sla::BoardRow* row;
    std::int64_t number;
    std::string text;
};

}  // namespace

const char* board_column_heading(int column) {
    static const char* const headings[] = {"Ticket", "State",   "Next deadline in", "Customer", "Subject",
                                           "Owner",  "Team",    "Problem",          "Severity", "Escalates to"};
    return column >= 0 && column < board_columns ? headings[column] : "";
}

std::string BoardPresenter::working_time(std::int64_t seconds) const { return format_working_time(seconds, m_tr); }

BoardView BoardPresenter::present(const sla::Board& board, const BoardFilter& f,
                                  const std::unordered_map<model::Id, std::string>& customers) const {
    BoardView v;
    const auto& dir = board.directory();
    for (int c = 0; c < board_columns; ++c) v.table.columns.push_back(tr(board_column_heading(c)));
    auto customer = [&customers](model::Id id) {
        auto it = customers.find(id);
        return it == customers.end() ? "#" + std::to_string(id) : it->second;
    };
    std::set<std::string> teams, agents, types;
    std::vector<Keyed> keyed;
    for (const auto& r : board.rows()) {
        const std::string team = dir.team_name(r.team_id), agent = dir.agent_name(r.owner_id);
        teams.insert(team);
        agents.insert(agent);
        types.insert(r.problem_type);
        if ((!f.team.empty() && team != f.team) || (!f.agent.empty() && agent != f.agent) ||
            (!f.problem_type.empty() && r.problem_type != f.problem_type) ||
            (!f.state.empty() && f.state != sla::to_string(r.sla.state)))
            continue;
        Keyed k{&r, 0, {}};
        switch (f.sort_column) {
        case col_ticket: k.number = r.ticket_id; break;
        case col_state: k.number = static_cast<std::int64_t>(r.sla.state) * (1LL << 40) + r.sla.to_next_deadline; break;
        case col_deadline: k.number = r.sla.has_deadline ? r.sla.to_next_deadline : (1LL << 50); break;
        case col_customer: k.text = customer(r.customer_id); break;
        case col_subject: k.text = r.subject; break;
        case col_owner: k.text = agent; break;
        case col_team: k.text = team; break;
        case col_problem: k.text = r.problem_type; break;
        case col_severity: k.number = -r.severity; break;
        default: k.text = dir.agent_name(dir.lead_of(r.owner_id)); break;
        }
        keyed.push_back(std::move(k));
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
        const bool less = a.text != b.text ? a.text < b.text : a.number < b.number;
        const bool greater = a.text != b.text ? b.text < a.text : b.number < a.number;
        return f.ascending ? less : greater;
    });
    v.table.rows.reserve(keyed.size());
    for (const auto& k : keyed) {
        const auto& r = *k.row;
        v.table.rows.push_back({{"#" + std::to_string(r.ticket_id), tr(sla::to_string(r.sla.state)),
                                 r.sla.has_deadline ? working_time(r.sla.to_next_deadline) : "—",
                                 customer(r.customer_id), stored_text(m_tr, r.subject), dir.agent_name(r.owner_id),
                                 dir.team_name(r.team_id), tr(r.problem_type.c_str()), std::to_string(r.severity) + "/5",
                                 dir.agent_name(dir.lead_of(r.owner_id))},
                                tone_of(r.sla.state), r.ticket_id});
    }
    std::vector<std::pair<std::string, sla::Counts>> by_team;
    for (const auto& [id, c] : board.by_team()) by_team.emplace_back(dir.team_name(id), c);
    std::sort(by_team.begin(), by_team.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, c] : by_team)
        v.team_counts.push_back({{name, std::to_string(c.total), std::to_string(c.warning), std::to_string(c.breached),
                                  std::to_string(c.paused)},
                                 c.breached ? Tone::danger : c.warning ? Tone::warning : Tone::normal, 0});
    // Per agent, worst first: a supervisor looks for who needs help now, not for an alphabet.
    std::vector<std::pair<std::string, const sla::Counts*>> by_agent;
    std::vector<model::Id> agent_ids;
    for (const auto& [id, c] : board.by_agent())
        if (c.total > 0) by_agent.emplace_back(dir.agent_name(id), &c), agent_ids.push_back(id);
    std::vector<std::size_t> order(by_agent.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto &x = *by_agent[a].second, &y = *by_agent[b].second;
        if (x.breached != y.breached) return x.breached > y.breached;
        if (x.warning != y.warning) return x.warning > y.warning;
        return by_agent[a].first < by_agent[b].first;
    });
    for (std::size_t i : order) {
        const auto& c = *by_agent[i].second;
        v.agent_counts.push_back({{by_agent[i].first, dir.team_name(dir.team_of(agent_ids[i])), std::to_string(c.total),
                                   std::to_string(c.warning), std::to_string(c.breached)},
                                  c.breached ? Tone::danger : c.warning ? Tone::warning : Tone::normal, agent_ids[i]});
    }
    v.teams.assign(teams.begin(), teams.end());
    v.agents.assign(agents.begin(), agents.end());
    v.problem_types.assign(types.begin(), types.end());
    v.assignees = assignees(dir, v.problem_types);
    const auto& t = board.totals();
    v.totals = counted(m_tr, NP_("{1} open ticket", "{1} open tickets"), t.total) + ": " +
               counted(m_tr, NP_("{1} breached", "{1} breached"), t.breached) + ", " +
               counted(m_tr, NP_("{1} warning", "{1} warnings"), t.warning) + ", " +
               counted(m_tr, NP_("{1} paused", "{1} paused"), t.paused) + "; " +
               counted(m_tr, NP_("{1} shown", "{1} shown"), static_cast<long long>(v.table.rows.size()));
    return v;
}

Assignees BoardPresenter::assignees(const sla::Directory& dir, std::vector<std::string> problem_types) {
    Assignees a;
    for (const auto& [id, agent] : dir.agents)
        if (agent.active)  // an agent in no team is their name alone, not "Name (-)"
            a.agents.emplace_back(agent.login, agent.team_id ? agent.name + " (" + dir.team_name(agent.team_id) + ")" : agent.name);
    std::sort(a.agents.begin(), a.agents.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
    for (const auto& [id, team] : dir.teams) a.teams.push_back(team.name);
    std::sort(a.teams.begin(), a.teams.end());
    a.problem_types = std::move(problem_types);
    return a;
}

std::vector<ChartPoint> BoardPresenter::weekly(const std::vector<model::Timestamp>& breaches,
                                               const std::vector<model::Timestamp>& losses, model::Timestamp now, int weeks) {
    // Weeks start on Monday (1970-01-01 was a Thursday: day 4 is the first Monday).
    const model::Timestamp week = 7 * 86400;
    const model::Timestamp this_monday = ((now / 86400 - 4) / 7 * 7 + 4) * 86400;
    const model::Timestamp first = this_monday - static_cast<model::Timestamp>(weeks - 1) * week;
    std::vector<ChartPoint> out(static_cast<std::size_t>(weeks));
    for (int i = 0; i < weeks; ++i) out[static_cast<std::size_t>(i)].label = util::format_date(util::date_of(first + i * week)).substr(5);
    auto bucket = [&](model::Timestamp t) -> ChartPoint* {
        if (t < first || t >= this_monday + week) return nullptr;
        return &out[static_cast<std::size_t>((t - first) / week)];
    };
    for (auto t : breaches)
        if (auto* p = bucket(t)) ++p->breaches;
    for (auto t : losses)
        if (auto* p = bucket(t)) ++p->lost;
    return out;
}

}  // namespace kartoteka::gui
