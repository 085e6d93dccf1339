#include "util/message.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>

#include "util/money.h"
#include "util/time.h"

namespace kartoteka::util {

std::string fill(std::string_view text, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' && text[i + 2] == '}') {
            const auto k = static_cast<std::size_t>(text[i + 1] - '1');
            if (k < args.size()) {
                out += args[k];
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

namespace {

constexpr std::string_view money_mark = "\xC2\xA4";  // ¤, the generic currency sign

/// The minor units and currency of a money argument ("¤2221710 EUR"); nullopt for any other value.
std::optional<std::pair<long long, std::string>> money_of(const std::string& arg) {
    if (arg.compare(0, money_mark.size(), money_mark) != 0) return std::nullopt;
    const char* digits = arg.c_str() + money_mark.size();
    if (!(*digits == '-' || (*digits >= '0' && *digits <= '9'))) return std::nullopt;  // "¤ 300" typed by a person
    char* end = nullptr;
    const long long v = std::strtoll(digits, &end, 10);
    if (!end || end == digits || (*end != '\0' && *end != ' ')) return std::nullopt;
    return std::make_pair(v, std::string(*end ? end + 1 : end));
}

/// The seconds of an instant argument ("@1764583200"); nullopt for any other value.
std::optional<long long> instant_of(const std::string& arg) {
    if (arg.size() < 2 || arg[0] != '@') return std::nullopt;
    char* end = nullptr;
    const long long v = std::strtoll(arg.c_str() + 1, &end, 10);
    if (!end || *end != '\0') return std::nullopt;
    return v;
}

std::vector<std::string> shown_args(const std::vector<std::string>& args, const Translator& tr, const InstantFormat& at) {
    std::vector<std::string> shown;
    shown.reserve(args.size());
    for (const auto& a : args) {
        if (auto t = instant_of(a)) shown.push_back(at ? at(*t) : format_iso(*t));
        else if (auto m = money_of(a)) shown.push_back(tr.money(m->first, m->second));
        else if (!tr || a.empty()) shown.push_back(a);
        else if (auto day = tr.day(a); day != a) shown.push_back(std::move(day));  // "last order 23.09.2026" in ru
        else shown.push_back(tr(a.c_str()));
    }
    return shown;
}

}  // namespace

std::string without_context(std::string text) {
    const auto mark = text.find('\004');
    return mark == std::string::npos ? text : text.substr(mark + 1);
}

std::string english_money(long long minor, const std::string& currency) {
    std::string text = grouped_money(minor, '.', ",");
    return currency.empty() ? text : text + " " + currency;
}

std::string Translator::operator()(const char* english) const {
    // A catalogue without the entry hands the key back as it was: a marked key loses its context.
    return without_context(m_one ? m_one(english) : std::string(english));
}

std::string Translator::money(long long minor, const std::string& currency) const {
    return m_money ? m_money(minor, currency) : english_money(minor, currency);
}

std::string Translator::day(const std::string& iso) const {
    const bool is_day = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                        std::all_of(iso.begin(), iso.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (!is_day || !m_one) return iso;
    std::string out = (*this)(NC_("date format", "YYYY-MM-DD"));
    const auto y = out.find("YYYY"), m = out.find("MM"), d = out.find("DD");
    if (y == std::string::npos || m == std::string::npos || d == std::string::npos) return iso;
    out.replace(y, 4, iso.substr(0, 4));
    out.replace(out.find("MM"), 2, iso.substr(5, 2));
    out.replace(out.find("DD"), 2, iso.substr(8, 2));
    return out;
}

std::string Translator::plural(const char* singular, const char* plural, long long n) const {
    const unsigned long count = static_cast<unsigned long>(n < 0 ? -n : n);
    if (m_many) return m_many(singular, plural, count);
    return (*this)(count == 1 ? singular : plural);
}

Message Message::counted(const char* singular, const char* plural, long long n, std::vector<std::string> args) {
    Message m{singular, std::move(args)};
    m.plural = plural;
    m.count = n;
    return m;
}

std::string Message::instant(long long unix_seconds) { return "@" + std::to_string(unix_seconds); }

std::string Message::money(long long minor, const std::string& currency) {
    return std::string(money_mark) + std::to_string(minor) + (currency.empty() ? "" : " " + currency);
}

std::string Message::english(const InstantFormat& at) const { return in({}, at); }

std::string Message::in(const Translator& tr, const InstantFormat& at) const {
    const std::string form = !plural.empty() ? tr.plural(text.c_str(), plural.c_str(), count) : tr ? tr(text.c_str()) : text;
    std::string out = fill(form, shown_args(args, tr, at));
    for (const auto& m : then) out += m.in(tr, at);
    return out;
}

namespace {

nlohmann::json json_of(const Message& m) {
    nlohmann::json j{{"t", m.text}, {"a", m.args}};
    if (!m.plural.empty()) j["p"] = m.plural, j["n"] = m.count;
    for (const auto& part : m.then) j["then"].push_back(json_of(part));
    return j;
}

Message message_of(const nlohmann::json& j) {
    Message m;
    if (!j.is_object() || !j.contains("t") || !j["t"].is_string()) return m;
    m.text = j["t"].get<std::string>();
    if (j.contains("a") && j["a"].is_array())
        for (const auto& a : j["a"]) m.args.push_back(a.is_string() ? a.get<std::string>() : a.dump());
    if (j.contains("p") && j["p"].is_string() && j.contains("n") && j["n"].is_number_integer())
        m.plural = j["p"].get<std::string>(), m.count = j["n"].get<long long>();
    if (j.contains("then") && j["then"].is_array())
        for (const auto& part : j["then"])
            if (auto next = message_of(part); !next.empty()) m.then.push_back(std::move(next));
    return m;
}

}  // namespace

std::string Message::to_json() const { return text.empty() ? "" : json_of(*this).dump(); }

Message Message::from_json(const std::string& stored) {
    if (stored.empty()) return {};
    return message_of(nlohmann::json::parse(stored, nullptr, false));
}

}  // namespace kartoteka::util
