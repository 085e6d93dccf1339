#include "sla/sla_board.h"

#include <algorithm>

namespace kartoteka::sla {

Directory::Directory(const std::vector<model::Agent>& a, const std::vector<model::Team>& t) {
    for (const auto& x : a) agents[x.id] = x;
    for (const auto& x : t) teams[x.id] = x;
}

model::Id Directory::team_of(model::Id agent) const {
    auto it = agents.find(agent);
    return it == agents.end() ? 0 : it->second.team_id;
}

model::Id Directory::lead_of(model::Id agent) const {
    auto it = teams.find(team_of(agent));
    return it == teams.end() ? 0 : it->second.lead_id;
}

std::string Directory::agent_name(model::Id agent) const {
    auto it = agents.find(agent);
    return it == agents.end() ? (agent ? "#" + std::to_string(agent) : "-") : it->second.name;
}

std::string Directory::team_name(model::Id team) const {
    auto it = teams.find(team);
    return it == teams.end() ? "-" : it->second.name;
}

void Counts::add(State s, int sign) {
    total += sign;
    switch (s) {
    case State::breached: breached += sign; break;
    case State::warning: warning += sign; break;
    case State::paused: paused += sign; break;
    case State::ok:
    case State::met: ok += sign; break;
    }
}

Board::Board(const PolicySet& policies, CalendarSet& calendars, Directory directory)
    : m_policies(policies), m_calendars(calendars), m_directory(std::move(directory)) {}

BoardRow Board::evaluate(const model::Ticket& t, model::Timestamp now) const {
    BoardRow row;
    evaluate(t, now, row);
    return row;
}

void Board::evaluate(const model::Ticket& t, model::Timestamp now, BoardRow& row) const {
    const Policy& policy = m_policies.resolve(t.problem_type, t.severity);
    BusinessCalendar* cal = t.calendar.empty() ? nullptr : m_calendars.find(t.calendar);
    if (!cal) cal = &m_calendars.get(policy.calendar);
    row.ticket_id = t.id;
    row.customer_id = t.customer_id;
    row.problem_type = t.problem_type;
    row.subject = t.subject;
    row.severity = t.severity;
    row.version = t.version;
    row.owner_id = t.owner_id;
    row.team_id = m_directory.team_of(t.owner_id);
    row.calendar = cal->id();
    SlaEngine::evaluate(t, policy, *cal, now, row.sla);
}

void Board::count(const BoardRow& row, int sign) {
    m_totals.add(row.sla.state, sign);
    m_by_team[row.team_id].add(row.sla.state, sign);
    m_by_agent[row.owner_id].add(row.sla.state, sign);
}

void Board::recompute(const std::vector<model::Ticket>& open_tickets, model::Timestamp now) {
    for (auto& [id, c] : m_by_team) c = {};
    for (auto& [id, c] : m_by_agent) c = {};
    m_totals = {};
    // Rows are overwritten in place and the index only touched where a position changed, so recomputing
    // the same tickets again allocates nothing.
    std::size_t n = 0;
    for (const auto& t : open_tickets) {
        if (t.status == model::TicketStatus::resolved || t.status == model::TicketStatus::closed) continue;
        if (n == m_rows.size()) m_rows.emplace_back();
        evaluate(t, now, m_rows[n]);
        auto [it, fresh] = m_index.try_emplace(t.id, n);
        if (!fresh) it->second = n;
        count(m_rows[n], +1);
        ++n;
    }
    m_rows.resize(n);
    if (m_index.size() != n) {  // tickets that left the board are still indexed: rebuild
        m_index.clear();
        for (std::size_t i = 0; i < n; ++i) m_index[m_rows[i].ticket_id] = i;
    }
    std::erase_if(m_by_team, [](const auto& kv) { return kv.second.total == 0; });
    std::erase_if(m_by_agent, [](const auto& kv) { return kv.second.total == 0; });
}

void Board::remove(model::Id ticket_id) {
    auto it = m_index.find(ticket_id);
    if (it == m_index.end()) return;
    const std::size_t i = it->second;
    count(m_rows[i], -1);
    m_index.erase(it);
    if (i + 1 != m_rows.size()) {  // keep the vector dense: the last row takes the hole
        m_rows[i] = std::move(m_rows.back());
        m_index[m_rows[i].ticket_id] = i;
    }
    m_rows.pop_back();
}

void Board::update(const model::Ticket& t, model::Timestamp now) {
    if (t.status == model::TicketStatus::resolved || t.status == model::TicketStatus::closed) return remove(t.id);
    BoardRow row = evaluate(t, now);
    if (auto it = m_index.find(t.id); it != m_index.end()) {
        count(m_rows[it->second], -1);
        m_rows[it->second] = std::move(row);
        count(m_rows[it->second], +1);
        return;
    }
    m_index[t.id] = m_rows.size();
    m_rows.push_back(std::move(row));
    count(m_rows.back(), +1);
}

const BoardRow* Board::row(model::Id ticket_id) const {
    auto it = m_index.find(ticket_id);
    return it == m_index.end() ? nullptr : &m_rows[it->second];
}

std::vector<const BoardRow*> Board::sorted() const {
    std::vector<const BoardRow*> out;
    out.reserve(m_rows.size());
    for (const auto& r : m_rows) out.push_back(&r);
    std::sort(out.begin(), out.end(), [](const BoardRow* a, const BoardRow* b) {
        if (a->sla.state != b->sla.state) return a->sla.state < b->sla.state;
        if (a->sla.has_deadline != b->sla.has_deadline) return a->sla.has_deadline;
        if (a->sla.to_next_deadline != b->sla.to_next_deadline) return a->sla.to_next_deadline < b->sla.to_next_deadline;
        return a->ticket_id < b->ticket_id;
    });
    return out;
}

std::vector<model::SlaEvent> Board::events() const {
    std::vector<model::SlaEvent> out;
    for (const auto& r : m_rows)
        for (auto e : r.sla.events) {
            e.owner_id = r.owner_id;
            e.escalated_to = m_directory.lead_of(r.owner_id);
            out.push_back(e);
        }
    return out;
}

BreachRate Board::breach_rate(const std::vector<model::Ticket>& created, model::Timestamp from, model::Timestamp to,
                              model::Timestamp now) const {
    BreachRate r;
    r.from = from, r.to = to;
    for (const auto& t : created) {
        if (t.created_at < from || t.created_at >= to) continue;
        ++r.tickets;
        if (evaluate(t, now).sla.ever_breached) ++r.breached;
    }
    return r;
}

}  // namespace kartoteka::sla
