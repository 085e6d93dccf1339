#pragma once
/// The board's ticket detail pane (issue 19): the selected ticket's facts, each SLA target's clock,
/// how its deadlines were counted and its history, with the supervisor's actions on it (reassign to an
/// agent or a team, escalate, change severity or problem type). It shows a TicketDetailView and asks
/// the host to act; the host calls the desk off the UI thread.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "desk/desk.h"
#include "presenters/board_presenter.h"
#include "presenters/ticket_presenter.h"

namespace kartoteka::gui {

class TicketPane : public wxPanel {
public:
    /// on_change: the supervisor chose a change for the ticket shown (its version is filled in).
    TicketPane(wxWindow* parent, std::function<void(model::Id, desk::TicketChange)> on_change);

    void show(TicketDetailView&& view);
    /// Nothing selected, or a message (an action refused, a conflict) above what is shown.
    void clear();
    void set_notice(const wxString& text, bool error);
    void set_assignees(Assignees a) { m_assignees = std::move(a); }
    model::Id ticket() const { return m_view.ticket_id; }
    wxString about() const;  ///< "#1508 Charged twice" and a blank line: a dialog's first words
    /// Ctrl+R, Ctrl+E, Ctrl+Y (severity), Ctrl+P (problem type) on the board.
    void reassign();
    void escalate();
    void set_severity();
    void set_problem_type();

private:
    void fill(wxListCtrl* list, const Table& table);
    void send(desk::TicketChange change);

    TicketDetailView m_view;
    Assignees m_assignees;
    wxStaticText* m_title;
    wxStaticText* m_notice;
    wxStaticText* m_facts;
    wxStaticText* m_norms;
    wxListCtrl* m_targets;
    wxListCtrl* m_history;
    std::vector<wxButton*> m_buttons;
    std::function<void(model::Id, desk::TicketChange)> m_on_change;
};

}  // namespace kartoteka::gui
