#include "config/yaml_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>

#include "config/secret_scan.h"
#include "error.h"

namespace kartoteka::config {
namespace {

std::string line_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? std::to_string(mark.line + 1) : "?";
}

std::string describe_kind(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    default: return "'" + node.Scalar() + "'";
    }
}

// Limits for configuration text: a config file is small; anything far larger is a mistake or an attack
// (yaml-cpp guards nesting depth itself but expands aliases without bound).
constexpr std::size_t max_yaml_bytes = 1024 * 1024;  // the shipped one is ~10 KB
constexpr std::size_t max_aliases = 1000;
// yaml-cpp spends hundreds of bytes and some microseconds per node: a 4 MB file of one-character list
// items used to take 12 s and 1 GB. The shipped file has well under a thousand nodes.
constexpr std::size_t max_yaml_nodes = 50000;
constexpr std::chrono::milliseconds max_yaml_time{500};

/// Counts nodes as yaml-cpp's parser reports them, before any tree is built, and gives up past the
/// node or time limit.
class NodeCounter final : public YAML::EventHandler {
public:
    explicit NodeCounter(std::string name) : m_name(std::move(name)) {}
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { count(); }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { count(); }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { count(); }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        count();
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { count(); }
    void OnMapEnd() override {}

private:
    void count() {
        if (++m_nodes > max_yaml_nodes)
            throw Error(ErrorKind::config, m_name + ": more than " + std::to_string(max_yaml_nodes) +
                                               " YAML values; not a configuration file");
        if (m_nodes % 1024 == 0 && std::chrono::steady_clock::now() - m_started > max_yaml_time)
            throw Error(ErrorKind::config, m_name + ": took too long to read; not a configuration file");
    }
    std::string m_name;
    std::size_t m_nodes = 0;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

void check_nodes(const std::string& text, const std::string& name) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    NodeCounter counter(name);
    parser.HandleNextDocument(counter);  // YAML::Load reads the first document only, and so does this
}

[[noreturn]] void refuse_file(const std::string& path, const std::string& why) {
    throw Error(ErrorKind::config, path + ": " + why);
}

void check_aliases(const std::string& text, const std::string& name) {
    std::size_t aliases = 0;
    bool in_comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') in_comment = false;
        else if (c == '#') in_comment = true;
        else if (!in_comment && c == '*' && i + 1 < text.size() && text[i + 1] != ' ' && ++aliases > max_aliases)
            throw Error(ErrorKind::config, name + ": more than " + std::to_string(max_aliases) +
                                               " YAML aliases; refusing to expand them");
    }
}

}  // namespace

MapReader::MapReader(YAML::Node node, std::string file, std::string path)
    : m_node(std::move(node)), m_file(std::move(file)), m_path(std::move(path)) {
    if (m_node && !m_node.IsNull() && !m_node.IsMap())
        fail_at(m_node, "", "expected a mapping of keys, found " + describe_kind(m_node));
    refuse_duplicate_keys(m_node, "");
}

void MapReader::refuse_duplicate_keys(const YAML::Node& map, const std::string& key) const {
    // yaml-cpp keeps both pairs of a key written twice and a lookup answers with one of them, so the
    // other value would be dropped without a word: a second `url:` pasted below the first must be an
    // error, not a guess.
    if (!map || !map.IsMap()) return;
    std::map<std::string, YAML::Node> seen;
    for (const auto& kv : map) {
        if (!kv.first.IsScalar()) continue;  // not a key any getter asks for: done() reports it
        const std::string k = kv.first.Scalar();
        auto [first, fresh] = seen.emplace(k, kv.first);
        if (!fresh)
            fail_at(kv.first, key.empty() ? k : key + "." + k,
                    "given twice (first on line " + line_of(first->second) + "); keep one");
    }
}

std::string MapReader::path_of(const std::string& key) const {
    if (m_path.empty()) return key;
    if (key.empty()) return m_path;
    return m_path + "." + key;
}

void MapReader::fail(const std::string& key, const std::string& message) const {
    YAML::Node at = (m_node && m_node.IsMap() && !key.empty() && m_node[key]) ? m_node[key] : m_node;
    fail_at(at, key, message);
}

void MapReader::fail_at(const YAML::Node& node, const std::string& key, const std::string& message) const {
    std::string where = m_file + ":" + (node ? line_of(node) : "?");
    std::string k = path_of(key);
    throw Error(ErrorKind::config, where + ": " + (k.empty() ? "" : "key '" + k + "': ") + message);
}

bool MapReader::has(const std::string& key) const {
    return m_node && m_node.IsMap() && m_node[key] && !m_node[key].IsNull();
}

std::optional<YAML::Node> MapReader::scalar(const std::string& key, const char* expected) {
    m_read.insert(key);
    if (!has(key)) return std::nullopt;
    YAML::Node v = m_node[key];
    if (!v.IsScalar()) fail(key, std::string("expected ") + expected + ", found " + describe_kind(v));
    return v;
}

std::string MapReader::get_string(const std::string& key, const std::string& fallback) {
    auto v = scalar(key, "a text value");
    return v ? v->Scalar() : fallback;
}

std::string MapReader::require_string(const std::string& key) {
    auto v = scalar(key, "a text value");
    if (!v || v->Scalar().empty()) fail(key, "is required");
    return v->Scalar();
}

long long MapReader::get_int(const std::string& key, long long fallback, long long min, long long max) {
    auto v = scalar(key, "a whole number");
    if (!v) return fallback;
    long long out = 0;
    try {
        std::size_t used = 0;
        out = std::stoll(v->Scalar(), &used, 10);
        if (used != v->Scalar().size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
        fail(key, "expected a whole number, found " + describe_kind(*v));
    }
    if (out < min || out > max)
        fail(key, "expected a number from " + std::to_string(min) + " to " + std::to_string(max) + ", found " +
                      std::to_string(out));
    return out;
}

double MapReader::get_double(const std::string& key, double fallback, double min, double max) {
    auto v = scalar(key, "a number");
    if (!v) return fallback;
    double out = 0;
    try {
        std::size_t used = 0;
        out = std::stod(v->Scalar(), &used);
        if (used != v->Scalar().size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
        fail(key, "expected a number, found " + describe_kind(*v));
    }
    if (out < min || out > max) {
        std::ostringstream msg;
        msg << "expected a number from " << min << " to " << max << ", found " << out;
        fail(key, msg.str());
    }
    return out;
}

bool MapReader::get_bool(const std::string& key, bool fallback) {
    auto v = scalar(key, "true or false");
    if (!v) return fallback;
    const std::string& s = v->Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
    fail(key, "expected true or false, found " + describe_kind(*v));
}

std::vector<std::string> MapReader::get_string_list(const std::string& key) {
    m_read.insert(key);
    std::vector<std::string> out;
    if (!has(key)) return out;
    YAML::Node v = m_node[key];
    if (!v.IsSequence()) fail(key, "expected a list, found " + describe_kind(v));
    for (const auto& item : v) {
        if (!item.IsScalar()) fail_at(item, key, "expected a list of text values, found " + describe_kind(item));
        out.push_back(item.Scalar());
    }
    return out;
}

std::string MapReader::get_choice(const std::string& key, const std::string& fallback,
                                  const std::vector<std::string>& choices) {
    std::string v = get_string(key, fallback);
    for (const auto& c : choices)
        if (v == c) return v;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    fail(key, "expected one of " + list + ", found '" + v + "'");
}

MapReader MapReader::map(const std::string& key) {
    m_read.insert(key);
    if (!has(key)) return MapReader(YAML::Node(YAML::NodeType::Map), m_file, path_of(key));
    YAML::Node v = m_node[key];
    if (!v.IsMap()) fail(key, "expected a mapping of keys, found " + describe_kind(v));
    return MapReader(v, m_file, path_of(key));
}

std::vector<MapReader> MapReader::map_list(const std::string& key) {
    m_read.insert(key);
    std::vector<MapReader> out;
    if (!has(key)) return out;
    YAML::Node v = m_node[key];
    if (!v.IsSequence()) fail(key, "expected a list, found " + describe_kind(v));
    std::size_t i = 0;
    for (const auto& item : v) {
        std::string p = path_of(key) + "[" + std::to_string(i++) + "]";
        if (!item.IsMap()) {
            MapReader(YAML::Node(), m_file, p).fail_at(item, "", "expected a mapping, found " + describe_kind(item));
        }
        out.emplace_back(item, m_file, p);
    }
    return out;
}

std::vector<std::pair<std::string, YAML::Node>> MapReader::entries(const std::string& key) {
    m_read.insert(key);
    std::vector<std::pair<std::string, YAML::Node>> out;
    if (!has(key)) return out;
    YAML::Node v = m_node[key];
    if (!v.IsMap()) fail(key, "expected a mapping, found " + describe_kind(v));
    refuse_duplicate_keys(v, key);
    for (const auto& kv : v) out.emplace_back(kv.first.Scalar(), kv.second);
    return out;
}

void MapReader::done() {
    if (!m_node || !m_node.IsMap()) return;
    for (const auto& kv : m_node) {
        const std::string k = kv.first.Scalar();
        if (!m_read.count(k)) {
            std::string known;
            for (const auto& r : m_read) known += (known.empty() ? "" : ", ") + r;
            // A secret typed under a made-up key is the likeliest reason for that key: say where it goes.
            const std::string hint = is_secret_key_name(k)
                ? "; secrets never go in this file: put it in an environment variable and name that in the *_env key"
                : "";
            fail_at(kv.first, k, "unknown key (known here: " + known + ")" + hint);
        }
    }
}

YAML::Node load_yaml_string(const std::string& text, const std::string& name) {
    if (text.size() > max_yaml_bytes)
        throw Error(ErrorKind::config, name + ": larger than " + std::to_string(max_yaml_bytes / 1024 / 1024) +
                                           " MiB; not a configuration file");
    check_aliases(text, name);
    try {
        check_nodes(text, name);
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        std::string line = e.mark.line >= 0 ? std::to_string(e.mark.line + 1) : "?";
        throw Error(ErrorKind::config, name + ":" + line + ": malformed YAML: " + e.msg);
    }
}

std::string read_config_file(const std::string& path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. fstat on the
    // opened descriptor (not stat on the name) so what is checked is what is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        refuse_file(path, std::string("cannot read the configuration file (") + std::strerror(errno) + ")");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) refuse_file(path, "cannot read the configuration file");
    if (S_ISDIR(st.st_mode)) refuse_file(path, "is a directory, not a configuration file");
    if (!S_ISREG(st.st_mode)) refuse_file(path, "is not a regular file (a pipe, socket or device); give a YAML file");
    if (static_cast<std::size_t>(st.st_size) > max_yaml_bytes)
        refuse_file(path, "is " + std::to_string(st.st_size / 1024 / 1024) + " MiB, larger than " +
                              std::to_string(max_yaml_bytes / 1024) + " KiB; not a configuration file");
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {  // a file that grows while read is cut at the size checked above
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) refuse_file(path, std::string("cannot read the configuration file (") + std::strerror(errno) + ")");
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

YAML::Node load_yaml_file(const std::string& path) { return load_yaml_string(read_config_file(path), path); }

}  // namespace kartoteka::config
