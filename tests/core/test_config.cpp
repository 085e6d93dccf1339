#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "config/config.h"
#include "error.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

/// The message of the config error the text produces; empty when it loads.
std::string config_error(const std::string& text) {
    try {
        config::parse_config(text, "test.yaml");
    } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::config));
        return e.what();
    }
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(configuration)

BOOST_AUTO_TEST_CASE(the_shipped_default_config_loads) {
    auto c = config::load_config(test::source_path("config/kartoteka.yaml"));
    BOOST_TEST(c.locale.default_region == "RU");
    BOOST_TEST((c.locale.other_regions == std::vector<std::string>{"BG", "GB"}));
    BOOST_TEST(c.screen_pop.port == 18765);
}

BOOST_AUTO_TEST_CASE(other_regions_are_two_letter_regions) {
    BOOST_TEST(config::parse_config("", "e.yaml").locale.other_regions.empty());  // none unless listed
    std::string e = config_error("locale:\n  other_regions: [BG, bulgaria]\n");
    BOOST_TEST(e.find("other_regions") != std::string::npos);
    BOOST_TEST(e.find("bulgaria") != std::string::npos);
    e = config_error("locale:\n  other_regions: BG\n");
    BOOST_TEST(e.find("expected a list") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_file_means_all_defaults) {
    auto c = config::parse_config("", "empty.yaml");
    BOOST_TEST(c.card.timeline_page == 50);
}

BOOST_AUTO_TEST_CASE(unknown_key_names_file_line_and_key) {
    std::string e = config_error("store:\n  url: x.db\nlocale:\n  default_regoin: BG\n");
    BOOST_TEST(e.find("test.yaml:4") != std::string::npos, e);
    BOOST_TEST(e.find("locale.default_regoin") != std::string::npos, e);
    BOOST_TEST(e.find("unknown key") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(wrong_type_says_what_was_expected) {
    std::string e = config_error("screen_pop:\n  port: eighty\n");
    BOOST_TEST(e.find("test.yaml:2") != std::string::npos, e);
    BOOST_TEST(e.find("screen_pop.port") != std::string::npos, e);
    BOOST_TEST(e.find("whole number") != std::string::npos, e);
    e = config_error("screen_pop:\n  port: 700000\n");
    BOOST_TEST(e.find("from 1 to 65535") != std::string::npos, e);
    e = config_error("store: [1, 2]\n");
    BOOST_TEST(e.find("'store'") != std::string::npos, e);
    e = config_error("locale:\n  language: klingon\n");
    BOOST_TEST(e.find("one of auto, en, ru, bg") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(the_log_section_is_validated_like_the_rest) {
    auto c = config::parse_config("log:\n  level: debug\n  file: ~/kartoteka.log\n", "test.yaml");
    BOOST_TEST(c.log.level == "debug");
    BOOST_TEST(c.log.file == "~/kartoteka.log");
    BOOST_TEST(config::parse_config("", "test.yaml").log.level == "info");
    std::string e = config_error("log:\n  level: loud\n");
    BOOST_TEST(e.find("log.level") != std::string::npos, e);
    e = config_error("log:\n  levle: debug\n");
    BOOST_TEST(e.find("unknown key") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(locale_time_zone_and_currency_are_checked) {
    const auto ok = config::parse_config("locale:\n  timezone: Europe/Sofia\n  currency: BGN\n", "test.yaml");
    BOOST_TEST(ok.locale.timezone == "Europe/Sofia");
    BOOST_TEST(ok.locale.currency == "BGN");
    BOOST_TEST(config_error("locale:\n  timezone: UTC\n").empty());
    std::string e = config_error("locale:\n  default_region: RU\n  timezone: Mars/Base\n");
    BOOST_TEST(e.find("test.yaml:3: key 'locale.timezone': unknown time zone 'Mars/Base'") != std::string::npos, e);
    e = config_error("locale:\n  timezone: \"\"\n");
    BOOST_TEST(e.find("key 'locale.timezone'") != std::string::npos, e);
    for (const char* bad : {"rub", "RUBL", "R1B", "\"\""}) {
        e = config_error(std::string("locale:\n  currency: ") + bad + "\n");
        BOOST_TEST(e.find("test.yaml:2: key 'locale.currency': expected an ISO 4217 code") != std::string::npos, e);
    }
}

BOOST_AUTO_TEST_CASE(a_key_written_twice_is_an_error_not_a_silent_choice) {
    std::string e = config_error("store:\n  url: first.db\n  password_env: PW\n  url: second.db\n");
    BOOST_TEST(e.find("test.yaml:4: key 'store.url': given twice (first on line 2)") != std::string::npos, e);
    e = config_error("locale: {currency: RUB}\nagent: {login: a}\nlocale: {currency: EUR}\n");
    BOOST_TEST(e.find("test.yaml:3: key 'locale': given twice (first on line 1)") != std::string::npos, e);
    // Inside lists of mappings and in mappings whose keys are data (policies, days of the week).
    e = config_error("connectors:\n  - name: a\n    type: rest\n    name: b\n");
    BOOST_TEST(e.find("test.yaml:4: key 'connectors[0].name': given twice") != std::string::npos, e);
    e = config_error("sla:\n  policies:\n    billing: {resolution: 8h}\n    billing: {resolution: 16h}\n");
    BOOST_TEST(e.find("test.yaml:4: key 'sla.policies.billing': given twice") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(malformed_yaml_names_the_line) {
    std::string e = config_error("store:\n  url: [unclosed\nlocale: {}\n");
    BOOST_TEST(e.find("test.yaml:") != std::string::npos, e);
    BOOST_TEST(e.find("malformed YAML") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(missing_file_is_a_config_error) {
    try {
        config::load_config("/nonexistent/kartoteka.yaml");
        BOOST_FAIL("no error");
    } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::config));
        BOOST_TEST(std::string(e.what()).find("/nonexistent/kartoteka.yaml") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(alias_bombs_are_refused_before_expansion) {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'z'; ++c, ++prev) {
        bomb += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 60; ++i) bomb += std::string(i ? ", *" : "*") + prev;
        bomb += "]\n";
    }
    std::string e = config_error(bomb);
    BOOST_TEST(e.find("aliases") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(only_a_regular_file_of_config_size_is_read) {
    test::TempDir dir;
    const auto refused = [](const std::string& path) -> std::string {
        try {
            config::load_config(path);
        } catch (const Error& e) {
            BOOST_TEST((e.kind() == ErrorKind::config));
            return e.what();
        }
        return {};
    };
    std::string e = refused(dir.path().string());  // a directory used to load as "every default"
    BOOST_TEST(e.find("is a directory") != std::string::npos, e);
    const std::string fifo = dir.file("fifo.yaml");
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    e = refused(fifo);  // used to wait for a writer forever
    BOOST_TEST(e.find("not a regular file") != std::string::npos, e);
    const std::string big = dir.file("big.yaml");
    test::write_file(big, "");
    BOOST_REQUIRE(::truncate(big.c_str(), 1LL << 30) == 0);  // sparse: the size is checked, nothing read
    e = refused(big);
    BOOST_TEST(e.find("big.yaml") != std::string::npos, e);
    BOOST_TEST(e.find("larger than") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(a_huge_number_of_yaml_values_is_refused_before_a_tree_is_built) {
    std::string list = "x:\n";
    for (int i = 0; i < 60000; ++i) list += "- 1\n";
    std::string e = config_error(list);
    BOOST_TEST(e.find("more than") != std::string::npos, e);
    BOOST_TEST(e.find("test.yaml") != std::string::npos, e);
}

BOOST_AUTO_TEST_SUITE_END()
