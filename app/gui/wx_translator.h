#pragma once
/// The presenters' translator backed by wx's gettext catalogues: one string through wxGetTranslation,
/// a counted one through its plural form for the catalogue's Plural-Forms rule. wx base only, so a
/// test renders plurals from the built catalogues without a display.
#include "util/message.h"

namespace kartoteka::gui {

/// Translates through the catalogues of the current wxTranslations (see main.cpp's language set-up).
/// Money comes with the language too (util::Translator::money: money_text).
util::Translator wx_translator();

/// Money as the catalogue's language writes it: "22 217,10 EUR" in ru and bg, "22 217.10 EUR" in English.
std::string money_text(long long minor, const std::string& currency);

}  // namespace kartoteka::gui
