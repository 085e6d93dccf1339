#include "contacts_panel.h"

#include <wx/sizer.h>

#include "gui_util.h"

namespace kartoteka::gui {

ContactsPanel::ContactsPanel(wxWindow* parent, std::function<void(model::Id)> on_open)
    : wxPanel(parent), m_on_open(std::move(on_open)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_caption = new wxStaticText(this, wxID_ANY, "");
    wxFont f = m_caption->GetFont();
    f.SetWeight(wxFONTWEIGHT_BOLD);
    m_caption->SetFont(f);
    sizer->Add(m_caption, 0, wxALL, 10);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    show_truncated_as_tooltip(m_list);
    SetSizer(sizer);
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (e.GetIndex() >= 0 && static_cast<std::size_t>(e.GetIndex()) < m_due.contacts.size())
            m_on_open(m_due.contacts[static_cast<std::size_t>(e.GetIndex())].customer_id);
    });
}

void ContactsPanel::show(const DueList& due) {
    // Keep the agent's place: the same contact stays chosen when the list is refreshed.
    const ContactChoice* was = selected_contact();
    const model::Id keep = was ? was->id : 0;
    const long was_row = selected_row();  // if that contact is gone (just logged), the row that took its place
    m_due = due;
    const Table& t = m_due.table;
    m_caption->SetLabel(wx(t.caption));
    m_list->Freeze();
    m_list->ClearAll();
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        m_list->AppendColumn(wx(t.columns[c]), wxLIST_FORMAT_LEFT,
                             heading_width(m_list, wx(t.columns[c]), c == 1 || c == 2 ? 250 : c + 1 == t.columns.size() ? 420 : 140));
    long chosen = std::max(0L, was_row);
    for (const auto& r : t.rows) {
        long item = m_list->InsertItem(m_list->GetItemCount(), wx(r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) m_list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) {
            m_list->SetItemBackgroundColour(item, background_of(r.tone));
            m_list->SetItemTextColour(item, foreground_of(r.tone));
        }
        if (m_due.contacts[static_cast<std::size_t>(item)].id == keep) chosen = item;
    }
    if (m_list->GetItemCount() > 0) {
        chosen = std::min<long>(chosen, m_list->GetItemCount() - 1);
        m_list->SetItemState(chosen, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_list->EnsureVisible(chosen);
    }
    m_list->Thaw();
}

long ContactsPanel::selected_row() const {
    const long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return item >= 0 && static_cast<std::size_t>(item) < m_due.contacts.size() ? item : -1;
}

const ContactChoice* ContactsPanel::selected_contact() const {
    const long row = selected_row();
    return row < 0 ? nullptr : &m_due.contacts[static_cast<std::size_t>(row)];
}

wxString ContactsPanel::selected_customer() const {
    const long row = selected_row();
    return row < 0 ? wxString() : wx(m_due.table.rows[static_cast<std::size_t>(row)].cells[2]);
}

void ContactsPanel::focus_list() { m_list->SetFocus(); }

}  // namespace kartoteka::gui
