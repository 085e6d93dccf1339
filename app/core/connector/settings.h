#pragma once
/// Declared connector settings (GUIDE rule 4, like fluent-bit's config maps): each connector type lists
/// its keys with a type, a default and a description; configuration is validated against the list
/// and `kartoteka-cli connectors describe` prints it.
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "config/yaml_reader.h"

namespace kartoteka::connector {

/// `list` is a list of strings; `mapping` is read further by the connector with a strict MapReader.
enum class SettingType { string, integer, boolean, mapping, list };
const char* to_string(SettingType t) noexcept;

struct SettingSpec {
    std::string key;
    SettingType type = SettingType::string;
    std::string default_value;  ///< as text; empty for none (mappings and lists default to empty)
    std::string description;
    bool required = false;
    /// A value that works but weakens the centre's security (verify_tls: false): `config check` and
    /// `connectors check` warn when an entry sets it, quoting `warning`. Empty: no such value.
    std::string risky_value{};
    std::string warning{};
};

/// A connector's settings after validation: every key known, every value of its declared type.
class Settings {
public:
    /// Validates `node` (a mapping) against `specs`. @throws Error{config} naming file, line and key.
    Settings(const std::vector<SettingSpec>& specs, YAML::Node node, std::string file, std::string path);

    std::string text(const std::string& key) const;
    long long integer(const std::string& key) const;
    bool boolean(const std::string& key) const;
    /// A strict reader over a mapping or list setting, for connectors' nested structures.
    config::MapReader section(const std::string& key) const;
    YAML::Node node(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

private:
    YAML::Node m_node;
    std::string m_file;
    std::string m_path;
    std::map<std::string, std::string> m_scalars;
};

/// Whether a backend is written payment card numbers that agents typed into free text (a summary, a
/// complaint's description, an offer's outcome): masked, as everywhere else (privacy/card_number_mask.h),
/// unless the centre's payment system is itself in PCI DSS scope and needs them.
enum class CardNumbers { masked, clear };

/// The `send_card_numbers` key (masked or clear, default masked), declared by every connector type that
/// accepts write-backs, so `connectors describe` prints it and configuration is checked against it.
SettingSpec send_card_numbers_setting();

/// The entry's `send_card_numbers`: masked when unset or when its type does not declare the key.
/// @throws Error{config} naming file, line and key for a value other than masked or clear.
CardNumbers card_numbers_to_send(const Settings& settings);

}  // namespace kartoteka::connector
