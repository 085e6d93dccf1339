#include "util/money.h"

#include <string>

namespace kartoteka::util {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(const std::string& s) {
    for (char c : s)
        if (!digit(c)) return false;
    return true;
}

/// The text with every grouping space (ASCII, U+00A0, U+202F), apostrophe and underscore as ' '.
std::string normalized(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "\xC2\xA0") { out += ' '; ++i; continue; }
        if (s.substr(i, 3) == "\xE2\x80\xAF") { out += ' '; i += 2; continue; }
        out += s[i] == '\'' || s[i] == '_' ? ' ' : s[i];
    }
    return out;
}

/// Where the decimal mark is: the last '.' or ',' when the text has only one of that character and at
/// most four digits follow it; npos when both marks are grouping ("1,234,567").
std::size_t decimal_mark(const std::string& s) {
    const auto last = s.find_last_of(".,");
    if (last == std::string::npos || s.find(s[last]) != last || s.size() - last - 1 > 4) return std::string::npos;
    return last;
}

/// The digits of a whole part grouped by thousands ("1 234", "1.234.567") or not grouped at all;
/// nullopt when a group is not three digits.
std::optional<std::string> whole_digits(const std::string& whole) {
    std::string out, group;
    int groups = 0;
    auto close = [&]() -> bool {
        if (groups > 0 ? group.size() != 3 : (group.empty() || group.size() > 3)) return false;
        out += group;
        group.clear();
        ++groups;
        return true;
    };
    for (char c : whole) {
        if (digit(c)) group += c;
        else if (c == ' ' || c == '.' || c == ',') { if (!close()) return std::nullopt; }
        else return std::nullopt;
    }
    if (groups == 0) return group;  // no grouping at all
    if (!close()) return std::nullopt;
    return out;
}

}  // namespace

std::optional<model::Money> parse_money(std::string_view text) {
    std::string s = normalized(text);
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.erase(0, 1);
    }
    const auto mark = decimal_mark(s);
    std::string fraction = mark == std::string::npos ? "" : s.substr(mark + 1);
    const auto whole = whole_digits(s.substr(0, mark));
    if (!whole || !all_digits(fraction) || (whole->empty() && fraction.empty())) return std::nullopt;
    // "1.234" or "1,234" alone: a thousand in one notation, one and a bit in the other; refused.
    if (fraction.size() == 3 && !whole->empty() && whole->size() <= 3 && *whole != "0" &&
        s.find_first_of(" .,") == mark)
        return std::nullopt;
    while (fraction.size() > 2) {
        if (fraction.back() != '0') return std::nullopt;  // a third decimal that is not zero: not money
        fraction.pop_back();
    }
    fraction.resize(2, '0');
    const std::string digits = (whole->empty() ? "0" : *whole) + fraction;
    if (digits.size() > 18) return std::nullopt;  // beyond int64 minor units
    const model::Money v = std::stoll(digits);
    return negative ? -v : v;
}

std::string decimal_text(model::Money minor) {
    const bool negative = minor < 0;
    const unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(minor) : static_cast<unsigned long long>(minor);
    const std::string cents = std::to_string(v % 100);
    return (negative ? "-" : "") + std::to_string(v / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

}  // namespace kartoteka::util

namespace kartoteka::util {

std::string grouped_money(model::Money minor, char decimal, std::string_view group) {
    const bool negative = minor < 0;
    const unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(minor) : static_cast<unsigned long long>(minor);
    const std::string digits = std::to_string(v / 100);
    std::string out = negative ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += group;
        out += digits[i];
    }
    const std::string cents = std::to_string(v % 100);
    return out + decimal + (cents.size() < 2 ? "0" : "") + cents;
}

}  // namespace kartoteka::util
