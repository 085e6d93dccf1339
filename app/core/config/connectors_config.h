#pragma once
/// The `connectors:` section: one entry per configured backend. The common keys are typed here; each
/// connector's own `settings:` mapping is kept as YAML and validated against that connector type's
/// declared settings when the connector is created (connector::Registry), because only the registry
/// knows the declarations and the core config must not depend on which connectors are linked.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace kartoteka::config {

class MapReader;

struct ConnectorConfig {
    std::string name;          ///< unique; names the source on the card and in the outbox
    std::string type;          ///< a registered connector type: "rest", "sql"
    bool enabled = true;
    int priority = 10;         ///< higher wins when sources disagree on a field
    int timeout_ms = 800;      ///< the card does not wait longer than this for this source (a live call: under 1 s)
    YAML::Node settings;       ///< the connector's own keys (validated by the registry)
    std::string file;          ///< for messages: the file it was read from
    std::string path;          ///< for messages: "connectors[0].settings"
};

/// The `outbox:` section: how write-backs to backends are retried.
struct OutboxConfig {
    int max_attempts = 8;    ///< then the entry is failed until `kartoteka-cli outbox retry`
    int backoff_s = 30;      ///< first wait after a failed attempt, doubled each time (at most an hour)
    int timeout_ms = 5000;   ///< per delivery attempt
};
OutboxConfig read_outbox(MapReader r);

/// Reads the `connectors:` list (absent = none). Names must be unique and not "local".
std::vector<ConnectorConfig> read_connectors(MapReader& root);

}  // namespace kartoteka::config
