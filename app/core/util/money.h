#pragma once
/// The one parser for money that comes from outside (a backend's balance, a configured amount): decimal
/// text to minor units, exactly, never through a double ("0.1 + 0.2" is not a balance).
#include <optional>
#include <string>
#include <string_view>

#include "model/types.h"

namespace kartoteka::util {

/// "1234.56", "-12.5", "1 234,56", "1,234.56", "1'234.56", "+7" -> minor units (123456, -1250, ...).
/// One decimal mark ('.' or ','), at most two decimals (more only when the extra ones are zeros, as a
/// database's NUMERIC(18,4) prints them); thousands grouped by threes with spaces, no-break spaces,
/// apostrophes, underscores, or the other mark of the two. nullopt for anything else ("1,234" alone is
/// a thousand or one and a bit, depending on the country: refused), and for amounts beyond what minor
/// units in 64 bits hold.
std::optional<model::Money> parse_money(std::string_view text);

/// Minor units as plain decimal text, the inverse of parse_money: 123456 -> "1234.56", -5 -> "-0.05".
std::string decimal_text(model::Money minor);

/// Minor units as people read them: thousands in `group`s of three, `decimal` before the two decimals,
/// the sign kept (-5 -> "-0.05"). English "1,234.56"; Russian and Bulgarian "1 234,56".
std::string grouped_money(model::Money minor, char decimal, std::string_view group);

}  // namespace kartoteka::util
