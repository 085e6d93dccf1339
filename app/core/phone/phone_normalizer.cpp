#include "phone/phone_normalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <cstring>

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

PhoneNormalizer::PhoneNormalizer(std::string default_region) : m_region(std::move(default_region)) {}

bool PhoneNormalizer::looks_like_phone(std::string_view text) {
    int digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') ++digits;
        else if (!std::strchr(" +-().\t/", c)) return false;
    }
    return digits >= 5;
}

std::optional<std::string> PhoneNormalizer::normalize(std::string_view text) const {
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
    return out;
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
