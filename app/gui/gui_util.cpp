#include "gui_util.h"

#include <wx/gdicmn.h>
#include <wx/tooltip.h>

#include <algorithm>
#include <wx/intl.h>
#include <wx/translation.h>

namespace kartoteka::gui {

wxColour background_of(Tone tone) {
    switch (tone) {
    case Tone::good: return wxColour(0xE3, 0xF4, 0xE1);
    case Tone::warning: return wxColour(0xFF, 0xF1, 0xC9);
    case Tone::danger: return wxColour(0xFB, 0xD5, 0xD1);
    case Tone::muted: return wxColour(0xF2, 0xF2, 0xF2);
    case Tone::normal: break;
    }
    return wxNullColour;
}

wxColour foreground_of(Tone tone) {
    return tone == Tone::muted ? wxColour(0x70, 0x70, 0x70) : wxColour(0x10, 0x10, 0x10);
}

void show_truncated_as_tooltip(wxListCtrl* list) {
    // The generic list control (GTK's) draws its rows in a child window that gets the mouse.
    wxWindow* rows = list;
    for (auto* child : list->GetChildren())
        if (wxString(child->GetClassInfo()->GetClassName()) == "wxListMainWindow") rows = child;
    rows->Bind(wxEVT_MOTION, [list, rows](wxMouseEvent& e) {
        e.Skip();
        int flags = 0;
        long column = -1;
        const long item = list->HitTest(e.GetPosition(), flags, &column);
        wxString tip;
        if (item >= 0 && column >= 0 && column < list->GetColumnCount()) {
            const wxString text = list->GetItemText(item, static_cast<int>(column));
            // The text needs more than its column (less the cell's padding): it is shown cut.
            if (!text.empty() && rows->GetTextExtent(text).x + 12 > list->GetColumnWidth(static_cast<int>(column))) tip = text;
        }
        if (tip.empty()) {
            if (rows->GetToolTip()) rows->UnsetToolTip();
        } else if (!rows->GetToolTip() || rows->GetToolTipText() != tip) {
            rows->SetToolTip(tip);
        }
    });
}

int heading_width(wxWindow* list, const wxString& heading, int wanted) {
    return std::max(wanted, list->GetTextExtent(heading).x + 28);  // the heading's padding and sort arrow
}

int fitting_width(wxWindow* list, const Table& table, std::size_t c, int wanted, int at_most) {
    int longest = 0;
    for (const auto& row : table.rows)
        if (c < row.cells.size()) longest = std::max(longest, list->GetTextExtent(wx(row.cells[c])).x + 16);
    const int width = std::max(heading_width(list, wx(table.columns[c]), wanted), std::min(longest, at_most));
    return std::max(width, wanted);
}

std::string translate(const char* english) { return utf8(wxGetTranslation(wxString::FromUTF8(english))); }

std::string ui_language() {
    auto* t = wxTranslations::Get();
    const std::string best = t ? utf8(t->GetBestTranslation("kartoteka", wxLANGUAGE_ENGLISH_US)) : std::string();
    const std::string lang = best.substr(0, 2);
    return lang == "ru" || lang == "bg" ? lang : "en";
}

}  // namespace kartoteka::gui
