#pragma once
/// The presenters' translator backed by wx's gettext catalogues: one string through wxGetTranslation,
/// a counted one through its plural form for the catalogue's Plural-Forms rule. wx base only, so a
/// test renders plurals from the built catalogues without a display.
#include "util/message.h"

namespace kartoteka::gui {

/// Translates through the catalogues of the current wxTranslations (see main.cpp's language set-up).
util::Translator wx_translator();

}  // namespace kartoteka::gui
