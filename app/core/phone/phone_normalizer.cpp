#include "phone/phone_normalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <list>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <unordered_map>

#include "util/text.h"

namespace kartoteka::phone {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t max_input = 512;        ///< a From header with a long display name still fits
constexpr std::size_t max_number = 64;        ///< the number part: E.164 has 15 digits, notations add punctuation
constexpr std::size_t max_ambiguous_ext = 9;  ///< digits after "#", "x", ",", ";" (libphonenumber's bound)
constexpr std::size_t max_labelled_ext = 15;  ///< digits after "ext.", "доб." and the other words

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// `c` is one of `set` (never true for NUL, unlike strchr).
bool one_of(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

bool is_blank(char c) { return one_of(" \t\r\n\f\v", c); }

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// `prefix` in lower case, compared with ASCII case folding.
bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower_ascii(s[i]) != prefix[i]) return false;
    return true;
}

bool equals_ci(std::string_view s, std::string_view lower) { return s.size() == lower.size() && starts_with_ci(s, lower); }

/// Blanks around a caller id: ASCII white space and the no-break space (U+00A0) that office suites paste.
std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
        else if (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
        else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') s.remove_prefix(2);
        else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') s.remove_suffix(2);
        else return s;
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = lower_ascii(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/// One round of RFC 3986 percent-decoding into `out` ("+" stays "+": only HTML forms make it a space).
/// A "%" not followed by two hex digits is kept as it is. False when there was nothing to decode.
bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    bool changed = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
            i += 2;
            changed = true;
        } else {
            out += in[i];
        }
    }
    return changed;
}

/// What PBXs, carriers and softphones put where the number would be when the caller withheld it
/// (Asterisk "<unknown>"/"Unavailable", RFC 3323 "Anonymous", carriers' "Restricted"/"Private", Russian
/// and Bulgarian handsets' "Скрытый номер"/"Скрит номер").
bool is_withheld_word(std::string_view s) {
    s = trim(s);
    while (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '<' && s.back() == '>')))
        s = trim(s.substr(1, s.size() - 2));
    if (s.empty()) return true;
    // No such word has a digit, and numbers are what this mostly sees: no folding (an allocation) for them.
    if (s.size() > 40 || std::any_of(s.begin(), s.end(), is_digit)) return false;
    static constexpr std::string_view words[] = {
        "anonymous", "restricted", "unavailable", "unknown", "private", "withheld", "private number",
        "number withheld", "unknown number", "скрытый номер", "номер скрыт", "скрытый", "неизвестный номер",
        "неизвестный", "аноним", "скрит номер", "скрит", "непознат номер", "непознат", "анонимен"};
    const std::string folded = util::fold_case(s);
    return std::find(std::begin(words), std::end(words), folded) != std::end(words);
}

/// Phone punctuation inside a number: the visual separators of RFC 3966 and of people ("/", spaces),
/// and the no-break space. `i` is advanced past a two-byte no-break space.
bool is_phone_punctuation(std::string_view s, std::size_t& i) {
    if (one_of(" \t-.()/[]", s[i])) return true;
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return ++i, true;
    return false;
}

enum class ExtensionSplit { none, split, not_extension, too_long };

/// An extension written after the number: the first character after a digit that is neither a digit nor
/// phone punctuation starts it when it is a marker (optionally after commas) followed by digits only.
/// `head` is the number before it; `extension` its digits (empty after a bare marker: "... доб.").
/// Anything else after the number is `not_extension`, left whole to libphonenumber, which drops what it
/// reads as an extension itself; digits never carry over from the tail into the number.
ExtensionSplit split_extension(std::string_view number, std::string_view& head, std::string& extension) {
    std::size_t i = 0;
    bool digit = false;
    for (; i < number.size(); ++i) {
        if (is_digit(number[i])) digit = true;
        else if (!(number[i] == '+' && !digit) && !is_phone_punctuation(number, i)) break;
    }
    if (!digit || i >= number.size()) return ExtensionSplit::none;
    head = number.substr(0, i);
    const std::string tail_folded = util::fold_case(number.substr(i));
    std::string_view tail = tail_folded;
    bool commas = false;
    for (; !tail.empty() && one_of(", ", tail.front()); tail.remove_prefix(1)) commas |= tail.front() == ',';
    // Longer words first: "внутр" before "вн", "extension" before "ext".
    static constexpr std::string_view labels[] = {"extension", "ext", "добавочный", "доб", "доп", "внутренний",
                                                  "внутр", "вн", "вътрешен", "вътр", "вт"};
    std::size_t limit = max_ambiguous_ext;
    bool marker = commas;
    if (!tail.empty() && (tail.front() == '#' || tail.front() == '~' || tail.front() == 'x')) {
        tail.remove_prefix(1);
        marker = true;
    } else {
        for (auto label : labels) {
            if (tail.substr(0, label.size()) != label) continue;
            const std::string_view after = tail.substr(label.size());
            if (!after.empty() && static_cast<unsigned char>(after.front()) >= 0x80) continue;  // a longer word
            if (!after.empty() && std::isalpha(static_cast<unsigned char>(after.front()))) continue;
            tail = after;
            marker = true;
            limit = max_labelled_ext;
            break;
        }
    }
    if (!marker) return ExtensionSplit::not_extension;
    while (!tail.empty() && one_of(" .:=", tail.front())) tail.remove_prefix(1);
    if (tail.substr(0, 3) == "\xE2\x84\x96") tail.remove_prefix(3);  // "№"
    tail = trim(tail);
    if (!std::all_of(tail.begin(), tail.end(), is_digit)) return ExtensionSplit::not_extension;
    if (tail.size() > limit) return ExtensionSplit::too_long;
    extension.assign(tail);
    while (!head.empty()) {  // the comma or blank before the marker is no part of the number
        std::size_t last = head.size() - 1;
        if (head.back() == ',' || (is_phone_punctuation(head, last) && head.back() != ')')) head.remove_suffix(1);
        else break;
    }
    return ExtensionSplit::split;
}

}  // namespace

std::string mask_caller_id(std::string_view text) {
    constexpr std::size_t shown = 48;
    const std::string_view part = text.substr(0, shown);
    const auto digits = static_cast<std::size_t>(std::count_if(part.begin(), part.end(), is_digit));
    const std::size_t head = digits >= 9 ? 3 : 0;  // a country code, but not most of a short number
    std::string out;
    std::size_t seen = 0;
    for (char c : part) {
        if (is_digit(c)) {
            ++seen;
            out += seen <= head || seen + 2 > digits ? c : '*';
        } else {
            out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;  // no line breaks into a log
        }
    }
    if (text.size() > shown) out += "...";
    return out;
}

/// Per-normalizer state of the fast path: the region's dialling rules and the validity cache.
struct PhoneNormalizer::FastPath {
    int country_code = 0;
    std::string ndd;                    ///< national (trunk) prefix: "8" in Russia, "0" in Bulgaria and the UK
    std::array<bool, 1000> calling_codes{};  ///< which 1-3 digit numbers are country calling codes
    mutable std::shared_mutex mutex;
    mutable std::unordered_map<std::uint64_t, bool> valid;  ///< (cc, leading digits, length) -> valid
    static constexpr std::size_t max_entries = 2'000'000;   ///< bounded memory; past it, no caching
};

PhoneNormalizer::PhoneNormalizer(std::string default_region, std::vector<std::string> other_regions)
    : m_region(std::move(default_region)), m_other_regions(std::move(other_regions)),
      m_fast(std::make_unique<FastPath>()) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    m_fast->country_code = util.GetCountryCodeForRegion(m_region);
    util.GetNddPrefixForRegion(m_region, true, &m_fast->ndd);
    std::set<int> codes;
    util.GetSupportedCallingCodes(&codes);
    for (int c : codes)
        if (c > 0 && c < 1000) m_fast->calling_codes[static_cast<std::size_t>(c)] = true;
}

PhoneNormalizer::~PhoneNormalizer() = default;

bool PhoneNormalizer::looks_like_phone(std::string_view text) {
    int digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') ++digits;
        else if (!one_of(" +-().\t/", c)) return false;
    }
    return digits >= 5;
}

std::optional<std::string> PhoneNormalizer::normalize(std::string_view text) const {
    CallerId id = read(text, true);
    if (!id.is_number()) return std::nullopt;
    return std::move(id.e164);
}

CallerId PhoneNormalizer::parse(std::string_view text) const { return read(text, true); }

std::optional<std::string> PhoneNormalizer::normalize_slow(std::string_view text) const {
    CallerId id = read(text, false);
    if (!id.is_number()) return std::nullopt;
    return std::move(id.e164);
}

namespace {

CallerId invalid(const char* why) {
    CallerId id;
    id.why = why;
    return id;
}

CallerId withheld() {
    CallerId id;
    id.kind = CallerId::Kind::withheld;
    id.why = "the caller's number is withheld";
    return id;
}

bool has_phone_scheme(std::string_view s) {
    for (std::string_view scheme : {"tel:", "sip:", "sips:", "callto:"})
        if (starts_with_ci(s, scheme)) return true;
    return false;
}

/// The number part of a tel:, sip:, sips: or callto: URI (the text itself when it is none). `host` is the
/// SIP host, to recognise RFC 3323's anonymous.invalid.
std::string_view uri_number(std::string_view s, std::string_view& host) {
    for (std::string_view scheme : {"tel:", "sip:", "sips:", "callto:"}) {
        if (!starts_with_ci(s, scheme)) continue;
        s.remove_prefix(scheme.size());
        while (!s.empty() && s.front() == '/') s.remove_prefix(1);  // callto://, tel:// and tel:/// links
        s = s.substr(0, s.find('?'));                                 // URI headers
        if (scheme[0] == 's') {
            // RFC 3261 userinfo: user[:password]@host[:port];uri-params. With user=phone the user part
            // carries the tel: parameters (";ext=") itself, before the "@".
            if (const auto at = s.find('@'); at != std::string_view::npos) {
                host = s.substr(at + 1);
                host = host.substr(0, host.find_first_of(":;"));
                s = s.substr(0, at);
            } else {
                s = s.substr(0, s.find(';'));  // "sip:+7...;user=phone" without a host: URI parameters
            }
            s = s.substr(0, s.find(':'));  // a password, or the port of a host-only URI
        }
        return trim(s);
    }
    return s;
}

/// The text a caller id's number is in: percent-decoded (into `decoded`) and taken out of a name-addr
/// ("Ivan" <sip:+7...@pbx>;tag=..., as in From or P-Asserted-Identity; the first one counts). Angle
/// brackets around anything but a URI or a withheld word are left to the number reader. Null on error.
const char* unwrap(std::string_view& s, std::string& decoded) {
    // Percent-encoding anywhere, in the number or around it (a help desk's "tel:///%2B7...", a softphone's
    // "sip:%2B7...@pbx"); twice at most, for links encoded twice ("%252B").
    std::string scratch;
    for (int round = 0; round < 2 && s.find('%') != std::string_view::npos; ++round) {
        if (!percent_decode(s, scratch)) break;
        decoded.swap(scratch);
        s = trim(decoded);
    }
    const auto lt = s.find('<');
    if (lt == std::string_view::npos) return nullptr;
    const auto gt = s.find('>', lt + 1);
    const std::string_view inner = trim(s.substr(lt + 1, gt == std::string_view::npos ? gt : gt - lt - 1));
    if (!has_phone_scheme(inner) && !is_withheld_word(inner)) return nullptr;
    if (gt == std::string_view::npos) return "a '<' without its '>'";
    s = inner;
    return nullptr;
}

/// RFC 3966 parameters after the number: ";ext=", ";phone-context=", ";isub=" and others (ignored); a bare
/// ";100" is an extension as dialers write it. `number` is cut before them. Null, or what is wrong.
const char* read_parameters(std::string_view& number, std::string& extension, std::string_view& context) {
    const auto semi = number.find(';');
    if (semi == std::string_view::npos) return nullptr;
    std::string_view params = number.substr(semi + 1);
    number = trim(number.substr(0, semi));
    while (!params.empty()) {
        const auto end = params.find(';');
        const std::string_view param = params.substr(0, end);
        params = end == std::string_view::npos ? std::string_view{} : params.substr(end + 1);
        const auto eq = param.find('=');
        const std::string_view name = trim(param.substr(0, eq));
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : trim(param.substr(eq + 1));
        if (eq == std::string_view::npos && !name.empty()) {
            if (!std::all_of(name.begin(), name.end(), is_digit)) return "the text after ';' is no extension";
            if (name.size() > max_ambiguous_ext) return "the extension is too long";
            extension.assign(name);
        } else if (equals_ci(name, "ext")) {
            if (value.empty() || !std::all_of(value.begin(), value.end(), is_digit) || value.size() > max_labelled_ext)
                return "the ;ext= parameter is no extension";
            extension.assign(value);
        } else if (equals_ci(name, "phone-context")) {
            context = value;
        }
    }
    return nullptr;
}

/// Everything around the number: percent-encoding, a name-addr, a URI, RFC 3966 parameters, withheld words
/// and a written extension. `number` is narrowed to the number itself (its text may move into `decoded`).
/// An answer when the notation alone decides (withheld, or invalid and why), else nullopt.
std::optional<CallerId> read_notation(std::string_view& number, std::string& decoded, std::string& extension,
                                      std::string_view& context) {
    if (const char* why = unwrap(number, decoded)) return invalid(why);
    std::string_view host;
    number = uri_number(number, host);
    if (equals_ci(host, "anonymous.invalid")) return withheld();  // RFC 3323 section 4.1.1.3
    if (number.size() > max_number) return invalid("too long for a phone number");
    if (const char* why = read_parameters(number, extension, context)) return invalid(why);
    if (is_withheld_word(number)) return withheld();
    if (extension.empty()) {
        std::string_view head;
        switch (split_extension(number, head, extension)) {
        case ExtensionSplit::split: number = head; break;
        case ExtensionSplit::too_long: return invalid("the extension is too long");
        case ExtensionSplit::none:
        case ExtensionSplit::not_extension: break;
        }
    }
    return std::nullopt;
}

/// Digits, "+" and the visual separators only: the fast path's own alphabet.
bool is_plain(std::string_view s) {
    static constexpr auto plain = [] {
        std::array<bool, 256> t{};
        for (unsigned char c : std::string_view("0123456789+ -.()/")) t[c] = true;
        return t;
    }();
    return std::all_of(s.begin(), s.end(), [](char c) { return plain[static_cast<unsigned char>(c)]; });
}

}  // namespace

CallerId PhoneNormalizer::read(std::string_view text, bool fast) const {
    if (text.size() > max_input) return invalid("too long for a caller id");
    std::string_view number = trim(text);
    if (number.empty()) return withheld();
    CallerId id;
    std::string decoded;
    std::string_view context;
    // Most caller ids, and every stored number, are digits and separators: nothing around them to read.
    if (!is_plain(number))
        if (auto answer = read_notation(number, decoded, id.extension, context)) return std::move(*answer);
    if (std::none_of(number.begin(), number.end(), is_digit)) return invalid("no digits");
    if (number.find_first_not_of("0+ -") == std::string_view::npos)
        return withheld();  // "0", "0000000000": what switches send for a number they may not show
    auto e164 = number_e164(number, context, fast);
    if (!e164) return invalid("no numbering plan has such a number");
    id.kind = CallerId::Kind::number;
    id.e164 = std::move(*e164);
    return id;
}

std::optional<std::string> PhoneNormalizer::number_e164(std::string_view number, std::string_view context,
                                                        bool fast) const {
    if (!context.empty() && number.front() != '+' && context.front() == '+') {
        // RFC 3966 section 5.1.5: a local number's context is the global prefix it is dialled within. A
        // prefix that is just a country code ("+359") means the number is written nationally there
        // ("0888 123 456"), so it is read in that country's region, trunk prefix and all (as
        // libphonenumber itself learned to, its PR #3792).
        std::string global = "+";
        for (char c : context)
            if (is_digit(c)) global += c;
        std::string there;
        if (global.size() >= 2 && global.size() <= 4)
            PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(std::stoi(global.substr(1)), &there);
        if (!there.empty() && there != "ZZ") return libphonenumber_e164(number, there);
        for (char c : number)
            if (is_digit(c)) global += c;
        return number_e164(global, {}, fast);
    }
    bool decided = false;
    std::optional<std::string> e164;
    if (fast) e164 = normalize_fast(number, decided);
    if (!decided) e164 = libphonenumber_e164(number, m_region);
    return e164;
}

std::optional<std::string> PhoneNormalizer::normalize_fast(std::string_view text, bool& decided) const {
    decided = false;
    if (text.size() > 64) return std::nullopt;
    std::string_view s = text;
    // Only the plain notations: digits with spaces, dashes, dots, slashes, parentheses and one leading
    // "+" (or "00"). Anything else (URIs, letters, extensions) goes to libphonenumber.
    char digits[32];
    std::size_t n = 0;
    bool plus = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            if (n == sizeof digits) return std::nullopt;
            digits[n++] = c;
        } else if (c == '+' && n == 0 && !plus) {
            plus = true;
        } else if (c == '(' && i + 2 < s.size() && s[i + 1] == '0' && s[i + 2] == ')') {
            return std::nullopt;  // "+44 (0)7911": where the bracketed zero counts is libphonenumber's call
        } else if (!one_of(" -.()/", c)) {
            return std::nullopt;
        }
    }
    std::string_view d(digits, n);
    int cc = 0;
    std::string_view national;
    if (!plus && d.size() > 2 && d[0] == '0' && d[1] == '0') {
        plus = true;
        d.remove_prefix(2);
    }
    if (plus) {
        // Country calling codes are prefix-free: at most one of the 1-3 digit prefixes is a code.
        for (std::size_t len = 1; len <= 3 && len < d.size(); ++len) {
            int v = 0;
            for (std::size_t k = 0; k < len; ++k) v = v * 10 + (d[k] - '0');
            if (m_fast->calling_codes[static_cast<std::size_t>(v)]) {
                cc = v;
                national = d.substr(len);
                break;
            }
        }
        if (!cc) return std::nullopt;
    } else {
        if (m_fast->ndd.empty() || d.substr(0, m_fast->ndd.size()) != m_fast->ndd) return std::nullopt;
        cc = m_fast->country_code;
        national = d.substr(m_fast->ndd.size());
    }
    if (national.size() < 4 || national.size() > 14 || national[0] == '0') return std::nullopt;
    // Key: country code, the first six national digits, the length. Numbering plans allocate ranges by
    // leading digits and fix the length per range, so numbers sharing the key share validity.
    std::uint64_t key = static_cast<std::uint64_t>(cc) << 48 | static_cast<std::uint64_t>(national.size()) << 40;
    std::uint64_t lead = 0;
    for (std::size_t k = 0; k < 6; ++k) lead = lead * 11 + (k < national.size() ? static_cast<std::uint64_t>(national[k] - '0' + 1) : 0);
    key |= lead;
    std::string e164 = "+" + std::to_string(cc);
    e164.append(national);
    {
        std::shared_lock lock(m_fast->mutex);
        auto it = m_fast->valid.find(key);
        if (it != m_fast->valid.end()) {
            // An invalid reading is final only for "+"/"00" input, which has one reading. A national
            // reading may be wrong where the trunk prefix starts the international one (Russia's
            // "8 10 ..."), so those go to libphonenumber with the original text.
            if (!it->second && !plus) return std::nullopt;
            decided = true;
            return it->second ? std::optional<std::string>(std::move(e164)) : std::nullopt;
        }
    }
    // First number with this key: ask libphonenumber, remember the verdict for the range.
    auto verdict = libphonenumber_e164(e164, m_region);
    if (verdict && *verdict != e164) return std::nullopt;  // libphonenumber reads it differently: not ours to decide
    std::unique_lock lock(m_fast->mutex);
    if (m_fast->valid.size() < FastPath::max_entries) m_fast->valid.emplace(key, verdict.has_value());
    decided = verdict.has_value() || plus;
    return verdict;
}

std::optional<std::string> PhoneNormalizer::libphonenumber_e164(std::string_view number, const std::string& region) const {
    const std::string_view raw = trim(number);
    if (raw.empty() || raw.size() > max_number) return std::nullopt;
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    // "00" international prefix and a bare country code without "+" are common in typed numbers.
    std::string input(raw);
    if (input.rfind("00", 0) == 0) input = "+" + input.substr(2);
    if (util.Parse(input, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
    if (!util.IsValidNumber(parsed)) return std::nullopt;
    std::string out;
    util.Format(parsed, PhoneNumberUtil::E164, &out);
    // libphonenumber is not always idempotent: " 0052/ 0212311447352" read in Bulgaria formats as
    // +5212311447352, which it reads back as +522311447352 (Mexico's old mobile "1"). A stored number
    // must normalize to itself or a search in another notation misses it, so its own E.164 is read
    // once more and that reading wins (found by fuzz_phone). Only the slow path pays for this.
    PhoneNumber again;
    if (util.Parse(out, m_region, &again) != PhoneNumberUtil::NO_PARSING_ERROR || !util.IsValidNumber(again))
        return std::nullopt;
    std::string settled;
    util.Format(again, PhoneNumberUtil::E164, &settled);
    return settled;
}

std::vector<std::string> PhoneNormalizer::readings_elsewhere(std::string_view text) const {
    std::vector<std::string> out;
    const std::string_view number = trim(text);
    // Only a nationally written number: one with "+" or "00" has its country already.
    if (!looks_like_phone(number) || number.front() == '+' || number.rfind("00", 0) == 0 || parse(number).is_number())
        return out;
    std::string digits;
    for (char c : number)
        if (is_digit(c)) digits += c;
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    for (const auto& region : m_other_regions) {
        if (region == m_region) continue;
        // As dialled there: with that country's trunk prefix ("0" in Bulgaria and the UK), so a bare
        // subscriber number is not taken for some area code's number abroad.
        std::string ndd;
        util.GetNddPrefixForRegion(region, true, &ndd);
        if (ndd.empty() || digits.rfind(ndd, 0) != 0) continue;
        if (auto e164 = libphonenumber_e164(number, region); e164 && std::find(out.begin(), out.end(), *e164) == out.end())
            out.push_back(std::move(*e164));
    }
    return out;
}

namespace {

std::string region_read_in(const std::string& number_text, const std::string& default_region) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(number_text, default_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return "";
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    return region == "ZZ" ? "" : region;
}

}  // namespace

std::string PhoneNormalizer::region_of(const std::string& e164) const { return region_read_in(e164, m_region); }

// "ZZ" (unknown region): the number must carry its country code, as a stored E.164 number does.
std::string PhoneNormalizer::region_of_e164(const std::string& e164) { return region_read_in(e164, "ZZ"); }

std::pair<std::string, std::vector<std::string>> PhoneNormalizer::calling_code_of_e164(const std::string& e164) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    // Calling codes are one to three digits and none is the start of another (ITU-T E.164).
    for (std::size_t digits = 1; digits <= 3 && digits < e164.size(); ++digits) {
        const std::string code = e164.substr(1, digits);
        if (e164.front() != '+' || code.find_first_not_of("0123456789") != std::string::npos) break;
        std::list<std::string> regions;
        util.GetRegionCodesForCountryCallingCode(std::stoi(code), &regions);
        if (!regions.empty()) return {code, std::vector<std::string>(regions.begin(), regions.end())};
    }
    return {};
}

std::string PhoneNormalizer::display(const std::string& e164) const {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(e164, m_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return e164;
    std::string out;
    util.Format(number, PhoneNumberUtil::INTERNATIONAL, &out);
    return out;
}

}  // namespace kartoteka::phone
