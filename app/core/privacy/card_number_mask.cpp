#include "privacy/card_number_mask.h"

#include <vector>

namespace kartoteka::privacy {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr int kMaxSeparators = 4;  ///< between two digits: "\r\n", " - ", two spaces, a dash in spaces
constexpr std::size_t kMinDigits = 13, kMaxDigits = 19;

/// One code point of the text and where it came from.
struct CodePoint {
    char32_t cp;
    std::size_t begin, size;  ///< bytes in the original text; size 0 marks a replaced invalid byte
};

/// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF); a bad byte is one U+FFFD.
std::vector<CodePoint> decode(std::string_view s) {
    std::vector<CodePoint> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t cp = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
        bool ok = n > 0 && i + n <= s.size();
        for (int k = 1; ok && k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            ok = (c & 0xC0) == 0x80;
            cp = (cp << 6) | (c & 0x3F);
        }
        static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && cp >= kMin[n] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (ok) {
            out.push_back({cp, i, static_cast<std::size_t>(n)});
            i += n;
        } else {
            out.push_back({kReplacement, i, 0});
            ++i;
        }
    }
    return out;
}

/// The digit's value, or -1: the decimal digits listed in the header.
int digit_value(char32_t c) {
    for (char32_t zero : {U'0', U'\u0660', U'\u06F0', U'\u0966', U'\uFF10'})
        if (c >= zero && c <= zero + 9) return static_cast<int>(c - zero);
    if (c >= 0x1D7CE && c <= 0x1D7FF) return static_cast<int>((c - 0x1D7CE) % 10);
    return -1;
}

bool is_separator(char32_t c) {
    switch (c) {
        case U' ': case U'\t': case U'\n': case U'\r': case U'.': case U'-': case U'/': case U'_':
        case 0x00A0: case 0x00AD: case 0x2007: case 0x2009: case 0x202F: case 0x3000: case 0x2212:
        case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        case 0xFF0D: case 0xFF0E: case 0xFF0F: case 0xFF3F:
            return true;
        default:
            return c >= 0x2010 && c <= 0x2014;
    }
}

/// ISO 13616 registry: each country's IBANs have one length. A string of the right shape and check
/// digits but the wrong length (or from a country not listed) is not taken for an IBAN, so a card
/// number behind two capitals that happens to pass modulo 97 is still masked.
int iban_length(std::string_view country) {
    static constexpr struct { const char* code; int length; } kLengths[] = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
        {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28},
        {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
        {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
        {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
        {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18},
        {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33},
        {"SA", 24}, {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23},
        {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}};
    for (const auto& c : kLengths)
        if (country == c.code) return c.length;
    return 0;
}

bool is_ascii_upper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool is_ascii_alnum(char32_t c) { return is_ascii_upper(c) || (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9'); }

/// Digits with no separator between them.
struct Group {
    std::size_t first, last;  ///< code point indexes of the group's first and last digit
    std::string digits;       ///< their values as ASCII digits, for Luhn
};

/// The digit groups of the run starting at `i` (a digit that follows no digit), and where the run ends.
std::vector<Group> collect_run(const std::vector<CodePoint>& cps, std::size_t& i) {
    std::vector<Group> groups;
    while (i < cps.size() && digit_value(cps[i].cp) >= 0) {
        Group g{i, i, {}};
        for (; i < cps.size(); ++i) {
            const int d = digit_value(cps[i].cp);
            if (d < 0) break;
            g.digits += static_cast<char>('0' + d);
            g.last = i;
        }
        groups.push_back(std::move(g));
        std::size_t j = i;
        int separators = 0;
        while (j < cps.size() && separators < kMaxSeparators && is_separator(cps[j].cp)) ++j, ++separators;
        if (j < cps.size() && j > i && digit_value(cps[j].cp) >= 0) i = j;  // the run goes on
    }
    return groups;
}

/// Marks every digit but the last four of each window of whole groups that holds a card number. The
/// union of windows: when two overlap, a digit one window would show is still hidden by the other.
void mark_run(const std::vector<CodePoint>& cps, const std::vector<Group>& groups, std::vector<bool>& hide) {
    for (std::size_t s = 0; s < groups.size(); ++s) {
        std::string digits;
        for (std::size_t e = s; e < groups.size() && digits.size() + groups[e].digits.size() <= kMaxDigits; ++e) {
            digits += groups[e].digits;
            if (digits.size() < kMinDigits || !luhn_valid(digits)) continue;
            std::size_t to_hide = digits.size() - 4;
            for (std::size_t k = groups[s].first; to_hide > 0 && k <= groups[e].last; ++k)
                if (digit_value(cps[k].cp) >= 0) hide[k] = true, --to_hide;
        }
    }
}

/// Where an IBAN starting at `i` ends (one past its last code point), or `i` when none starts there.
std::size_t iban_end(const std::vector<CodePoint>& cps, std::size_t i) {
    if (i + 3 >= cps.size() || (i > 0 && (is_ascii_alnum(cps[i - 1].cp) || digit_value(cps[i - 1].cp) >= 0)))
        return i;
    if (!is_ascii_upper(cps[i].cp) || !is_ascii_upper(cps[i + 1].cp)) return i;
    for (std::size_t k = i + 2; k < i + 4; ++k)
        if (cps[k].cp < U'0' || cps[k].cp > U'9') return i;
    // Letters and digits, single spaces between groups; the longest prefix ending a group that checks.
    std::string text;
    std::size_t found = i, k = i;
    for (int chars = 0; k < cps.size() && chars < 34;) {
        if (is_ascii_alnum(cps[k].cp)) {
            text += static_cast<char>(cps[k].cp);
            ++chars, ++k;
            const bool group_ends = k == cps.size() || !is_ascii_alnum(cps[k].cp);
            if (group_ends && iban_valid(text)) found = k;
        } else if (cps[k].cp == U' ' && k + 1 < cps.size() && is_ascii_alnum(cps[k + 1].cp)) {
            text += ' ';
            ++k;
        } else {
            break;
        }
    }
    return found;
}

}  // namespace

bool luhn_valid(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') return false;
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return !digits.empty() && sum % 10 == 0;
}

bool iban_valid(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (c == ' ') continue;
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
        s += c;
    }
    if (s.size() < 15 || s.size() > 34 || !(s[0] >= 'A' && s[1] >= 'A') || s[2] > '9' || s[3] > '9') return false;
    if (static_cast<std::size_t>(iban_length(std::string_view(s).substr(0, 2))) != s.size()) return false;
    // ISO 7064 MOD 97-10: the first four characters moved to the end, letters as 10..35.
    int rest = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
        const char c = s[(k + 4) % s.size()];
        if (c <= '9') {
            rest = (rest * 10 + (c - '0')) % 97;
        } else {
            rest = (rest * 100 + (c - 'A' + 10)) % 97;
        }
    }
    return rest == 1;
}

std::string mask_card_numbers(std::string_view text) {
    const std::vector<CodePoint> cps = decode(text);
    std::vector<bool> hide(cps.size(), false);
    for (std::size_t i = 0; i < cps.size();) {
        if (const std::size_t end = iban_end(cps, i); end > i) {
            i = end;
        } else if (digit_value(cps[i].cp) >= 0) {
            const std::vector<Group> groups = collect_run(cps, i);
            mark_run(cps, groups, hide);
        } else {
            ++i;
        }
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t k = 0; k < cps.size(); ++k) {
        if (hide[k]) {
            out += '*';
        } else if (cps[k].size == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD, kReplacement in UTF-8: the only code point written anew
        } else {
            out.append(text.substr(cps[k].begin, cps[k].size));
        }
    }
    return out;
}

}  // namespace kartoteka::privacy
