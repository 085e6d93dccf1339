// Literal secrets in a configuration file: what `config check` warns about, and what it leaves alone
// (the shipped configuration, examples and presets, which name variables instead).
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "config/config.h"
#include "config/secret_scan.h"
#include "config/yaml_reader.h"
#include "error.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

std::vector<config::Warning> scan(const std::string& yaml) {
    return config::find_literal_secrets(config::load_yaml_string(yaml, "t.yaml"), "t.yaml");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_scan)

BOOST_AUTO_TEST_CASE(secret_key_names) {
    for (const char* k : {"password", "db_password", "dbPassword", "passwd", "pwd", "token", "api_token", "accessToken",
                          "secret", "client_secret", "api_key", "apiKey", "X-Api-Key", "access_key", "private_key",
                          "Authorization", "credentials", "passphrase"})
        BOOST_TEST(config::is_secret_key_name(k), k);
    for (const char* k : {"password_env", "token_env", "secret_env", "secret_keyring", "auth", "auth_user", "auth_header",
                          "auth_prefix", "idempotency_header", "keyboard", "key", "monkey", "tokens_used", "url"})
        BOOST_TEST(!config::is_secret_key_name(k), k);
}

BOOST_AUTO_TEST_CASE(values_that_carry_a_secret) {
    for (const char* v : {"postgresql://kartoteka:hunter2@db.example.local/kartoteka", "host=db dbname=k password=hunter2",
                          "host=db password = 'two words' dbname=k", "Server=db;Uid=sa;Pwd=hunter2;", "https://u:p@h/x",
                          "/api/search?q=x&api_key=abc123", "Token token=abc123"})
        BOOST_TEST(config::value_carries_secret(v), v);
    for (const char* v : {"postgresql://kartoteka@db.example.local/kartoteka", "host=db dbname=k user=k", "password=",
                          "host=db password='' dbname=k", "Token token=", "/search?query={phone}&token={id}",
                          "https://helpdesk.example.com:8443/api", "mailto:a@b.c", "~/.local/share/kartoteka/kartoteka.db",
                          "/api/v1/tickets/search?query=customer_id:{customer_id}&expand=true"})
        BOOST_TEST(!config::value_carries_secret(v), v);
}

BOOST_AUTO_TEST_CASE(warnings_name_file_line_and_key_but_never_the_secret) {
    const auto w = scan("store:\n"
                        "  url: postgresql://k:hunter2@db/k\n"
                        "connectors:\n"
                        "  - name: crm\n"
                        "    settings:\n"
                        "      base_url: https://crm.example.com\n"
                        "      api_token: s3cr3t-t0ken\n"
                        "      headers: {Authorization: Bearer abcdef}\n"
                        "      password_env: CRM_PASSWORD\n"
                        "      password: \"\"\n");
    BOOST_REQUIRE(w.size() == 3u);
    BOOST_TEST(w[0].to_string().rfind("t.yaml:2: key 'store.url': a URL with a password", 0) == 0u, w[0].to_string());
    BOOST_TEST(w[1].line == 7);
    BOOST_TEST(w[1].key == "connectors[0].settings.api_token");
    BOOST_TEST(w[2].line == 8);
    BOOST_TEST(w[2].key == "connectors[0].settings.headers.Authorization");
    for (const auto& x : w) {
        BOOST_TEST(x.message.find("hunter2") == std::string::npos);
        BOOST_TEST(x.message.find("s3cr3t") == std::string::npos);
        BOOST_TEST(x.message.find("abcdef") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(shipped_configuration_examples_and_presets_are_clean) {
    namespace fs = std::filesystem;
    int files = 0;
    for (const char* dir : {"config", "config/examples", "config/presets"})
        for (const auto& e : fs::directory_iterator(test::source_path(dir))) {
            if (e.path().extension() != ".yaml") continue;
            ++files;
            const auto w = config::find_literal_secrets(config::load_yaml_file(e.path().string()), e.path().string());
            BOOST_TEST(w.empty(), e.path().string() << ": " << (w.empty() ? "" : w[0].to_string()));
        }
    BOOST_TEST(files >= 6);  // kartoteka.yaml, three examples, two presets
}

BOOST_AUTO_TEST_CASE(an_unknown_secret_looking_key_says_where_secrets_go) {
    try {
        config::parse_config("store:\n  url: host=db\n  password: hunter2\n", "t.yaml");
        BOOST_FAIL("an unknown key was accepted");
    } catch (const Error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("t.yaml:3: key 'store.password': unknown key") != std::string::npos, what);
        BOOST_TEST(what.find("environment variable") != std::string::npos, what);
        BOOST_TEST(what.find("hunter2") == std::string::npos, what);
    }
}

BOOST_AUTO_TEST_CASE(the_scan_stays_bounded_on_alias_heavy_files) {
    // Nine levels of ten aliases each: under the loader's alias limit, but a walk following every alias
    // would visit 10^9 secrets. The walk is capped instead.
    std::string yaml = "l0: &l0 {password: x}\n";
    for (int level = 1; level <= 9; ++level) {
        yaml += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
        for (int i = 0; i < 10; ++i) yaml += std::string(i ? ", " : "") + "*l" + std::to_string(level - 1);
        yaml += "]\n";
    }
    const auto w = scan(yaml);
    BOOST_TEST(w.size() > 1000u);      // it did look inside the aliases
    BOOST_TEST(w.size() <= 200000u);   // and stopped
}

BOOST_AUTO_TEST_SUITE_END()
