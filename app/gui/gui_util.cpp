#include "gui_util.h"

#include <wx/gdicmn.h>
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

std::string translate(const char* english) { return utf8(wxGetTranslation(wxString::FromUTF8(english))); }

std::string ui_language() {
    auto* t = wxTranslations::Get();
    const std::string best = t ? utf8(t->GetBestTranslation("kartoteka", wxLANGUAGE_ENGLISH_US)) : std::string();
    const std::string lang = best.substr(0, 2);
    return lang == "ru" || lang == "bg" ? lang : "en";
}

}  // namespace kartoteka::gui
