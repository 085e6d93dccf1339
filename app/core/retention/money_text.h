#pragma once
/// Money as the facts on the card and the reports write it: "2,400,000.00" from minor units.
#include <cstdio>
#include <string>

#include "model/types.h"

namespace kartoteka::retention {

/// Major units with thousands separators and two decimals; negative amounts keep their sign.
inline std::string format_money(model::Money minor) {
    const bool negative = minor < 0;
    const unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(minor)
                                          : static_cast<unsigned long long>(minor);
    std::string whole = std::to_string(v / 100);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02llu", v % 100);
    return (negative ? "-" : "") + whole + "." + cents;
}

}  // namespace kartoteka::retention
