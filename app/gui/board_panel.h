#pragma once
/// The supervisor's SLA board: every open ticket with its state and the working time to its next
/// deadline, filterable and sortable, counts per team and per owner, and a chart of breaches and losses per week.
/// It only shows a BoardView; the frame computes it off the UI thread.
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>

#include "presenters/board_presenter.h"
#include "ticket_pane.h"

namespace kartoteka::gui {

/// A virtual list: 100,000 rows cost nothing until they scroll into view.
class BoardList : public wxListCtrl {
public:
    explicit BoardList(wxWindow* parent);
    void set_rows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return m_rows; }

private:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

    std::vector<Row> m_rows;
    mutable wxItemAttr m_attr;
};

/// Bars of breaches and of lost customers per week, drawn with wx's own DC.
class ChartPanel : public wxPanel {
public:
    explicit ChartPanel(wxWindow* parent);
    void set_points(std::vector<ChartPoint> points);

private:
    void on_paint(wxPaintEvent&);
    std::vector<ChartPoint> m_points;
};

class BoardPanel : public wxPanel {
public:
    /// on_filter: the agent changed a filter or the sort; the host recomputes the view.
    /// on_open_ticket: Enter on a row (the host opens that ticket's customer).
    /// on_change: the supervisor chose a change in the ticket pane.
    BoardPanel(wxWindow* parent, std::function<void(const BoardFilter&)> on_filter,
               std::function<void(model::Id)> on_open_ticket,
               std::function<void(model::Id, desk::TicketChange)> on_change = {});

    /// Takes the view's rows (a board of 100k tickets is not copied). The selected ticket stays selected
    /// wherever it moves (found by its id), and the filters stay as they were.
    void show(BoardView&& view);
    /// on_select: the selection moved to a ticket (the host loads its detail into ticket_pane()).
    void on_select(std::function<void(model::Id)> f) { m_on_select = std::move(f); }
    TicketPane* ticket_pane() { return m_pane; }
    /// The ticket selected now; 0 for none.
    model::Id selected_ticket() const { return m_selected; }
    /// Ctrl+3: the keyboard in the ticket list, on the selected ticket or else the first (the worst).
    void focus_list();
    /// For the GUI test: selects the row of this ticket as a click would.
    bool select_ticket(model::Id ticket);
    void show_message(const wxString& text);
    const BoardFilter& filter() const { return m_filter; }
    /// For the GUI test.
    long row_count() const { return m_list->GetItemCount(); }

private:
    void refill_choice(wxChoice* choice, const std::vector<std::string>& items, const std::string& current);
    void read_filter();
    /// first_count: the first column holding a number (the ones before it are names).
    static void fill_counts(wxListCtrl* list, const std::vector<Row>& rows, int first_count);

    /// Selects the row of m_selected in the list without announcing it (a refresh, not a new choice).
    void restore_selection();

    BoardFilter m_filter;
    model::Id m_selected = 0;
    bool m_restoring = false;
    TicketPane* m_pane = nullptr;
    std::function<void(model::Id)> m_on_select;
    wxChoice* m_team;
    wxChoice* m_agent;
    wxChoice* m_type;
    wxChoice* m_state;
    wxStaticText* m_totals;
    BoardList* m_list;
    wxListCtrl* m_teams;
    wxListCtrl* m_agents;  ///< counts per owner, worst first; Enter filters the board to that owner
    ChartPanel* m_chart;
    std::function<void(const BoardFilter&)> m_on_filter;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
