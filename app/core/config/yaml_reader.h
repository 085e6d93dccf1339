#pragma once
/// Strict reading of YAML into typed values: every error names the file, the line, the key path and
/// what was expected; keys nobody read and keys written twice in one mapping are errors (GUIDE rule 5). Section parsers for new features
/// (connectors, calendars, ...) are written against this class.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kartoteka::config {

/// A YAML mapping being read. Call the getters for every key you know, then done(): any other key is
/// reported as unknown. Copies share nothing; children are read through their own MapReader.
class MapReader {
public:
    MapReader(YAML::Node node, std::string file, std::string path);
    MapReader(const MapReader&) = default;
    MapReader(MapReader&&) = default;
    // No assignment: YAML::Node's operator= overwrites the node it refers to, so `reader = other`
    // would silently replace a section of the loaded configuration with another one.
    MapReader& operator=(const MapReader&) = delete;
    MapReader& operator=(MapReader&&) = delete;

    /// Optional scalar: returns the default when the key is absent.
    std::string get_string(const std::string& key, const std::string& fallback);
    long long get_int(const std::string& key, long long fallback, long long min, long long max);
    double get_double(const std::string& key, double fallback, double min, double max);
    bool get_bool(const std::string& key, bool fallback);
    std::vector<std::string> get_string_list(const std::string& key);

    /// Required scalar: an error when absent.
    std::string require_string(const std::string& key);

    /// One of a fixed set of names.
    std::string get_choice(const std::string& key, const std::string& fallback,
                           const std::vector<std::string>& choices);

    bool has(const std::string& key) const;
    /// A nested mapping (absent -> an empty mapping, so its defaults apply).
    MapReader map(const std::string& key);
    /// A sequence of mappings.
    std::vector<MapReader> map_list(const std::string& key);
    /// A mapping used as a dictionary (keys are data, e.g. day names or problem types).
    std::vector<std::pair<std::string, YAML::Node>> entries(const std::string& key);

    /// Reports the first key of this mapping that no getter asked for.
    void done();

    /// Throws Error{config} "file:line: key 'a.b': message".
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    [[noreturn]] void fail_at(const YAML::Node& node, const std::string& key, const std::string& message) const;

    const std::string& file() const { return m_file; }
    std::string path_of(const std::string& key) const;
    const YAML::Node& node() const { return m_node; }

private:
    /// Throws when `map` (this reader's node, or the dictionary under `key`) names a key twice.
    void refuse_duplicate_keys(const YAML::Node& map, const std::string& key) const;
    std::optional<YAML::Node> scalar(const std::string& key, const char* expected);

    YAML::Node m_node;
    std::string m_file;
    std::string m_path;
    std::set<std::string> m_read;
};

/// Parses a whole YAML document, converting yaml-cpp's parse errors to Error{config} with file:line,
/// and refusing alias bombs and absurd sizes before yaml-cpp expands them.
YAML::Node load_yaml_file(const std::string& path);
/// The text of a configuration file, refusing before reading anything that is not a regular file
/// (a directory, a FIFO that would block, a device) or that is larger than a configuration can be.
/// @throws Error{config} naming the file and why.
std::string read_config_file(const std::string& path);
YAML::Node load_yaml_string(const std::string& text, const std::string& name);

}  // namespace kartoteka::config
