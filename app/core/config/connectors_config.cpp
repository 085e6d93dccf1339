#include "config/connectors_config.h"

#include <set>

#include "config/yaml_reader.h"

namespace kartoteka::config {

std::vector<ConnectorConfig> read_connectors(MapReader& root) {
    std::vector<ConnectorConfig> out;
    std::set<std::string> seen;
    auto list = root.map_list("connectors");
    for (std::size_t i = 0; i < list.size(); ++i) {
        MapReader& r = list[i];
        ConnectorConfig c;
        c.name = r.require_string("name");
        if (c.name.empty() || c.name == "local")
            r.fail("name", "must be non-empty and not 'local' (the local store's name on the card)");
        if (!seen.insert(c.name).second) r.fail("name", "'" + c.name + "' is used by two connectors");
        c.type = r.require_string("type");
        c.enabled = r.get_bool("enabled", c.enabled);
        c.priority = static_cast<int>(r.get_int("priority", c.priority, 0, 1000));
        c.timeout_ms = static_cast<int>(r.get_int("timeout_ms", c.timeout_ms, 10, 60000));
        // Read here only for its shape; the registry validates the keys inside against the type's
        // declaration. The node itself is kept (not cloned) so error messages keep their line numbers.
        c.settings = r.map("settings").node();
        c.file = r.file();
        c.path = r.path_of("settings");
        r.done();
        out.push_back(std::move(c));
    }
    return out;
}

OutboxConfig read_outbox(MapReader r) {
    OutboxConfig c;
    c.max_attempts = static_cast<int>(r.get_int("max_attempts", c.max_attempts, 1, 1000));
    c.backoff_s = static_cast<int>(r.get_int("backoff_s", c.backoff_s, 1, 3600));
    c.timeout_ms = static_cast<int>(r.get_int("timeout_ms", c.timeout_ms, 100, 120000));
    r.done();
    return c;
}

}  // namespace kartoteka::config
