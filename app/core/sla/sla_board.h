#pragma once
/// The supervisor board (issue 4): every open ticket with its SLA state, counts per team and per
/// agent, and the breach rate over a period. Incremental: update() re-evaluates one ticket and adjusts
/// the counts without touching the others.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/agent.h"
#include "sla/sla_engine.h"

namespace kartoteka::sla {

/// Who owns what and who escalations go to: agents and teams as the store has them.
struct Directory {
    std::unordered_map<model::Id, model::Agent> agents;
    std::unordered_map<model::Id, model::Team> teams;

    Directory() = default;
    Directory(const std::vector<model::Agent>& agents, const std::vector<model::Team>& teams);
    model::Id team_of(model::Id agent) const;
    /// The lead of the agent's team: where the agent's breaches escalate; 0 when none.
    model::Id lead_of(model::Id agent) const;
    std::string agent_name(model::Id agent) const;
    std::string team_name(model::Id team) const;
};

struct BoardRow {
    model::Id ticket_id = 0;
    model::Id customer_id = 0;  ///< whose complaint: Enter on a row opens their card
    std::string problem_type;
    std::string subject;        ///< what the complaint is about, as the customer put it
    int severity = 0;
    int version = 0;            ///< the ticket's version this row shows: a change from here is checked against it
    model::Id owner_id = 0;
    model::Id team_id = 0;
    std::string calendar;  ///< the calendar the norms were counted in
    TicketSla sla;
};

struct Counts {
    int total = 0, breached = 0, warning = 0, paused = 0, ok = 0;
    void add(State s, int sign);
};

/// Share of tickets created in [from, to) that breached any target by "now".
struct BreachRate {
    model::Timestamp from = 0, to = 0;
    int tickets = 0;
    int breached = 0;
    double rate() const { return tickets ? static_cast<double>(breached) / tickets : 0.0; }
};

class Board {
public:
    Board(const PolicySet& policies, CalendarSet& calendars, Directory directory);

    /// Replaces the board with these tickets evaluated at `now`.
    void recompute(const std::vector<model::Ticket>& open_tickets, model::Timestamp now);
    /// Re-evaluates one ticket at `now` (a new event, a changed policy); resolved or closed tickets leave
    /// the board. Other rows keep the "now" they were evaluated at.
    void update(const model::Ticket& ticket, model::Timestamp now);
    void remove(model::Id ticket_id);

    /// Worst first, then the nearest deadline.
    std::vector<const BoardRow*> sorted() const;
    const std::vector<BoardRow>& rows() const { return m_rows; }
    const BoardRow* row(model::Id ticket_id) const;
    /// Counts by team id and by agent id (unordered: sort for display).
    const std::unordered_map<model::Id, Counts>& by_team() const { return m_by_team; }
    const std::unordered_map<model::Id, Counts>& by_agent() const { return m_by_agent; }
    const Counts& totals() const { return m_totals; }
    const Directory& directory() const { return m_directory; }
    /// Every warning and breach of the rows, with owner and escalation (team lead) filled in.
    std::vector<model::SlaEvent> events() const;

    /// Evaluates one ticket: its policy, its calendar (the ticket's own if it names a configured one).
    BoardRow evaluate(const model::Ticket& ticket, model::Timestamp now) const;
    void evaluate(const model::Ticket& ticket, model::Timestamp now, BoardRow& out) const;
    BreachRate breach_rate(const std::vector<model::Ticket>& created, model::Timestamp from, model::Timestamp to,
                           model::Timestamp now) const;

private:
    void count(const BoardRow& row, int sign);

    const PolicySet& m_policies;
    CalendarSet& m_calendars;
    Directory m_directory;
    std::vector<BoardRow> m_rows;
    std::unordered_map<model::Id, std::size_t> m_index;
    std::unordered_map<model::Id, Counts> m_by_team;
    std::unordered_map<model::Id, Counts> m_by_agent;
    Counts m_totals;
};

}  // namespace kartoteka::sla
