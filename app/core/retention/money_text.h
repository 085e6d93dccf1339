#pragma once
/// Money as the facts on the card and the reports write it: "2,400,000.00" from minor units.
#include <string>

#include "model/types.h"
#include "util/money.h"

namespace kartoteka::retention {

/// Major units with thousands separators and two decimals; negative amounts keep their sign.
inline std::string format_money(model::Money minor) { return util::grouped_money(minor, '.', ","); }

}  // namespace kartoteka::retention
