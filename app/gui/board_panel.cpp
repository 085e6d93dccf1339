#include "board_panel.h"

#include <wx/dcbuffer.h>
#include <wx/sizer.h>

#include "captioned_list.h"
#include "gui_util.h"

namespace kartoteka::gui {

BoardList::BoardList(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL) {}

void BoardList::set_rows(std::vector<Row> rows) {
    m_rows = std::move(rows);
    SetItemCount(static_cast<long>(m_rows.size()));
    Refresh();
}

wxString BoardList::OnGetItemText(long item, long column) const {
    const auto& cells = m_rows[static_cast<std::size_t>(item)].cells;
    return static_cast<std::size_t>(column) < cells.size() ? wx(cells[static_cast<std::size_t>(column)]) : wxString();
}

wxItemAttr* BoardList::OnGetItemAttr(long item) const {
    const Tone tone = m_rows[static_cast<std::size_t>(item)].tone;
    if (tone == Tone::normal) return nullptr;
    m_attr.SetBackgroundColour(background_of(tone));
    m_attr.SetTextColour(foreground_of(tone));
    return &m_attr;
}

ChartPanel::ChartPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(420, 220)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &ChartPanel::on_paint, this);
}

void ChartPanel::set_points(std::vector<ChartPoint> points) {
    m_points = std::move(points);
    Refresh();
}

void ChartPanel::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    const wxSize size = GetClientSize();
    const int left = 34, bottom = size.y - 34, top = 28, right = size.x - 10;
    dc.SetTextForeground(wxColour(0x30, 0x30, 0x30));
    dc.DrawText(_("Breaches and lost customers per week"), left, 4);
    if (m_points.empty()) return;
    // Each series on its own scale (breaches outnumber losses by far); the counts are written on the bars.
    int peak_breaches = 1, peak_lost = 1;
    for (const auto& p : m_points) peak_breaches = std::max(peak_breaches, p.breaches), peak_lost = std::max(peak_lost, p.lost);
    dc.SetPen(wxPen(wxColour(0xC0, 0xC0, 0xC0)));
    dc.DrawLine(left, bottom, right, bottom);
    wxFont small = dc.GetFont();
    small.SetPointSize(std::max(6, small.GetPointSize() - 2));
    const int slot = std::max(1, (right - left) / static_cast<int>(m_points.size()));
    const int bar = std::max(2, slot / 3);
    const wxColour breach(0xD0, 0x45, 0x3B), lost(0x5A, 0x7A, 0x99);
    auto height = [&](int v, int peak) { return (bottom - top - 12) * v / peak; };
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const int x = left + static_cast<int>(i) * slot + slot / 6;
        const int hb = height(m_points[i].breaches, peak_breaches), hl = height(m_points[i].lost, peak_lost);
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(breach));
        dc.DrawRectangle(x, bottom - hb, bar, hb);
        dc.SetBrush(wxBrush(lost));
        dc.DrawRectangle(x + bar, bottom - hl, bar, hl);
        dc.SetFont(small);
        if (m_points[i].breaches) dc.DrawText(wxString::Format("%d", m_points[i].breaches), x, bottom - hb - 12);
        if (m_points[i].lost) dc.DrawText(wxString::Format("%d", m_points[i].lost), x + bar, bottom - hl - 12);
        if (i % 2 == 0) dc.DrawText(wx(m_points[i].label), x - 2, bottom + 4);
    }
    // Legend.
    const int ly = size.y - 14;
    dc.SetBrush(wxBrush(breach));
    dc.DrawRectangle(left, ly, 10, 10);
    dc.DrawText(_("SLA breaches"), left + 14, ly - 3);
    dc.SetBrush(wxBrush(lost));
    dc.DrawRectangle(left + 140, ly, 10, 10);
    dc.DrawText(_("customers lost"), left + 154, ly - 3);
}

BoardPanel::BoardPanel(wxWindow* parent, std::function<void(const BoardFilter&)> on_filter,
                       std::function<void(model::Id)> on_open_ticket,
                       std::function<void(model::Id, desk::TicketChange)> on_change)
    : wxPanel(parent), m_on_filter(std::move(on_filter)), m_on_open(std::move(on_open_ticket)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    auto add_filter = [&](const wxString& label) {
        filters->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
        auto* c = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(170, -1));
        c->Append(_("all"));
        c->SetSelection(0);
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { read_filter(); });
        filters->Add(c, 0, wxLEFT, 4);
        return c;
    };
    m_team = add_filter(_("Team"));
    m_agent = add_filter(_("Owner"));
    m_type = add_filter(_("Problem"));
    m_state = add_filter(_("State"));
    for (const char* s : {"breached", "warning", "paused", "ok"}) m_state->Append(wxGetTranslation(s));
    top->Add(filters, 0, wxTOP | wxBOTTOM, 8);
    m_totals = new wxStaticText(this, wxID_ANY, "");
    wxFont bold = m_totals->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    m_totals->SetFont(bold);
    top->Add(m_totals, 0, wxLEFT | wxBOTTOM, 10);

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    m_list = new BoardList(this);
    static const int board_widths[board_columns] = {70, 90, 130, 190, 230, 150, 100, 100, 70, 150};
    for (int c = 0; c < board_columns; ++c)
        m_list->AppendColumn(wxGetTranslation(board_column_heading(c)), wxLIST_FORMAT_LEFT,
                             heading_width(m_list, wxGetTranslation(board_column_heading(c)), board_widths[c]));
    show_truncated_as_tooltip(m_list);
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const auto& rows = m_list->rows();
        if (m_restoring || e.GetIndex() < 0 || static_cast<std::size_t>(e.GetIndex()) >= rows.size()) return;
        m_selected = rows[static_cast<std::size_t>(e.GetIndex())].id;
        if (m_on_select) m_on_select(m_selected);
    });
    m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
        const int col = e.GetColumn();
        m_filter.ascending = col == m_filter.sort_column ? !m_filter.ascending : true;
        m_filter.sort_column = col;
        m_on_filter(m_filter);
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        const auto& rows = m_list->rows();
        if (e.GetIndex() >= 0 && static_cast<std::size_t>(e.GetIndex()) < rows.size())
            m_on_open(rows[static_cast<std::size_t>(e.GetIndex())].id);
    });
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(m_list, 3, wxEXPAND);
    m_pane = new TicketPane(this, on_change ? std::move(on_change) : [](model::Id, desk::TicketChange) {});
    left->Add(m_pane, 2, wxEXPAND | wxTOP, 4);
    body->Add(left, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    auto* side = new wxBoxSizer(wxVERTICAL);
    m_teams = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(450, 110), wxLC_REPORT);
    for (const char* c : {"Team", "Open", "At risk", "Breached", "Paused"})
        m_teams->AppendColumn(wxGetTranslation(c), wxLIST_FORMAT_LEFT, c[0] == 'T' ? 140 : 68);
    side->Add(m_teams, 0, wxEXPAND | wxBOTTOM, 8);
    show_truncated_as_tooltip(m_teams);
    m_agents = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(450, 250), wxLC_REPORT | wxLC_SINGLE_SEL);
    const int widths[] = {136, 80, 58, 66, 70};
    int column = 0;
    for (const char* c : {"Owner", "Team", "Open", "At risk", "Breached"})
        m_agents->AppendColumn(wxGetTranslation(c), wxLIST_FORMAT_LEFT, widths[column++]);
    show_truncated_as_tooltip(m_agents);
    m_agents->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        // Enter on an owner shows their tickets only (the Owner filter says so and undoes it).
        const wxString owner = m_agents->GetItemText(e.GetIndex(), 0);
        const int at = m_agent->FindString(owner, true);
        if (at != wxNOT_FOUND) m_agent->SetSelection(at);
        read_filter();
    });
    side->Add(m_agents, 0, wxEXPAND | wxBOTTOM, 8);
    m_chart = new ChartPanel(this);
    side->Add(m_chart, 1, wxEXPAND);
    body->Add(side, 0, wxEXPAND | wxRIGHT, 8);
    top->Add(body, 1, wxEXPAND | wxBOTTOM, 8);
    SetSizer(top);
}

void BoardPanel::refill_choice(wxChoice* choice, const std::vector<std::string>& items, const std::string& current) {
    gui::refill_choice(choice, _("all"), items, current);
}

void BoardPanel::read_filter() {
    auto text = [](wxChoice* c) { return c->GetSelection() <= 0 ? std::string() : utf8(c->GetStringSelection()); };
    m_filter.team = text(m_team);
    m_filter.agent = text(m_agent);
    m_filter.problem_type = text(m_type);
    static const char* states[] = {"", "breached", "warning", "paused", "ok"};
    m_filter.state = states[std::max(0, m_state->GetSelection())];
    m_on_filter(m_filter);
}

void BoardPanel::show(BoardView&& v) {
    refill_choice(m_team, v.teams, m_filter.team);
    refill_choice(m_agent, v.agents, m_filter.agent);
    refill_choice(m_type, v.problem_types, m_filter.problem_type);
    m_totals->SetLabel(wx(v.totals));
    m_list->set_rows(std::move(v.table.rows));
    restore_selection();
    if (m_selected == 0 && m_list->HasFocus() && !m_list->rows().empty()) select_ticket(m_list->rows().front().id);
    m_pane->set_assignees(std::move(v.assignees));
    fill_counts(m_teams, v.team_counts, 1);
    fill_counts(m_agents, v.agent_counts, 2);
    m_chart->set_points(v.chart);
    Layout();
}

void BoardPanel::restore_selection() {
    // A refresh reorders rows: the selection follows the ticket, not the row position.
    m_restoring = true;
    const long was = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (was >= 0) m_list->SetItemState(was, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    const auto& rows = m_list->rows();
    for (std::size_t i = 0; m_selected != 0 && i < rows.size(); ++i) {
        if (rows[i].id != m_selected) continue;
        const long item = static_cast<long>(i);
        m_list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_list->EnsureVisible(item);
        break;
    }
    m_restoring = false;
}

void BoardPanel::focus_list() {
    m_list->SetFocus();
    if (m_selected == 0 && !m_list->rows().empty()) select_ticket(m_list->rows().front().id);
}

bool BoardPanel::select_ticket(model::Id ticket) {
    const auto& rows = m_list->rows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].id != ticket) continue;
        m_restoring = true;  // announced once, below
        m_list->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_restoring = false;
        m_list->EnsureVisible(static_cast<long>(i));
        m_selected = ticket;
        if (m_on_select) m_on_select(ticket);
        return true;
    }
    return false;
}

void BoardPanel::fill_counts(wxListCtrl* list, const std::vector<Row>& rows, int first_count) {
    list->Freeze();
    list->DeleteAllItems();
    for (const auto& r : rows) {
        long item = list->InsertItem(list->GetItemCount(), wx(r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) list->SetItemBackgroundColour(item, background_of(r.tone));
    }
    // Count columns as wide as their headings ("Предупреждение" is long), the names take what is left.
    int used = 0;
    for (int c = first_count; c < list->GetColumnCount(); ++c) {
        wxListItem heading;
        heading.SetMask(wxLIST_MASK_TEXT);
        list->GetColumn(c, heading);
        const int width = std::max(44, list->GetTextExtent(heading.GetText()).x + 14);
        list->SetColumnWidth(c, width);
        used += width;
    }
    const int names = std::max(120, list->GetSize().x - used - 22);
    if (first_count == 1) list->SetColumnWidth(0, names);
    else list->SetColumnWidth(0, names * 3 / 5), list->SetColumnWidth(1, names - names * 3 / 5);
    list->Thaw();
}

void BoardPanel::show_message(const wxString& text) {
    m_totals->SetLabel(text);
    m_list->set_rows({});
}

}  // namespace kartoteka::gui
