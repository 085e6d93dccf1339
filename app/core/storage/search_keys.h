#pragma once
/// The search keys kept beside a customer's phones, e-mails and names (migration 13): what the search
/// box's "last digits", "e-mail's local part" and "Latin spelling" readings look up by index.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "storage/database.h"

namespace kartoteka::storage {

/// "+79163691154" -> "45119636197": the digits reversed, so a number's ending is a prefix.
std::string phone_digits_rev(const std::string& e164);
/// "ivanov@example.ru" -> "ivanov"; "" for text without an "@".
std::string email_local_part(const std::string& email);

/// The ISO 4217 currency of the country of a customer's primary phone (the first of `phones`, E.164), as
/// the card tells it (card::currency_of_region); "" without a phone or for a country not listed.
std::string country_currency(const std::vector<std::string>& phones);

/// What a migration needs the program for after its SQL ran (in the same transaction): migration 13's
/// Latin keys for the names already stored, computed by util::latin_key as every write does; migration
/// 18's country currency of each customer without orders, computed by country_currency.
void run_migration_code(int version, soci::session& s, Dialect dialect);

}  // namespace kartoteka::storage
