#pragma once
/// Small conversions at the GUI edge: the core speaks UTF-8 std::string, wx speaks wxString.
#include <wx/colour.h>
#include <wx/listctrl.h>
#include <wx/string.h>

#include <string>

#include "presenters/card_presenter.h"

namespace kartoteka::gui {

inline wxString wx(const std::string& utf8) { return wxString::FromUTF8(utf8.data(), utf8.size()); }
inline std::string utf8(const wxString& s) { return std::string(s.utf8_str()); }

/// Calm colours: text stays black; tone shows as a pale background the eye finds without alarm fatigue.
wxColour background_of(Tone tone);
wxColour foreground_of(Tone tone);

/// The presenters' translator, backed by wx's gettext catalogues.
std::string translate(const char* english);

/// A cell cut short by its column shows its whole text as the list's tooltip while the mouse is on it
/// (issue 18 m2: "Смирнов Александр Влади…").
void show_truncated_as_tooltip(wxListCtrl* list);
/// A column's width: `wanted`, or wider when the heading in the UI language needs it (Russian and
/// Bulgarian headings run longer than the English ones the widths were chosen for).
int heading_width(wxWindow* list, const wxString& heading, int wanted);
/// Column c of `table`: heading_width, or wider (up to `at_most`) when its longest cell needs it, so
/// short labels such as "Always calls us themselves" or a date and time are not cut while the list has
/// room to spare.
int fitting_width(wxWindow* list, const Table& table, std::size_t c, int wanted, int at_most);

/// The interface language in use: "ru", "bg" or "en" (for texts the configuration gives per language).
std::string ui_language();

}  // namespace kartoteka::gui
