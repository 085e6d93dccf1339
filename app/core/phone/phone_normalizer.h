#pragma once
/// Phone numbers in any notation to E.164, through libphonenumber (GUIDE rule 10).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kartoteka::phone {

/// Normalization is on the screen-pop and search paths and runs a million times in an import, so it has
/// a fast path: the typed digits are reduced to country code + national number by the region's own rules
/// (national prefix, international prefix), and validity is looked up in a cache keyed by country code,
/// the national number's leading digits and its length, which is what numbering plans decide validity by.
/// Only a key seen for the first time, and any notation the fast path does not recognise, goes to
/// libphonenumber (about 50 us a call). Thread-safe.
class PhoneNormalizer {
public:
    /// @param default_region ISO 3166 region for numbers written without a country code
    ///        ("RU": "8 (916) 123-45-67"; "BG": "0888 123 456").
    explicit PhoneNormalizer(std::string default_region);
    ~PhoneNormalizer();
    PhoneNormalizer(const PhoneNormalizer&) = delete;
    PhoneNormalizer& operator=(const PhoneNormalizer&) = delete;

    /// "+79161234567" for any notation of a valid number; nullopt for text that is not one.
    /// Accepts tel:/callto:/sip: URIs ("tel:+7-916-123-45-67", "sip:+79161234567@pbx").
    std::optional<std::string> normalize(std::string_view text) const;

    /// True when the text could be meant as a phone number (digits with phone punctuation), used by
    /// search to decide how to read a query before asking libphonenumber.
    static bool looks_like_phone(std::string_view text);

    /// "+7 916 123-45-67": international format for display.
    std::string display(const std::string& e164) const;

    const std::string& default_region() const { return m_region; }

    /// libphonenumber alone, without the fast path: the reference the fast path is tested against.
    std::optional<std::string> normalize_slow(std::string_view text) const;

private:
    struct FastPath;
    std::optional<std::string> normalize_fast(std::string_view text, bool& decided) const;

    std::string m_region;
    std::unique_ptr<FastPath> m_fast;
};

/// Strip a tel:, callto: or sip: scheme and any SIP host/parameters; other text is returned as is.
std::string strip_phone_uri(std::string_view text);

}  // namespace kartoteka::phone
