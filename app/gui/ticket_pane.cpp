#include "ticket_pane.h"

#include <wx/choicdlg.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include "gui_util.h"

namespace kartoteka::gui {

TicketPane::TicketPane(wxWindow* parent, std::function<void(model::Id, desk::TicketChange)> on_change)
    : wxPanel(parent), m_on_change(std::move(on_change)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, _("Select a ticket to see its history and act on it."));
    wxFont bold = m_title->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    m_title->SetFont(bold);
    top->Add(m_title, 0, wxLEFT | wxTOP, 6);
    m_notice = new wxStaticText(this, wxID_ANY, "");
    top->Add(m_notice, 0, wxLEFT | wxTOP, 6);
    m_facts = new wxStaticText(this, wxID_ANY, "");
    top->Add(m_facts, 0, wxLEFT | wxTOP | wxEXPAND, 6);
    m_norms = new wxStaticText(this, wxID_ANY, "");
    top->Add(m_norms, 0, wxLEFT | wxTOP | wxEXPAND, 6);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto add = [&](const wxString& label, void (TicketPane::*act)()) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, [this, act](wxCommandEvent&) { (this->*act)(); });
        b->Disable();
        buttons->Add(b, 0, wxRIGHT, 6);
        m_buttons.push_back(b);
    };
    add(_("Reassign (Ctrl+R)"), &TicketPane::reassign);
    add(_("Escalate (Ctrl+E)"), &TicketPane::escalate);
    add(_("Severity (Ctrl+Y)"), &TicketPane::set_severity);
    add(_("Problem type (Ctrl+P)"), &TicketPane::set_problem_type);
    top->Add(buttons, 0, wxALL, 6);
    auto* lists = new wxBoxSizer(wxHORIZONTAL);
    m_targets = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 110), wxLC_REPORT);
    m_history = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 110), wxLC_REPORT);
    lists->Add(m_targets, 1, wxEXPAND | wxRIGHT, 6);
    lists->Add(m_history, 1, wxEXPAND);
    top->Add(lists, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    SetSizer(top);
}

void TicketPane::fill(wxListCtrl* list, const Table& table) {
    list->Freeze();
    list->ClearAll();
    // As wide as the cells need (a date and time, "waiting for the customer"), from 80 pixels up.
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        list->AppendColumn(wx(table.columns[c]), wxLIST_FORMAT_LEFT, fitting_width(list, table, c, 80, 220));
    for (const auto& r : table.rows) {
        const long item = list->InsertItem(list->GetItemCount(), wx(r.cells.empty() ? "" : r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) list->SetItemBackgroundColour(item, background_of(r.tone));
    }
    if (!table.columns.empty()) list->SetColumnWidth(static_cast<int>(table.columns.size()) - 1, wxLIST_AUTOSIZE);
    list->Thaw();
}

void TicketPane::show(TicketDetailView&& v) {
    const bool other = v.ticket_id != m_view.ticket_id;
    m_view = std::move(v);
    m_title->SetLabel(wx(m_view.title));
    if (other) set_notice("", false);
    wxString facts;
    for (const auto& [label, value] : m_view.facts) facts += (facts.empty() ? "" : "   ") + wx(label) + ": " + wx(value);
    m_facts->SetLabel(facts);
    m_facts->Wrap(std::max(300, GetClientSize().x - 12));
    m_norms->SetLabel(wx(m_view.norms));
    m_norms->Wrap(std::max(300, GetClientSize().x - 12));
    fill(m_targets, m_view.targets);
    fill(m_history, m_view.history);
    if (!m_view.history.rows.empty()) m_history->EnsureVisible(m_history->GetItemCount() - 1);
    for (auto* b : m_buttons) b->Enable();
    Layout();
}

void TicketPane::clear() {
    m_view = {};
    m_title->SetLabel(_("Select a ticket to see its history and act on it."));
    m_facts->SetLabel("");
    m_norms->SetLabel("");
    m_targets->ClearAll();
    m_history->ClearAll();
    for (auto* b : m_buttons) b->Disable();
}

void TicketPane::set_notice(const wxString& text, bool error) {
    m_notice->SetLabel(text);
    m_notice->SetForegroundColour(error ? foreground_of(Tone::danger) : foreground_of(Tone::good));
    Layout();
}

void TicketPane::send(desk::TicketChange change) {
    if (m_view.ticket_id == 0) return;
    change.version = m_view.version;  // a save at another seat since this was shown is a conflict
    set_notice(_("Saving…"), false);
    m_on_change(m_view.ticket_id, std::move(change));
}

wxString TicketPane::about() const {
    // Which ticket the dialog acts on, above its question: the board behind it may move on meanwhile.
    return wx(m_view.title) + "\n\n";
}

void TicketPane::reassign() {
    if (m_view.ticket_id == 0) return;
    wxArrayString choices;
    for (const auto& [login, label] : m_assignees.agents) choices.Add(wx(label));
    for (const auto& t : m_assignees.teams) choices.Add(_("Team:") + " " + wx(t));
    wxSingleChoiceDialog dlg(this, about() + _("Give the ticket to an agent, or to the team member with the fewest open tickets."),
                             _("Reassign ticket"), choices);
    if (dlg.ShowModal() != wxID_OK) return;
    const auto at = static_cast<std::size_t>(dlg.GetSelection());
    desk::TicketChange c;
    if (at < m_assignees.agents.size()) c.owner = m_assignees.agents[at].first;
    else c.team = m_assignees.teams[at - m_assignees.agents.size()];
    send(std::move(c));
}

void TicketPane::escalate() {
    if (m_view.ticket_id == 0) return;
    wxTextEntryDialog dlg(this, about() + _("Why? (kept in the ticket's history)"), _("Escalate ticket"));
    if (dlg.ShowModal() != wxID_OK) return;
    desk::TicketChange c;
    c.escalate = true;
    c.note = utf8(dlg.GetValue());
    send(std::move(c));
}

void TicketPane::set_severity() {
    if (m_view.ticket_id == 0) return;
    wxArrayString choices;
    for (const char* s : {"1 — trifle", "2", "3", "4", "5 — end of the world"}) choices.Add(wxGetTranslation(s));
    wxSingleChoiceDialog dlg(this, about() + _("How bad is it for the customer?"), _("Change severity"), choices);
    if (dlg.ShowModal() != wxID_OK) return;
    desk::TicketChange c;
    c.severity = dlg.GetSelection() + 1;
    send(std::move(c));
}

void TicketPane::set_problem_type() {
    if (m_view.ticket_id == 0 || m_assignees.problem_types.empty()) return;
    wxArrayString choices;
    for (const auto& t : m_assignees.problem_types) choices.Add(wx(t));
    wxSingleChoiceDialog dlg(this, about() + _("The problem type picks the SLA norms the ticket is counted against."),
                             _("Change problem type"), choices);
    if (dlg.ShowModal() != wxID_OK) return;
    desk::TicketChange c;
    c.problem_type = m_assignees.problem_types[static_cast<std::size_t>(dlg.GetSelection())];
    send(std::move(c));
}

}  // namespace kartoteka::gui
