#include "my_work_panel.h"

#include <wx/sizer.h>

#include "gui_util.h"

namespace kartoteka::gui {

MyWorkPanel::MyWorkPanel(wxWindow* parent, std::function<void(model::Id)> on_open)
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
        if (e.GetIndex() >= 0 && static_cast<std::size_t>(e.GetIndex()) < m_customers.size())
            m_on_open(m_customers[static_cast<std::size_t>(e.GetIndex())]);
    });
}

void MyWorkPanel::show(const Table& t) {
    const long was = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    m_caption->SetLabel(wx(t.caption));
    m_list->Freeze();
    m_list->ClearAll();
    static const int widths[] = {130, 120, 230, 260, 90, 420};
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        m_list->AppendColumn(wx(t.columns[c]), wxLIST_FORMAT_LEFT, heading_width(m_list, wx(t.columns[c]), c < 6 ? widths[c] : 120));
    m_customers.clear();
    for (const auto& r : t.rows) {
        const long item = m_list->InsertItem(m_list->GetItemCount(), wx(r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) m_list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) m_list->SetItemBackgroundColour(item, background_of(r.tone));
        m_customers.push_back(r.id);
    }
    if (m_list->GetItemCount() > 0) {
        const long row = std::min<long>(std::max(0L, was), m_list->GetItemCount() - 1);
        m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    m_list->Thaw();
}

}  // namespace kartoteka::gui
