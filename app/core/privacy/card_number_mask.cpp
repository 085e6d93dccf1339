#include "privacy/card_number_mask.h"

namespace kartoteka::privacy {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == ' ' || c == '-'; }

}  // namespace

bool luhn_valid(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return !digits.empty() && sum % 10 == 0;
}

std::string mask_card_numbers(std::string_view text) {
    std::string out(text);
    std::size_t i = 0;
    while (i < out.size()) {
        if (!is_digit(out[i]) || (i > 0 && is_digit(out[i - 1]))) {
            ++i;
            continue;
        }
        // A run of digits with single separators between them.
        std::size_t end = i;
        std::string digits;
        while (end < out.size()) {
            if (is_digit(out[end])) {
                digits += out[end++];
            } else if (is_separator(out[end]) && end + 1 < out.size() && is_digit(out[end + 1]) && digits.size() < 19) {
                ++end;
            } else {
                break;
            }
        }
        if (digits.size() >= 13 && digits.size() <= 19 && luhn_valid(digits)) {
            std::size_t seen = 0;
            for (std::size_t k = i; k < end; ++k)
                if (is_digit(out[k]) && ++seen <= digits.size() - 4) out[k] = '*';
        }
        i = end;
    }
    return out;
}

}  // namespace kartoteka::privacy
