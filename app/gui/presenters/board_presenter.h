#pragma once
/// What the supervisor's SLA board shows (issue: workstation), wx-free: filtered and sorted rows with
/// the time to each ticket's next deadline in working time, counts per team, and the weekly chart series.
#include <string>
#include <unordered_map>
#include <vector>

#include "card_presenter.h"
#include "sla/sla_board.h"

namespace kartoteka::gui {

struct BoardFilter {
    std::string team;          ///< team name; empty = all
    std::string agent;         ///< agent name; empty = all
    std::string problem_type;  ///< empty = all
    std::string state;         ///< "breached", "warning", "paused", "ok"; empty = all
    int sort_column = 1;       ///< index into the table's columns (BoardColumn); 1 = state (worst first)
    bool ascending = true;
};

/// The colour of an SLA state: breached red, warning amber, paused grey.
Tone tone_of(sla::State s);

/// The board table's columns, in order.
enum BoardColumn { col_ticket, col_state, col_deadline, col_customer, col_subject, col_owner, col_team, col_problem,
                   col_severity, col_escalates, board_columns };
/// Their headings (English, for the catalogue): "Ticket", "State", ...
const char* board_column_heading(int column);

/// One bar group of the chart: a week, its SLA breaches and the customers lost in it.
struct ChartPoint {
    std::string label;  ///< "11-03": the week's Monday
    int breaches = 0;
    int lost = 0;
};

/// Who a ticket may be given to (active agents and teams of the board's directory) and the problem
/// types it may be moved to.
struct Assignees {
    std::vector<std::pair<std::string, std::string>> agents;  ///< login, "Name (team)", by name
    std::vector<std::string> teams;
    std::vector<std::string> problem_types;
};

struct BoardView {
    Table table;                  ///< one row per ticket that passes the filter
    std::vector<Row> team_counts; ///< team, open, warning, breached, paused
    /// owner, team, open, warning, breached: who is in trouble first (most breaches, then warnings)
    std::vector<Row> agent_counts;
    std::vector<std::string> teams, agents, problem_types;  ///< choices for the filters, sorted
    std::string totals;           ///< "1 234 open: 56 breached, 78 warning, 9 paused"
    std::vector<ChartPoint> chart;
    Assignees assignees;
};

class BoardPresenter {
public:
    explicit BoardPresenter(Translate tr) : m_tr(std::move(tr)) {}

    /// customers: display names by customer id for the Customer column (SlaBoard::customer_names);
    /// a customer missing from it shows as "#id".
    BoardView present(const sla::Board& board, const BoardFilter& filter,
                      const std::unordered_map<model::Id, std::string>& customers = {}) const;
    /// Active agents and teams of the directory; problem types configured or on the board.
    static Assignees assignees(const sla::Directory& dir, std::vector<std::string> problem_types);
    /// Weekly buckets of breach and loss instants over the `weeks` weeks ending at `now`.
    static std::vector<ChartPoint> weekly(const std::vector<model::Timestamp>& breaches,
                                          const std::vector<model::Timestamp>& losses, model::Timestamp now, int weeks);
    /// "2h 05m", "3d 4h" (working time); negative: "overdue 35m".
    std::string working_time(std::int64_t seconds) const;

private:
    std::string tr(const char* s) const { return m_tr ? m_tr(s) : s; }
    Translate m_tr;
};

}  // namespace kartoteka::gui
