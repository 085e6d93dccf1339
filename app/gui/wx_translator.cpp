#include "wx_translator.h"

#include <wx/intl.h>
#include <wx/string.h>
#include <wx/translation.h>

#include "util/money.h"

namespace kartoteka::gui {
namespace {

std::string utf8_of(const wxString& s) { return std::string(s.utf8_str()); }

/// The decimal sign of the catalogue's language: Russian and Bulgarian write "4 742,46".
char decimal_sign() {
    auto* t = wxTranslations::Get();
    const std::string best = t ? utf8_of(t->GetBestTranslation("kartoteka", wxLANGUAGE_ENGLISH_US)) : std::string();
    const std::string lang = best.substr(0, 2);
    return lang == "ru" || lang == "bg" ? ',' : '.';
}

}  // namespace

std::string money_text(long long minor, const std::string& currency) {
    // Grouped by a narrow no-break space as the card's header groups, the code after the amount.
    const std::string amount = util::grouped_money(minor, decimal_sign(), "\u202F");
    return currency.empty() ? amount : amount + " " + currency;
}

util::Translator wx_translator() {
    return {[](const char* english) { return utf8_of(wxGetTranslation(wxString::FromUTF8(english))); },
            [](const char* singular, const char* plural, unsigned long n) {
                return utf8_of(wxGetTranslation(wxString::FromUTF8(singular), wxString::FromUTF8(plural), static_cast<unsigned>(n)));
            },
            money_text};
}

}  // namespace kartoteka::gui
