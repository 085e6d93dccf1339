#include "connector/registry.h"

#include <filesystem>

#include "error.h"

#ifndef KARTOTEKA_SOURCE_DIR
#define KARTOTEKA_SOURCE_DIR ""
#endif

namespace kartoteka::connector {
namespace {

/// Deep merge of mappings: `over` wins on scalars and lists, mappings merge key by key. Nodes from
/// `over` are reused, not copied, so errors in them still name the user's file and line.
YAML::Node merge(const YAML::Node& base, const YAML::Node& over) {
    if (!base || !base.IsMap() || !over || !over.IsMap()) return over ? over : base;
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& kv : base) {
        const std::string key = kv.first.Scalar();
        out[key] = over[key] ? merge(kv.second, over[key]) : kv.second;
    }
    for (const auto& kv : over)
        if (!base[kv.first.Scalar()]) out[kv.first.Scalar()] = kv.second;
    return out;
}

}  // namespace

void Registry::add(ConnectorType type) {
    if (m_types.count(type.name)) throw Error(ErrorKind::config, "connector type '" + type.name + "' registered twice");
    std::string name = type.name;
    m_types.emplace(std::move(name), std::move(type));
}

const ConnectorType* Registry::find(const std::string& name) const {
    auto it = m_types.find(name);
    return it == m_types.end() ? nullptr : &it->second;
}

std::vector<const ConnectorType*> Registry::all() const {
    std::vector<const ConnectorType*> out;
    for (const auto& [name, t] : m_types) out.push_back(&t);
    return out;
}

std::vector<config::Warning> Registry::warnings(const config::ConnectorConfig& entry) const {
    std::vector<config::Warning> out;
    const ConnectorType* type = find(entry.type);
    if (!type || !entry.settings || !entry.settings.IsMap()) return out;
    for (const auto& spec : type->settings) {
        const YAML::Node v = entry.settings[spec.key];
        if (spec.risky_value.empty() || !v || !v.IsScalar()) continue;
        // Booleans compare as YAML reads them (false, no, off), everything else as written.
        bool risky = v.Scalar() == spec.risky_value;
        if (spec.type == SettingType::boolean) {
            bool b = false;
            risky = YAML::convert<bool>::decode(v, b) && (b ? "true" : "false") == spec.risky_value;
        }
        if (risky)
            out.push_back({entry.file, v.Mark().line >= 0 ? v.Mark().line + 1 : 0, entry.path + "." + spec.key,
                           spec.key + ": " + spec.risky_value + " for connector '" + entry.name + "': " + spec.warning});
    }
    return out;
}

YAML::Node Registry::merged_settings(const config::ConnectorConfig& entry) const {
    YAML::Node own = entry.settings;
    if (!own || !own.IsMap() || !own["preset"]) return own;
    const std::string preset = own["preset"].as<std::string>("");
    config::MapReader at(own, entry.file, entry.path);
    if (preset.empty() || preset.find('/') != std::string::npos || preset.find("..") != std::string::npos)
        at.fail("preset", "expected a preset name such as zammad or freshdesk");
    for (const auto& dir : m_preset_dirs) {
        const auto file = std::filesystem::path(dir) / (preset + ".yaml");
        if (!std::filesystem::exists(file)) continue;
        YAML::Node base = config::load_yaml_file(file.string());
        if (!base.IsMap()) at.fail("preset", file.string() + " is not a mapping of settings");
        return merge(base, own);
    }
    at.fail("preset", "no preset '" + preset + "' in the preset folders");
}

std::shared_ptr<Connector> Registry::create(const config::ConnectorConfig& entry) const {
    const ConnectorType* type = find(entry.type);
    if (!type) {
        std::string known;
        for (const auto& [name, t] : m_types) known += (known.empty() ? "" : ", ") + name;
        throw Error(ErrorKind::config, entry.file + ": connector '" + entry.name + "': unknown type '" + entry.type +
                                           "' (known: " + known + ")");
    }
    Settings settings(type->settings, merged_settings(entry), entry.file, entry.path);
    card_numbers_to_send(settings);  // a bad value fails `config check` like any other setting
    return type->factory(entry.name, settings);
}

std::vector<Source> Registry::create_all(const std::vector<config::ConnectorConfig>& entries) const {
    std::vector<Source> out;
    for (const auto& e : entries) {
        if (!e.enabled) continue;
        auto connector = create(e);
        // The settings once more for the one key the core itself reads (the write-back payloads);
        // create() has validated them and thrown for an unknown type.
        const Settings settings(find(e.type)->settings, merged_settings(e), e.file, e.path);
        out.push_back({e.name, e.priority, std::chrono::milliseconds(e.timeout_ms), std::move(connector),
                       card_numbers_to_send(settings)});
    }
    return out;
}

void Registry::validate(const std::vector<config::ConnectorConfig>& entries) const {
    for (const auto& e : entries) create(e);
}

std::vector<std::string> default_preset_dirs(const std::string& config_file) {
    namespace fs = std::filesystem;
    std::vector<std::string> dirs;
    if (!config_file.empty()) dirs.push_back((fs::path(config_file).parent_path() / "presets").string());
    if (!std::string(KARTOTEKA_SOURCE_DIR).empty()) dirs.push_back(std::string(KARTOTEKA_SOURCE_DIR) + "/config/presets");
    dirs.push_back("/usr/share/kartoteka/presets");
    return dirs;
}

}  // namespace kartoteka::connector
