#include "config/config.h"
#include "config/retention_config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/sla_config_loader.h"
#include "config/yaml_reader.h"
#include "error.h"
#include "util/build_tree.h"


namespace kartoteka::config {
namespace {

/// The shape of an ISO 4217 code; which codes exist is the standard's business, not this file's.
bool is_currency_code(const std::string& s) {
    return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

void read_store(MapReader r, StoreConfig& c) {
    c.url = r.get_string("url", c.url);
    if (c.url.empty()) r.fail("url", "is empty; give a SQLite file path or a PostgreSQL connection string");
    c.password_env = r.get_string("password_env", c.password_env);
    c.password_keyring = r.get_bool("password_keyring", c.password_keyring);
    r.done();
}

void read_locale(MapReader r, LocaleConfig& c) {
    c.default_region = r.get_string("default_region", c.default_region);
    if (c.default_region.size() != 2) r.fail("default_region", "expected a two-letter region such as RU, BG or GB");
    c.other_regions = r.get_string_list("other_regions");
    for (const auto& region : c.other_regions)
        if (region.size() != 2 || !std::isupper(static_cast<unsigned char>(region[0])) ||
            !std::isupper(static_cast<unsigned char>(region[1])))
            r.fail("other_regions", "expected two-letter regions such as BG or GB, found '" + region + "'");
    c.language = r.get_choice("language", c.language, {"auto", "en", "ru", "bg"});
    c.timezone = r.get_string("timezone", c.timezone);
    check_time_zone(r, "timezone", c.timezone);
    c.currency = r.get_string("currency", c.currency);
    if (!is_currency_code(c.currency))
        r.fail("currency", "expected an ISO 4217 code of three capital letters such as RUB, BGN or EUR, found '" +
                               c.currency + "'");
    r.done();
}

void read_screen_pop(MapReader r, ScreenPopConfig& c) {
    c.enabled = r.get_bool("enabled", c.enabled);
    c.port = static_cast<int>(r.get_int("port", c.port, 1, 65535));
    c.token_env = r.get_string("token_env", c.token_env);
    r.done();
}

void read_log(MapReader r, LogConfig& c) {
    c.level = r.get_choice("level", c.level, {"trace", "debug", "info", "warn", "error", "off"});
    c.file = r.get_string("file", c.file);
    r.done();
}

}  // namespace

Config parse_config(const std::string& text, const std::string& name) {
    YAML::Node root = load_yaml_string(text, name);
    Config c;
    c.source_file = name;
    MapReader r(root, name, "");
    read_store(r.map("store"), c.store);
    read_locale(r.map("locale"), c.locale);
    {
        MapReader a = r.map("agent");
        c.agent.login = a.get_string("login", c.agent.login);
        a.done();
    }
    read_screen_pop(r.map("screen_pop"), c.screen_pop);
    {
        MapReader k = r.map("card");
        c.card.timeline_page = static_cast<int>(k.get_int("timeline_page", c.card.timeline_page, 5, 1000));
        c.card.local_priority = static_cast<int>(k.get_int("local_priority", c.card.local_priority, 0, 1000));
        k.done();
    }
    {
        MapReader d = r.map("directory");
        c.directory.sync_interval_min = static_cast<int>(d.get_int("sync_interval_min", c.directory.sync_interval_min, 0, 10080));
        c.directory.page_timeout_ms = static_cast<int>(d.get_int("page_timeout_ms", c.directory.page_timeout_ms, 100, 600000));
        d.done();
    }
    read_log(r.map("log"), c.log);
    c.calendars = read_calendars(r);
    c.sla = read_sla(r.map("sla"), c.calendars);
    read_retention(r.map("retention"), c.retention);
    c.connectors = read_connectors(r);
    c.outbox = read_outbox(r.map("outbox"));
    c.wrap_up = read_wrap_up(r.map("wrap_up"));
    c.callbacks = read_callbacks(r.map("callbacks"));
    r.done();
    return c;
}

Config load_config(const std::string& path) { return parse_config(read_config_file(path), path); }

std::string default_config_path() {
    namespace fs = std::filesystem;
    const fs::path in_tree = fs::path(util::source_dir()) / "config" / "kartoteka.yaml";
    if (util::running_from_build_tree() && fs::exists(in_tree)) return in_tree.string();
    return "/etc/kartoteka/kartoteka.yaml";
}

}  // namespace kartoteka::config
