#include "privacy/account_number_mask.h"

#include <cctype>
#include <vector>

namespace kartoteka::privacy {
namespace {

/// A character of the number: its bytes, and whether it is a separator kept as it is.
struct Piece {
    std::string_view bytes;
    bool separator = false;
};

std::vector<Piece> pieces(std::string_view s) {
    std::vector<Piece> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 1;
        if (c >= 0x80)  // a UTF-8 lead byte and its continuation bytes are one character
            while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
        // An '*' is a character masked before: it counts, so masking a masked number changes nothing.
        out.push_back({s.substr(i, n), c < 0x80 && !std::isalnum(c) && c != '*'});
        i += n;
    }
    return out;
}

}  // namespace

std::string mask_account_number(std::string_view number) {
    const auto all = pieces(number);
    std::size_t significant = 0;
    for (const auto& p : all) significant += p.separator ? 0 : 1;
    const std::size_t shown = std::min<std::size_t>(4, significant / 2);
    std::string out;
    std::size_t seen = 0;
    for (const auto& p : all) {
        if (p.separator) {
            out += p.bytes;
            continue;
        }
        ++seen;
        // A masked multi-byte character becomes one '*', so the mask keeps the number's length.
        if (seen > significant - shown) out += p.bytes;
        else out += '*';
    }
    return out;
}

}  // namespace kartoteka::privacy
