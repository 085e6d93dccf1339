#pragma once
/// Something `config check` reports without refusing the file.
#include <string>

namespace kartoteka::config {

struct Warning {
    std::string file;
    int line = 0;          ///< 1-based; 0 when unknown
    std::string key;       ///< "store.url", "connectors[0].settings.verify_tls"
    std::string message;
    /// "file:line: key 'a.b': message", the shape of configuration errors.
    std::string to_string() const {
        return file + ":" + (line > 0 ? std::to_string(line) : std::string("?")) + ": key '" + key + "': " + message;
    }
};

}  // namespace kartoteka::config
