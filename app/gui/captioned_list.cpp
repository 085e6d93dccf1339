#include "captioned_list.h"

#include <algorithm>

#include "gui_util.h"

namespace kartoteka::gui {

CaptionedList add_captioned_list(wxWindow* parent, wxBoxSizer* sizer, wxSizer* between) {
    CaptionedList v;
    v.caption = new wxStaticText(parent, wxID_ANY, "");
    wxFont f = v.caption->GetFont();
    f.SetWeight(wxFONTWEIGHT_BOLD);
    v.caption->SetFont(f);
    sizer->Add(v.caption, 0, wxALL, 10);
    if (between) sizer->Add(between, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    v.list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(v.list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    show_truncated_as_tooltip(v.list);
    return v;
}

void fill_list(const CaptionedList& v, const Table& t, const std::function<int(std::size_t)>& width, long chosen) {
    v.caption->SetLabel(wx(t.caption));
    wxListCtrl* list = v.list;
    list->Freeze();
    list->ClearAll();
    for (std::size_t c = 0; c < t.columns.size(); ++c) list->AppendColumn(wx(t.columns[c]), wxLIST_FORMAT_LEFT, heading_width(list, wx(t.columns[c]), width(c)));
    for (const auto& r : t.rows) {
        const long item = list->InsertItem(list->GetItemCount(), wx(r.cells.empty() ? std::string() : r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) {
            list->SetItemBackgroundColour(item, background_of(r.tone));
            list->SetItemTextColour(item, foreground_of(r.tone));
        }
    }
    if (list->GetItemCount() > 0) {
        const long row = std::min<long>(std::max(0L, chosen), list->GetItemCount() - 1);
        list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        list->EnsureVisible(row);
    }
    list->Thaw();
}

int refill_choice(wxChoice* choice, const wxString& any, const std::vector<std::string>& items, const std::string& current) {
    choice->Freeze();
    choice->Clear();
    choice->Append(any);
    int sel = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        choice->Append(wx(items[i]));
        if (items[i] == current) sel = static_cast<int>(i) + 1;
    }
    choice->SetSelection(sel);
    choice->Thaw();
    return sel;
}

long selected_row(const wxListCtrl* list) { return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

}  // namespace kartoteka::gui
