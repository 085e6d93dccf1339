#include "util/translit.h"

#include <array>

#include "util/text.h"

namespace kartoteka::util {
namespace {

/// Russian and Bulgarian lower-case letters а..я (U+0430..U+044F) in Latin letters. Where the two
/// languages' schemes differ (щ shch/sht, х kh/h, ъ ie/a) the folding below makes the variants meet;
/// ъ is "a" because in Bulgarian it is a vowel in many names (Кънчев, Ангъл), in Russian names rare.
constexpr std::array<std::string_view, 32> kCyrillic = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "a", "y", "", "e", "yu", "ya"};

/// Latin spellings folded to one form, longest first where one starts another. Upper-case letters
/// are the folded sounds (the input is lower case by then): S щ, Z ж, Q ч, W ш, C ц. A lone "c" is ц
/// before e, i, y (GOST 7.79 B writes ц so there) and "k" elsewhere, as in Victor, Nicolai, Cooper.
struct Rule {
    std::string_view from, to;
};
constexpr Rule kRules[] = {
    {"shch", "S"}, {"shc", "S"}, {"sch", "S"}, {"sht", "S"}, {"tch", "Q"}, {"zh", "Z"}, {"kh", "h"},
    {"ch", "Q"},   {"sh", "W"},  {"ts", "C"},  {"tz", "C"},  {"cz", "C"},  {"ce", "Ce"}, {"ci", "Ci"},
    {"cy", "Ci"},  {"c", "k"},   {"ph", "f"},  {"th", "t"},  {"x", "ks"},  {"w", "v"},   {"q", "k"},
    {"y", "i"},    {"j", "i"}};

/// Other letters' Latin spelling: Ukrainian і ї є ґ, and the háček letters of ISO 9 and GOST 7.79 A.
std::string_view other_letter(char32_t cp) {
    switch (cp) {
    case 0x456: return "i";
    case 0x457: return "yi";
    case 0x454: return "ye";
    case 0x491: return "g";
    case 0x45E: return "u";
    case 0x10C: case 0x10D: return "ch";
    case 0x160: case 0x161: return "sh";
    case 0x15C: case 0x15D: return "shch";
    case 0x17D: case 0x17E: return "zh";
    case 0x106: case 0x107: return "c";
    case 0xE1: case 0xE0: case 0xE4: case 0xE2: return "a";
    case 0xE9: case 0xE8: case 0xEB: case 0xEA: return "e";
    case 0xED: case 0xEC: case 0xEF: return "i";
    case 0xF3: case 0xF2: case 0xF6: case 0xF4: return "o";
    case 0xFA: case 0xF9: case 0xFC: return "u";
    case 0xFD: return "y";
    default: return {};
    }
}

/// Marks that stand for the soft and hard signs in BGN and GOST spellings ("Il'in", "Ol’ga"): no sound.
bool is_sign_mark(char32_t cp) { return cp == '\'' || cp == '"' || cp == '`' || cp == 0x2019 || cp == 0x2BC || cp == 0x2B9 || cp == 0x2BA; }

/// One code point from UTF-8 at `i` (advanced past it); a stray byte is returned as itself.
char32_t next_code_point(std::string_view s, std::size_t& i, std::size_t& len) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t cp = b;
    len = 1;
    if ((b >> 5) == 0x6) cp = b & 0x1F, len = 2;
    else if ((b >> 4) == 0xE) cp = b & 0x0F, len = 3;
    else if ((b >> 3) == 0x1E) cp = b & 0x07, len = 4;
    if (i + len > s.size()) len = 1, cp = b;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

/// Latin letters, digits and single spaces between words; other scripts' letters as they were.
std::string to_latin(std::string_view folded) {
    std::string out;
    for (std::size_t i = 0; i < folded.size();) {
        const std::size_t at = i;
        std::size_t len = 1;
        const char32_t cp = next_code_point(folded, i, len);
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) out += static_cast<char>(cp);
        else if (cp >= 'A' && cp <= 'Z') out += static_cast<char>(cp + 32);
        else if (cp >= 0x430 && cp <= 0x44F) out += kCyrillic[cp - 0x430];
        else if (is_sign_mark(cp)) continue;
        else if (auto latin = other_letter(cp); !latin.empty()) out += latin;
        else if (cp < 0x80) {
            if (!out.empty() && out.back() != ' ') out += ' ';  // punctuation and blanks part words
        } else {
            out.append(folded.substr(at, len));
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

void collapse_doubles(std::string& w) {
    std::string out;
    for (char c : w)
        if (out.empty() || c != out.back() || static_cast<unsigned char>(c) >= 0x80) out += c;
    w.swap(out);
}

std::string fold_word(std::string_view w) {
    std::string out;
    for (std::size_t i = 0; i < w.size();) {
        bool matched = false;
        for (const Rule& r : kRules)
            if (w.substr(i, r.from.size()) == r.from) {
                out += r.to;
                i += r.from.size();
                matched = true;
                break;
            }
        if (!matched) out += w[i++];
    }
    collapse_doubles(out);
    std::string merged;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == 'i' && i + 1 < out.size() && (out[i + 1] == 'e' || out[i + 1] == 'o')) {
            merged += 'e';
            ++i;
        } else {
            merged += out[i];
        }
    }
    collapse_doubles(merged);
    return merged;
}

}  // namespace

std::string latin_key(std::string_view utf8) {
    const std::string latin = to_latin(fold_case(utf8));
    std::string key;
    for (const std::string& word : split_words(latin)) {
        if (!key.empty()) key += ' ';
        key += fold_word(word);
    }
    return key;
}

}  // namespace kartoteka::util
