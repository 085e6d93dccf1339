#include "wx_translator.h"

#include <wx/string.h>
#include <wx/translation.h>

namespace kartoteka::gui {
namespace {

std::string utf8_of(const wxString& s) { return std::string(s.utf8_str()); }

}  // namespace

util::Translator wx_translator() {
    return {[](const char* english) { return utf8_of(wxGetTranslation(wxString::FromUTF8(english))); },
            [](const char* singular, const char* plural, unsigned long n) {
                return utf8_of(wxGetTranslation(wxString::FromUTF8(singular), wxString::FromUTF8(plural), static_cast<unsigned>(n)));
            }};
}

}  // namespace kartoteka::gui
