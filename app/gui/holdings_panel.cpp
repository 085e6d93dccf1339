#include "holdings_panel.h"

#include <wx/sizer.h>
#include <wx/translation.h>

#include "gui_util.h"

namespace kartoteka::gui {

HoldingsPanel::HoldingsPanel(wxWindow* parent) : wxPanel(parent) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->SetName("holdings_list");
    sizer->Add(m_list, 2, wxEXPAND | wxALL, 4);
    m_caption = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(m_caption, 0, wxLEFT | wxRIGHT, 6);
    m_satisfaction = new wxStaticText(this, wxID_ANY, "");
    m_satisfaction->SetName("satisfaction");
    wxFont bold = m_satisfaction->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    m_satisfaction->SetFont(bold);
    sizer->Add(m_satisfaction, 0, wxEXPAND | wxALL, 6);
    m_details = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    m_details->SetName("holdings_details");
    sizer->Add(m_details, 1, wxEXPAND | wxALL, 4);
    SetSizer(sizer);
}

void HoldingsPanel::show(const HoldingsView& v) {
    Freeze();
    m_list->ClearAll();
    for (std::size_t c = 0; c < v.holdings.columns.size(); ++c)
        m_list->AppendColumn(wx(v.holdings.columns[c]), wxLIST_FORMAT_LEFT, c == 5 ? 260 : 130);
    for (const auto& row : v.holdings.rows) {
        const long item = m_list->InsertItem(m_list->GetItemCount(), row.cells.empty() ? wxString() : wx(row.cells[0]));
        for (std::size_t c = 1; c < row.cells.size(); ++c) m_list->SetItem(item, static_cast<long>(c), wx(row.cells[c]));
        if (row.tone != Tone::normal) {
            m_list->SetItemBackgroundColour(item, background_of(row.tone));
            m_list->SetItemTextColour(item, foreground_of(row.tone));
        }
    }
    m_caption->SetLabel(wx(v.holdings.caption));
    m_satisfaction->SetLabel(_("Satisfaction") + ": " + wx(v.satisfaction));
    m_satisfaction->SetBackgroundColour(background_of(v.satisfaction_tone));
    wxString text = _("Why:") + "\n";
    for (const auto& line : v.why) text += "  " + wx(line) + "\n";
    text += "\n" + wx(v.grade) + "\n";
    for (const auto& p : v.privileges) text += "  * " + wx(p) + "\n";
    if (!v.next.empty()) {
        text += wx(v.next) + "\n";
        for (const auto& p : v.next_adds) text += "  + " + wx(p) + "\n";
        if (!v.missing.empty()) text += _("What it takes:") + "\n";
        for (const auto& m : v.missing) text += "  - " + wx(m) + "\n";
    }
    m_details->ChangeValue(text);
    Layout();
    Thaw();
}

}  // namespace kartoteka::gui
