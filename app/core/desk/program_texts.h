#pragma once
/// Sentences the program stores as plain text (a complaint subject it raised) in their one English form,
/// so each window shows them through its catalogue; and the older forms earlier versions stored, read
/// back as today's so rows written then are translated too.
#include <string>

#include "model/enums.h"

namespace kartoteka::desk {

/// The subject of the complaint a planned contact raised: one fixed sentence per contact type.
const char* raised_in(model::ContactType type) noexcept;

/// Today's form of a text the program stored: an older version's "Raised in a service_call contact"
/// (the contact type's data name inside an English sentence, untranslatable) becomes "Raised in a service
/// call"; any other text, an agent's own words included, is returned as it is.
std::string current_form(const std::string& stored);

}  // namespace kartoteka::desk
