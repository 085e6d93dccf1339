#pragma once
/// Caller ids in any notation to E.164, through libphonenumber (GUIDE rule 10).
///
/// One parser reads every notation a caller id arrives in, wherever a number enters (screen pop,
/// `tel:` handler, search, backend data). Shapes accepted, and what they give:
///  - plain numbers: "8 (916) 123-45-67", "+7 916 1234567", "007 916 ...", "0888 123 456" (read in the
///    default region when written without a country code);
///  - RFC 3966 `tel:` URIs, also as `tel://` and `tel:///`: visual separators "-.()", the parameters
///    `;ext=` (extension), `;phone-context=` (the prefix or country of a local number), `;isub=` and
///    any other parameter (ignored);
///  - RFC 3261 `sip:`/`sips:` URIs: the user part is the number ("sip:+79161234567@pbx:5060;user=phone"),
///    with its own tel parameters before the "@"; a password after ":" and everything after the "@"
///    (host, port, URI parameters, headers) is ignored; a name-addr as in From or P-Asserted-Identity
///    headers ("\"Ivan\" <sip:+79161234567@pbx>;tag=1") is read between the angle brackets;
///  - `callto:` and `callto://`;
///  - percent-encoding anywhere ("tel:%2B7%20916...", "sip:%2B7...@pbx");
///  - extensions, kept out of the E.164 result: ";ext=100", "ext. 100", "x100", "#100", ", 100",
///    Russian "доб. 100", "доп. 100", "вн. 100", "внутр. 100", Bulgarian "вътр. 100", "вт. 100";
///  - withheld ids: empty, "0" (any run of zeros), "anonymous", "restricted", "unavailable", "unknown",
///    "private", "withheld", "<unknown>", "sip:anonymous@anonymous.invalid" (RFC 3323), any URI on host
///    anonymous.invalid, "Скрытый номер", "Скрит номер" (case does not matter).
/// Anything else is invalid, with a reason that never quotes the input (it may be a real number).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kartoteka::phone {

/// What a caller-id field said: a number (E.164, with the extension apart), a withheld id, or nothing
/// usable and why.
struct CallerId {
    enum class Kind { number, withheld, invalid };
    Kind kind = Kind::invalid;
    std::string e164;       ///< number: "+79161234567", never with extension digits
    std::string extension;  ///< number: the extension's digits when one was written ("100"), else empty
    std::string why;        ///< invalid (and withheld): a short reason that does not quote the input

    bool is_number() const noexcept { return kind == Kind::number; }
    bool is_withheld() const noexcept { return kind == Kind::withheld; }
};

/// Normalization is on the screen-pop and search paths and runs a million times in an import, so it has
/// a fast path: the typed digits are reduced to country code + national number by the region's own rules
/// (national prefix, international prefix), and validity is looked up in a cache keyed by country code,
/// the national number's leading digits and its length, which is what numbering plans decide validity by.
/// Only a key seen for the first time, and any notation the fast path does not recognise, goes to
/// libphonenumber (about 50 us a call). URIs, percent-encoding and extensions are unwrapped first, so
/// they take the fast path too. Thread-safe.
class PhoneNormalizer {
public:
    /// @param default_region ISO 3166 region for numbers written without a country code
    ///        ("RU": "8 (916) 123-45-67"; "BG": "0888 123 456").
    /// @param other_regions regions the centre also serves, for readings_elsewhere().
    explicit PhoneNormalizer(std::string default_region, std::vector<std::string> other_regions = {});
    ~PhoneNormalizer();
    PhoneNormalizer(const PhoneNormalizer&) = delete;
    PhoneNormalizer& operator=(const PhoneNormalizer&) = delete;

    /// The one caller-id parser: any notation listed at the top of this header. Never throws.
    CallerId parse(std::string_view text) const;

    /// parse(text).e164 when it is a number: "+79161234567" for any notation of a valid number, nullopt
    /// for a withheld id or text that is not one.
    std::optional<std::string> normalize(std::string_view text) const;

    /// True when the text could be meant as a plain phone number (digits with phone punctuation); a
    /// cheap pre-check that asks nothing of libphonenumber. URIs and extensions need parse().
    static bool looks_like_phone(std::string_view text);

    /// "+7 916 123-45-67": international format for display.
    std::string display(const std::string& e164) const;
    /// The ISO 3166 region a number belongs to ("BG" for +359...); "" when it cannot be told.
    std::string region_of(const std::string& e164) const;
    /// The same for a stored E.164 number, which needs no default region: what the store writes beside a
    /// customer (the country's currency) without a configured normalizer.
    static std::string region_of_e164(const std::string& e164);
    /// The country calling code of a stored E.164 number ("+359..." -> "359") and every region that
    /// shares it ({"BG"}; "+7..." -> {"RU", "KZ"}), read without parsing the number; {"", {}} when the
    /// text starts with no known code.
    static std::pair<std::string, std::vector<std::string>> calling_code_of_e164(const std::string& e164);

    const std::string& default_region() const { return m_region; }

    /// A plain number that is no valid number in the default region, read nationally in each other region
    /// the centre serves ("0871 250 405" in a RU centre that also serves BG: "+359871250405"). Search
    /// offers these; a valid number at home is never read elsewhere, a reading needs the region's trunk
    /// prefix as dialled there ("0"), and caller ids keep parse().
    std::vector<std::string> readings_elsewhere(std::string_view text) const;

    /// The same notation reading as parse(), then libphonenumber alone, without the fast path: the
    /// reference the fast path is tested against.
    std::optional<std::string> normalize_slow(std::string_view text) const;

private:
    struct FastPath;
    std::optional<std::string> normalize_fast(std::string_view number, bool& decided) const;
    std::optional<std::string> libphonenumber_e164(std::string_view number, const std::string& region) const;
    CallerId read(std::string_view text, bool fast) const;
    std::optional<std::string> number_e164(std::string_view number, std::string_view context, bool fast) const;

    std::string m_region;
    std::vector<std::string> m_other_regions;
    std::unique_ptr<FastPath> m_fast;
};

/// The text with every digit but the first three and the last two starred and its length bounded:
/// enough of a caller id to see its shape in an error message, not the number.
std::string mask_caller_id(std::string_view text);

}  // namespace kartoteka::phone
