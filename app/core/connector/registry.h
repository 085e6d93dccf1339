#pragma once
/// Connector types by name (like SOCI's backend factories): each connector library adds its type here;
/// hosts create the configured connectors through it. Not a global: the host owns one Registry and
/// fills it (connectors/connectors.h register_all), so tests can register their own fakes.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/config_warning.h"
#include "connector/connector.h"
#include "connector/settings.h"

namespace kartoteka::connector {

/// Builds a connector from its validated settings; `name` is its configured name (its source name).
using Factory = std::function<std::shared_ptr<Connector>(const std::string& name, const Settings& settings)>;

struct ConnectorType {
    std::string name;                  ///< "rest", "sql"
    std::string summary;
    Capabilities possible;             ///< what an instance can provide or accept, given the settings
    std::vector<SettingSpec> settings; ///< declared keys; `preset` (if declared) merges a preset file
    Factory factory;
};

/// A created, enabled connector with the card-level settings of its configuration entry.
struct Source {
    std::string name;
    int priority = 0;
    std::chrono::milliseconds timeout{800};
    std::shared_ptr<Connector> connector;
    CardNumbers card_numbers = CardNumbers::masked;  ///< its `send_card_numbers`, for write-back payloads
};

class Registry {
public:
    /// @throws Error{config} when the name is taken.
    void add(ConnectorType type);
    const ConnectorType* find(const std::string& name) const;
    std::vector<const ConnectorType*> all() const;

    /// Folders searched for `preset: NAME` (NAME.yaml), first match wins.
    void set_preset_dirs(std::vector<std::string> dirs) { m_preset_dirs = std::move(dirs); }

    /// Validates the entry's settings against its type and creates it.
    /// @throws Error{config} naming file, line and key.
    std::shared_ptr<Connector> create(const config::ConnectorConfig& entry) const;
    /// Every enabled connector of the configuration, in configuration order.
    std::vector<Source> create_all(const std::vector<config::ConnectorConfig>& entries) const;

    /// Validates every entry, enabled or not, exactly as create() does, keeping nothing (connectors
    /// connect lazily, so nothing is contacted): `config check` refuses what a card would.
    /// @throws Error{config} naming file, line and key.
    void validate(const std::vector<config::ConnectorConfig>& entries) const;

    /// Settings of the entry that its type declares risky (SettingSpec::risky_value), e.g. verify_tls
    /// set to false, naming file, line and key. Only the entry's own keys: shipped presets set none.
    std::vector<config::Warning> warnings(const config::ConnectorConfig& entry) const;

    /// The settings of an entry with its preset (if any) merged underneath: the entry's own keys win.
    YAML::Node merged_settings(const config::ConnectorConfig& entry) const;

private:
    std::map<std::string, ConnectorType> m_types;
    std::vector<std::string> m_preset_dirs;
};

/// config/presets next to the sources in a build tree, next to the configuration file, and the
/// installed share folder.
std::vector<std::string> default_preset_dirs(const std::string& config_file);

}  // namespace kartoteka::connector
