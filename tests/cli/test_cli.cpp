#define BOOST_TEST_MODULE kartoteka cli
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "config/connectors_config.h"
#include "demo/demo_generator.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

std::string cli() { return test::binary("app/cli/kartoteka-cli"); }
std::string default_config() { return test::source_path("config/kartoteka.yaml"); }

/// A Russian mobile number in E.164 written the way an operator would type it: 8 (9XX) XXX-XX-XX.
std::string russian_national(const std::string& e164) {
    const std::string n = e164.substr(2);
    return "8 (" + n.substr(0, 3) + ") " + n.substr(3, 3) + "-" + n.substr(6, 2) + "-" + n.substr(8);
}

/// One seeded database shared by the read-only tests of this module.
struct Seeded {
    test::TempDir dir;
    std::string db = dir.file("demo.db");
    Seeded() {
        auto r = test::run(cli() + " --config " + default_config() + " --db " + db +
                           " demo seed --customers 400 --seed 3 --now 2026-11-24T09:00:00Z");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
    std::string base() const { return cli() + " --config " + default_config() + " --db " + db + " "; }
};

Seeded& seeded() {
    static Seeded s;
    return s;
}

void expect_config_error(const std::string& yaml, const std::string& must_contain) {
    test::TempDir dir;
    const std::string file = dir.file("bad.yaml");
    test::write_file(file, yaml);
    auto r = test::run(cli() + " --config " + file + " config check");
    BOOST_TEST(r.exit_code == 2, yaml);
    BOOST_TEST(r.err.find(file) != std::string::npos, r.err);
    BOOST_TEST(r.err.find(must_contain) != std::string::npos, r.err);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, "one line: " + r.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(config_check_accepts_the_default) {
    auto r = test::run(cli() + " --config " + default_config() + " config check");
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find(": ok") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_check_refuses_bad_files_with_file_line_and_key) {
    expect_config_error("store:\n  url: [unclosed\n", "malformed YAML");
    expect_config_error("screen_pop:\n  port: eighty\n", ":2: key 'screen_pop.port'");  // wrong type
    expect_config_error("locale:\n  default_region: RU\n  colour: blue\n", ":3: key 'locale.colour': unknown key");
    expect_config_error("locale:\n  default_region: RU\n  timezone: Mars/Base\n",
                        ":3: key 'locale.timezone': unknown time zone 'Mars/Base'");
    expect_config_error("locale:\n  currency: rubles\n", ":2: key 'locale.currency': expected an ISO 4217 code");
    expect_config_error("store:\n  url: /tmp/a.db\n  url: /tmp/b.db\n", ":3: key 'store.url': given twice (first on line 2)");
    auto r = test::run(cli() + " --config /nonexistent/k.yaml config check");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("/nonexistent/k.yaml") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(config_check_warns_about_secrets_in_the_file_and_verify_tls_off) {
    test::TempDir dir;
    const std::string file = dir.file("seat.yaml");
    test::write_file(file, "store:\n"
                           "  url: postgresql://kartoteka:hunter2@db.example.local/kartoteka\n"
                           "connectors:\n"
                           "  - name: helpdesk\n"
                           "    type: rest\n"
                           "    settings:\n"
                           "      base_url: https://helpdesk.example.com\n"
                           "      verify_tls: false\n"
                           "      auth_prefix: \"Token token=abc123\"\n"
                           "      entities: {customer: {endpoint: '/u?phone={phone}', fields: {id: /id}}}\n");
    auto r = test::run(cli() + " --config " + file + " config check");
    BOOST_TEST(r.exit_code == 0, r.err);  // warnings, not errors
    BOOST_TEST(r.out.find(": ok") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("3 warnings") != std::string::npos, r.out);
    BOOST_TEST(r.err.find("warning: " + file + ":2: key 'store.url': a URL with a password") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(file + ":8: key 'connectors[0].settings.verify_tls'") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(file + ":9: key 'connectors[0].settings.auth_prefix'") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("hunter2") == std::string::npos, r.err);  // never repeated on screen or in logs
    BOOST_TEST(r.err.find("abc123") == std::string::npos, r.err);
    BOOST_TEST(r.out.find("hunter2") == std::string::npos, r.out);
    // The shipped default has nothing to warn about.
    auto clean = test::run(cli() + " --config " + default_config() + " config check");
    BOOST_TEST(clean.err.empty(), clean.err);
    BOOST_TEST(clean.out.find("warning") == std::string::npos, clean.out);
}

BOOST_AUTO_TEST_CASE(card_by_phone_in_another_notation_returns_the_whole_card) {
    // Customer index 0 of this seed is Russian (the generator's nation spread starts there); find them
    // by the national notation while the database stores E.164.
    const std::string e164 = demo::demo_phone(0);
    BOOST_REQUIRE(e164.rfind("+7", 0) == 0);
    auto r = test::run(seeded().base() + "card --phone '" + russian_national(e164) + "' --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"customer", "status", "value", "interactions", "offers", "preferences", "tickets",
                            "contacts", "sources"})
        BOOST_TEST(j.contains(key), key);
    BOOST_TEST(j["customer"]["phones"][0] == e164);
    BOOST_TEST(j["sources"][0]["name"] == "local");
    BOOST_TEST(j["sources"][0]["status"] == "ok");
}

// Issue 14: help desks render phone links as tel:///%2B..., softphones hand over sip:%2B...@pbx; both
// answered "not a valid phone number". Through `card --phone`, the bare URI a tel: handler passes, and
// search with an extension; a withheld id says so (exit 1, nobody to find) instead of "invalid".
BOOST_AUTO_TEST_CASE(card_and_search_read_caller_id_uris) {
    const std::string e164 = demo::demo_phone(0), digits = e164.substr(1);
    for (const std::string& notation : {"tel:///%2B" + digits, "sip:%2B" + digits + "@pbx.example.local;user=phone",
                                        "callto://%2B" + digits, russian_national(e164) + ", доб. 100"}) {
        auto r = test::run(seeded().base() + "card --phone '" + notation + "' --json");
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, notation + ": " + r.err);
        BOOST_TEST(nlohmann::json::parse(r.out)["customer"]["phones"][0] == e164);
    }
    auto bare = test::run(seeded().base() + "tel:///%2B" + digits);
    BOOST_TEST(bare.exit_code == 0, bare.err);
    auto found = test::run(seeded().base() + "search '" + russian_national(e164) + " ext. 100'");
    BOOST_TEST(found.exit_code == 0, found.err);
    BOOST_TEST(found.out.find("(phone)") != std::string::npos, found.out);
    auto withheld = test::run(seeded().base() + "card --phone anonymous");
    BOOST_TEST(withheld.exit_code == 1);
    BOOST_TEST(withheld.err.find("withheld") != std::string::npos, withheld.err);
    auto invalid = test::run(seeded().base() + "card --phone '+359888'");
    BOOST_TEST(invalid.exit_code == 2);
    BOOST_TEST(invalid.err.find("359888") == std::string::npos, invalid.err);  // masked, not echoed
}

BOOST_AUTO_TEST_CASE(card_exit_codes) {
    BOOST_TEST(test::run(seeded().base() + "card --phone '+44 7911 123456'").exit_code == 1);  // valid, unknown
    BOOST_TEST(test::run(seeded().base() + "card --phone hello").exit_code == 2);
    BOOST_TEST(test::run(seeded().base() + "card --id 999999").exit_code == 1);
    BOOST_TEST(test::run(seeded().base() + "card --id abc").exit_code == 2);
    BOOST_TEST(test::run(seeded().base() + "card").exit_code == 2);
    BOOST_TEST(test::run(seeded().base() + "card --id 1 --bogus 2").exit_code == 2);
    BOOST_TEST(test::run(seeded().base() + "card --id 1").exit_code == 0);
    BOOST_TEST(test::run(seeded().base() + "no-such-command").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(search_by_name_email_id_and_phone) {
    auto r = test::run(seeded().base() + "search '#5' --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto hit = nlohmann::json::parse(r.out).at(0);
    BOOST_TEST(hit["id"] == 5);
    const std::string last = hit["last_name"];
    r = test::run(seeded().base() + "search '" + last + "' --json");
    BOOST_TEST(r.exit_code == 0);
    auto hits = nlohmann::json::parse(r.out);
    BOOST_TEST(std::any_of(hits.begin(), hits.end(), [](const auto& h) { return h["id"] == 5; }));
    r = test::run(seeded().base() + "search '" + std::string(hit["phones"][0]) + "'");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(test::run(seeded().base() + "search Zzyzx").exit_code == 1);
    BOOST_TEST(test::run(seeded().base() + "search").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(bulgarian_number_with_bulgarian_default_region) {
    test::TempDir dir;
    const std::string cfg = dir.file("bg.yaml");
    test::write_file(cfg, "locale:\n  default_region: BG\n");
    // Find a Bulgarian customer in the seeded data and look them up by the 0888-style national notation.
    long long index = 0;
    while (demo::demo_phone(index).rfind("+359", 0) != 0) ++index;
    const std::string e164 = demo::demo_phone(index);
    const std::string national = "0" + e164.substr(4, 3) + " " + e164.substr(7, 3) + " " + e164.substr(10);
    auto r = test::run(cli() + " --config " + cfg + " --db " + seeded().db + " card --phone '" + national + "' --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err + " for " + national);
    BOOST_TEST(nlohmann::json::parse(r.out)["customer"]["phones"][0] == e164);
}

BOOST_AUTO_TEST_CASE(version_and_help) {
    BOOST_TEST(test::run(cli() + " --version").exit_code == 0);
    auto r = test::run(cli() + " --help");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("demo seed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(card_views_are_audited_and_only_supervisors_read_the_audit) {
    test::TempDir dir;
    const std::string supervisor = dir.file("supervisor.yaml");
    test::write_file(supervisor, "agent:\n  login: supervisor\n");
    BOOST_REQUIRE(test::run(seeded().base() + "card --id 9").exit_code == 0);  // as operator (default config)
    auto denied = test::run(seeded().base() + "audit list");
    BOOST_TEST(denied.exit_code == 2);
    BOOST_TEST(denied.err.find("may not read the audit log") != std::string::npos, denied.err);
    auto r = test::run(cli() + " --config " + supervisor + " --db " + seeded().db + " audit list --customer 9 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto entries = nlohmann::json::parse(r.out);
    BOOST_REQUIRE(!entries.empty());
    BOOST_TEST(entries[0]["action"] == "view_card");
    BOOST_TEST(entries[0]["agent"] == "operator");
    test::write_file(supervisor, "agent:\n  login: nobody\n");
    BOOST_TEST(test::run(cli() + " --config " + supervisor + " --db " + seeded().db + " card --id 9").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(connectors_describe_prints_the_real_defaults_and_only_presets_that_exist) {
    auto r = test::run(cli() + " --config " + default_config() + " connectors describe rest");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const config::ConnectorConfig defaults;
    BOOST_TEST(r.out.find("timeout_ms (" + std::to_string(defaults.timeout_ms) + ",") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("priority (" + std::to_string(defaults.priority) + ",") != std::string::npos, r.out);
    // Every preset the rest type names is a file in config/presets, and every file there is named.
    const std::string marker = "(presets: ";
    const auto from = r.out.find(marker);
    BOOST_REQUIRE_MESSAGE(from != std::string::npos, r.out);
    const auto to = r.out.find(')', from);
    std::string list = r.out.substr(from + marker.size(), to - from - marker.size()) + ",";
    std::vector<std::string> named;
    for (std::size_t pos = 0, comma; (comma = list.find(',', pos)) != std::string::npos; pos = comma + 1)
        named.push_back(list.substr(pos, comma - pos).erase(0, pos ? 1 : 0));
    for (const auto& n : named)
        BOOST_TEST(std::filesystem::exists(test::source_path("config/presets/" + n + ".yaml")), n);
    for (const auto& f : std::filesystem::directory_iterator(test::source_path("config/presets")))
        BOOST_TEST((std::find(named.begin(), named.end(), f.path().stem().string()) != named.end()), f.path());
}
