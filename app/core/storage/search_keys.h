#pragma once
/// The search keys kept beside a customer's phones, e-mails and names (migration 13): what the search
/// box's "last digits", "e-mail's local part" and "Latin spelling" readings look up by index.
#include <soci/soci.h>

#include <string>

#include "storage/database.h"

namespace kartoteka::storage {

/// "+79163691154" -> "45119636197": the digits reversed, so a number's ending is a prefix.
std::string phone_digits_rev(const std::string& e164);
/// "ivanov@example.ru" -> "ivanov"; "" for text without an "@".
std::string email_local_part(const std::string& email);

/// What a migration needs the program for after its SQL ran (in the same transaction): migration 13's
/// Latin keys for the names already stored, computed by util::latin_key as every write does.
void run_migration_code(int version, soci::session& s, Dialect dialect);

}  // namespace kartoteka::storage
