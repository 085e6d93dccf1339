#pragma once
/// Small conversions at the GUI edge: the core speaks UTF-8 std::string, wx speaks wxString.
#include <wx/colour.h>
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

/// The interface language in use: "ru", "bg" or "en" (for texts the configuration gives per language).
std::string ui_language();

}  // namespace kartoteka::gui
