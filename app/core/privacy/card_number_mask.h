#pragma once
/// The one masking rule for payment card numbers (PCI DSS v4.0 requirement 3.4.1: a primary account
/// number is shown with at most its first six and last four digits). Agents paste card numbers into
/// summaries, customers dictate them into complaint texts, backends send them back in notes; every piece
/// of free text that leaves the store (the card, kartoteka-cli's text and JSON, the window, error
/// messages, the log, write-backs to backends) goes through mask_card_numbers first. We show the last
/// four only: stricter than the standard allows, and all an agent needs to tell two cards apart.
///
/// What counts as a card number: 13 to 19 decimal digits passing the Luhn check (ISO/IEC 7812), in any
/// grouping people and keyboards produce. Between two digits up to four separators from this set:
/// space, tab, line break (LF, CR), '.', '-', '/', '_', no-break space (U+00A0), figure, thin and narrow
/// no-break spaces (U+2007, U+2009, U+202F), ideographic space (U+3000), the Unicode hyphens and dashes
/// U+2010..U+2014 and minus U+2212, full-width '-', '.', '/', '_' (U+FF0D, U+FF0E, U+FF0F, U+FF3F), and the
/// invisible ones someone may paste or insert on purpose (soft hyphen U+00AD, zero-width space, joiners,
/// word joiner, U+FEFF). Digits are ASCII, full-width (U+FF10..U+FF19: Japanese and Chinese input
/// methods), Arabic-Indic and Extended Arabic-Indic (U+0660.., U+06F0..: phones set to Arabic or
/// Persian), Devanagari (U+0966..) and the mathematical alphanumeric digits (U+1D7CE..U+1D7FF, the
/// "bold" digits used to slip past filters).
///
/// A run of digit groups is searched for every window of whole groups holding 13-19 digits that passes
/// Luhn, so a card number followed by its expiry ("4111 1111 1111 1111 12/26") or preceded by a short
/// number is still caught; a single unbroken digit string longer than 19 digits is an identifier, not a
/// card, and stays. Masked digits become '*', whatever script they were in; the separators, the last
/// four digits and all other text stay as they were.
///
/// IBANs (ISO 13616: a country's two letters, two check digits, letters and digits to the length that
/// country registered, valid modulo 97) are not
/// payment card numbers and are left whole: an account number is what a customer gives to be paid back,
/// and masking a 16-digit stretch of it at random (one window in ten passes Luhn) would corrupt it. A
/// string shaped like an IBAN that fails the modulo-97 check is read like any other text.
///
/// The result is always valid UTF-8: bytes that are not (a truncated field, a backend's Latin-1) become
/// U+FFFD, so the masked text can go into JSON and the log as it is.
#include <string>
#include <string_view>

namespace kartoteka::privacy {

/// "paid with 4111 1111 1111 1111 yesterday" -> "paid with **** **** **** 1111 yesterday".
/// Digit runs that fail the Luhn check (phone numbers, order ids, dates) are left alone.
std::string mask_card_numbers(std::string_view text);

/// True when the ASCII digits (no separators) pass the Luhn check.
bool luhn_valid(std::string_view digits);

/// True when `text` (letters and digits, spaces between groups allowed) is an IBAN of its country's
/// registered length whose check digits are right (ISO 13616 / ISO 7064 MOD 97-10), e.g.
/// "DE89 3704 0044 0532 0130 00".
bool iban_valid(std::string_view text);

}  // namespace kartoteka::privacy
