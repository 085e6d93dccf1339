#include "phone/phone_normalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <unordered_map>

namespace kartoteka::phone {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

}  // namespace

std::string strip_phone_uri(std::string_view text) {
    for (std::string_view scheme : {"tel:", "callto:", "sip:", "sips:"}) {
        if (!starts_with_ci(text, scheme)) continue;
        text.remove_prefix(scheme.size());
        while (!text.empty() && text.front() == '/') text.remove_prefix(1);  // callto://
        auto cut = text.find_first_of("@;?");                               // sip host, params
        if (cut != std::string_view::npos) text = text.substr(0, cut);
        break;
    }
    return std::string(text);
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

PhoneNormalizer::PhoneNormalizer(std::string default_region)
    : m_region(std::move(default_region)), m_fast(std::make_unique<FastPath>()) {
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
        else if (!std::strchr(" +-().\t/", c)) return false;
    }
    return digits >= 5;
}

std::optional<std::string> PhoneNormalizer::normalize(std::string_view text) const {
    bool decided = false;
    auto fast = normalize_fast(text, decided);
    if (decided) return fast;
    return normalize_slow(text);
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
        } else if (!std::strchr(" -.()/", c)) {
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
    auto verdict = normalize_slow(e164);
    if (verdict && *verdict != e164) return std::nullopt;  // libphonenumber reads it differently: not ours to decide
    std::unique_lock lock(m_fast->mutex);
    if (m_fast->valid.size() < FastPath::max_entries) m_fast->valid.emplace(key, verdict.has_value());
    decided = verdict.has_value() || plus;
    return verdict;
}

std::optional<std::string> PhoneNormalizer::normalize_slow(std::string_view text) const {
    const std::string raw = strip_phone_uri(text);
    if (raw.empty() || raw.size() > 64) return std::nullopt;
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    // "00" international prefix and a bare country code without "+" are common in typed numbers.
    std::string input = raw;
    if (input.rfind("00", 0) == 0) input = "+" + input.substr(2);
    if (util.Parse(input, m_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
    if (!util.IsValidNumber(number)) return std::nullopt;
    std::string out;
    util.Format(number, PhoneNumberUtil::E164, &out);
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

std::string PhoneNormalizer::display(const std::string& e164) const {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(e164, m_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return e164;
    std::string out;
    util.Format(number, PhoneNumberUtil::INTERNATIONAL, &out);
    return out;
}

}  // namespace kartoteka::phone
