#pragma once
/// Account, card and contract numbers of a customer's holdings (issue 20) are shown masked, always:
/// unlike free text, where only what passes for a payment card is masked (card_number_mask.h), a field
/// that *is* a number is masked whatever its shape, because an account number or an IBAN opens the
/// account to social engineering as much as a card number does. The rule is PCI DSS 3.4.1's for a card
/// (at most the first six and last four shown) made stricter: only the last four letters or digits stay,
/// and never more than half of them, so a short contract number is not shown whole.
#include <string>
#include <string_view>

namespace kartoteka::privacy {

/// "40817810099910004312" -> "****************4312"; "4111 1111 1111 1111" -> "**** **** **** 1111";
/// "AB-12" -> "**-12" (four characters: only half shown). ASCII punctuation and spaces stay as they
/// are; a non-ASCII character (a Cyrillic letter of a contract number) counts as one masked character.
std::string mask_account_number(std::string_view number);

}  // namespace kartoteka::privacy
