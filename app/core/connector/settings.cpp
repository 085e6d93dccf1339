#include "connector/settings.h"

#include <climits>

#include "error.h"

namespace kartoteka::connector {

const char* to_string(SettingType t) noexcept {
    switch (t) {
    case SettingType::string: return "string";
    case SettingType::integer: return "integer";
    case SettingType::boolean: return "boolean";
    case SettingType::mapping: return "mapping";
    case SettingType::list: return "list";
    }
    return "?";
}

Settings::Settings(const std::vector<SettingSpec>& specs, YAML::Node node, std::string file, std::string path)
    : m_node(node), m_file(std::move(file)), m_path(std::move(path)) {
    config::MapReader r(m_node, m_file, m_path);
    for (const auto& s : specs) {
        if (s.required && !r.has(s.key)) r.fail(s.key, "is required (" + s.description + ")");
        switch (s.type) {
        case SettingType::string: m_scalars[s.key] = r.get_string(s.key, s.default_value); break;
        case SettingType::integer: {
            long long fallback = s.default_value.empty() ? 0 : std::stoll(s.default_value);
            m_scalars[s.key] = std::to_string(r.get_int(s.key, fallback, 0, LLONG_MAX));
            break;
        }
        case SettingType::boolean:
            m_scalars[s.key] = r.get_bool(s.key, s.default_value == "true") ? "true" : "false";
            break;
        case SettingType::mapping: r.map(s.key); break;
        case SettingType::list: r.get_string_list(s.key); break;
        }
    }
    r.done();
}

std::string Settings::text(const std::string& key) const {
    auto it = m_scalars.find(key);
    return it == m_scalars.end() ? std::string() : it->second;
}

long long Settings::integer(const std::string& key) const {
    auto t = text(key);
    return t.empty() ? 0 : std::stoll(t);
}

bool Settings::boolean(const std::string& key) const { return text(key) == "true"; }

config::MapReader Settings::section(const std::string& key) const {
    config::MapReader r(m_node, m_file, m_path);
    return r.map(key);
}

YAML::Node Settings::node(const std::string& key) const {
    return m_node.IsMap() && m_node[key] ? m_node[key] : YAML::Node();
}

void Settings::fail(const std::string& key, const std::string& message) const {
    config::MapReader(m_node, m_file, m_path).fail(key, message);
}

SettingSpec send_card_numbers_setting() {
    return {"send_card_numbers", SettingType::string, "masked",
            "masked or clear: payment card numbers in what is written back (summaries, complaint texts, outcomes) "
            "are masked to their last four unless this backend is in PCI DSS scope and needs them",
            false, "clear", "card numbers typed into free text are sent to this backend in clear"};
}

CardNumbers card_numbers_to_send(const Settings& settings) {
    const std::string v = settings.text("send_card_numbers");
    if (v.empty() || v == "masked") return CardNumbers::masked;
    if (v == "clear") return CardNumbers::clear;
    settings.fail("send_card_numbers", "expected masked or clear, not '" + v + "'");
}

}  // namespace kartoteka::connector
