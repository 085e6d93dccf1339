#pragma once
/// Phone numbers in any notation to E.164, through libphonenumber (GUIDE rule 10).
#include <optional>
#include <string>
#include <string_view>

namespace kartoteka::phone {

class PhoneNormalizer {
public:
    /// @param default_region ISO 3166 region for numbers written without a country code
    ///        ("RU": "8 (916) 123-45-67"; "BG": "0888 123 456").
    explicit PhoneNormalizer(std::string default_region);

    /// "+79161234567" for any notation of a valid number; nullopt for text that is not one.
    /// Accepts tel:/callto:/sip: URIs ("tel:+7-916-123-45-67", "sip:+79161234567@pbx").
    std::optional<std::string> normalize(std::string_view text) const;

    /// True when the text could be meant as a phone number (digits with phone punctuation), used by
    /// search to decide how to read a query before asking libphonenumber.
    static bool looks_like_phone(std::string_view text);

    /// "+7 916 123-45-67": international format for display.
    std::string display(const std::string& e164) const;

    const std::string& default_region() const { return m_region; }

private:
    std::string m_region;
};

/// Strip a tel:, callto: or sip: scheme and any SIP host/parameters; other text is returned as is.
std::string strip_phone_uri(std::string_view text);

}  // namespace kartoteka::phone
