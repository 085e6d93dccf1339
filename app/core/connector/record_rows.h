#pragma once
/// One backend record after a connector's mapping (JSON Pointers for rest, columns for sql): field
/// name -> value as text (times as epoch seconds, lists joined by '\n'). Shared by every connector
/// so a field means the same whichever backend it came from; enum names are checked here, so a value
/// that maps to nothing we know is bad data rather than a silent default. Errors name the field, never
/// the value: a skipped record's reason reaches the source strip and the log (issue 14).
#include <map>
#include <optional>
#include <string>

#include "model/customer.h"
#include "model/holding.h"
#include "model/interaction.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/ticket.h"

namespace kartoteka::connector {

using Row = std::map<std::string, std::string>;

/// @throws ConnectorError{bad_data} naming the field.
model::Customer to_customer(const Row& row, const std::string& source);
model::Interaction to_interaction(const Row& row, const std::string& source);
model::Ticket to_ticket(const Row& row, const std::string& source);
model::Offer to_offer(const Row& row, const std::string& source);
/// Channel lists may be separated by newlines or commas; booleans are true/false, yes/no, 1/0 (any
/// case); quiet_from and quiet_to are HH:MM and come together; timezone must be an IANA name.
model::ContactPreferences to_preferences(const Row& row);
/// The number is masked here (privacy::mask_account_number), so no layer above sees it whole; the
/// balance is decimal text (util::parse_money) or minor units, with a three-letter currency.
model::Holding to_holding(const Row& row, const std::string& source);
/// The score must be 1..5; the channel contact, review or survey.
model::Feedback to_feedback(const Row& row, const std::string& source);

/// The boolean a field's text stands for: true/false, yes/no, y/n, t/f, on/off, 1/0 in any case
/// (databases spell it all of these ways); nullopt for anything else.
std::optional<bool> parse_flag(const std::string& text);

}  // namespace kartoteka::connector
