#pragma once
/// Payment card numbers must never be shown or exported in clear (PCI DSS): agents paste them into
/// summaries, customers dictate them into complaint texts. Anything that looks like a card number (13-19
/// digits, spaces or dashes between groups allowed, passing the Luhn check) is masked to its last four.
#include <string>
#include <string_view>

namespace kartoteka::privacy {

/// "paid with 4111 1111 1111 1111 yesterday" -> "paid with **** **** **** 1111 yesterday".
/// Digit runs that fail the Luhn check (phone numbers, order ids) are left alone.
std::string mask_card_numbers(std::string_view text);

/// True when the digits (no separators) pass the Luhn check.
bool luhn_valid(std::string_view digits);

}  // namespace kartoteka::privacy
