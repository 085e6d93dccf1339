#include "config/secret_scan.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace kartoteka::config {
namespace {

// Hand-written scanners rather than std::regex: libstdc++'s regex recurses per character and a
// multi-megabyte value would overflow the stack of `config check`.

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// "dbPassword" / "X-Api-Key" / "api.key" -> {"db", "password"} / {"x", "api", "key"} / {"api", "key"}.
std::vector<std::string> words_of(const std::string& key) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < key.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(key[i]);
        const bool boundary = std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(key[i - 1]));
        if (!std::isalnum(c) || boundary) {
            if (!words.back().empty()) words.emplace_back();
            if (!std::isalnum(c)) continue;
        }
        words.back() += static_cast<char>(std::tolower(c));
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

bool starts_param_value(const std::string& s, std::size_t at) {
    while (at < s.size() && s[at] == ' ') ++at;
    if (at >= s.size()) return false;
    char c = s[at];
    if (c == '\'' || c == '"') {  // libpq quotes values: password='x y'
        if (at + 1 >= s.size()) return false;
        c = s[at + 1];
        if (c == s[at]) return false;
    }
    // `{...}` is an endpoint template placeholder, filled in at run time, not a literal.
    return c != ' ' && c != '\t' && c != ';' && c != '&' && c != '{';
}

bool has_secret_param(const std::string& value) {
    static const std::array<const char*, 9> names = {"password", "passwd", "pwd", "token", "access_token",
                                                     "api_key", "apikey", "secret", "client_secret"};
    const std::string s = lower(value);
    for (const char* name : names) {
        const std::string n = name;
        for (auto at = s.find(n); at != std::string::npos; at = s.find(n, at + 1)) {
            const bool word_start = at == 0 || std::string(" \t;?&").find(s[at - 1]) != std::string::npos;
            std::size_t eq = at + n.size();
            while (eq < s.size() && s[eq] == ' ') ++eq;
            if (word_start && eq < s.size() && s[eq] == '=' && starts_param_value(s, eq + 1)) return true;
        }
    }
    return false;
}

bool has_url_password(const std::string& value) {
    for (auto scheme = value.find("://"); scheme != std::string::npos; scheme = value.find("://", scheme + 3)) {
        const std::size_t start = scheme + 3;
        const std::size_t end = value.find_first_of("/?# \t\n", start);
        const std::string authority = value.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const auto at = authority.rfind('@');
        if (at == std::string::npos) continue;
        const auto colon = authority.find(':');
        if (colon != std::string::npos && colon + 1 < at) return true;
    }
    return false;
}

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

constexpr std::size_t kMaxNodes = 200000;  // aliases can make a small file a big tree; a check stays bounded

struct Walker {
    const std::string& file;
    std::vector<Warning> out;
    std::size_t visited = 0;

    void scalar(const YAML::Node& value, const YAML::Node& at, const std::string& path, const std::string& key) {
        const std::string& v = value.Scalar();
        if (v.empty()) return;
        if (!key.empty() && is_secret_key_name(key))
            out.push_back({file, line_of(at), path,
                           "looks like a secret written into the file; keep it in an environment variable or the desktop "
                           "keyring and name the variable here instead (as store.password_env or a connector's secret_env do)"});
        else if (has_url_password(v))
            out.push_back({file, line_of(at), path,
                           "a URL with a password in it (user:password@); drop the password and put it in the variable "
                           "the matching *_env setting names"});
        else if (has_secret_param(v))
            out.push_back({file, line_of(at), path,
                           "a connection string or URL with a password or token in it; drop it and put it in the variable "
                           "the matching *_env setting names"});
    }

    void walk(const YAML::Node& node, const std::string& path, const std::string& key, const YAML::Node& at) {
        if (++visited > kMaxNodes) return;
        if (node.IsScalar()) return scalar(node, at, path, key);
        if (node.IsSequence()) {
            std::size_t i = 0;
            for (const auto& item : node) walk(item, path + "[" + std::to_string(i++) + "]", key, item);
        } else if (node.IsMap()) {
            for (const auto& kv : node) {
                const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
                walk(kv.second, path.empty() ? k : path + "." + k, k, kv.first);
            }
        }
    }
};

}  // namespace

bool is_secret_key_name(const std::string& key) {
    const auto w = words_of(key);
    if (w.empty()) return false;
    static const std::array<const char*, 11> secret_words = {"password", "passwd", "pwd", "passphrase", "token", "secret",
                                                             "authorization", "credential", "credentials", "apikey", "cookie"};
    const std::string& last = w.back();
    if (std::find(secret_words.begin(), secret_words.end(), last) != secret_words.end()) return true;
    static const std::array<const char*, 7> key_kinds = {"api", "access", "private", "secret", "auth", "signing", "encryption"};
    return last == "key" && w.size() >= 2 && std::find(key_kinds.begin(), key_kinds.end(), w[w.size() - 2]) != key_kinds.end();
}

bool value_carries_secret(const std::string& value) { return has_url_password(value) || has_secret_param(value); }

std::vector<Warning> find_literal_secrets(const YAML::Node& root, const std::string& file) {
    Walker w{file, {}, 0};
    if (root) w.walk(root, "", "", root);
    return std::move(w.out);
}

}  // namespace kartoteka::config
