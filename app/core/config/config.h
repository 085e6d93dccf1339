#pragma once
/// The configuration, read once into typed structs (GUIDE rule 5). Sections owned by a feature live
/// in their own header and parser file (connectors, calendars and SLA, retention) and are added here.
#include <string>
#include <vector>

#include "config/sla_config.h"
#include "config/retention_config.h"
#include "config/connectors_config.h"
#include "config/wrap_up_config.h"

namespace kartoteka::config {

struct StoreConfig {
    /// SQLite file path ("~/" expanded) or PostgreSQL connection string; --db overrides it.
    std::string url = "~/.local/share/kartoteka/kartoteka.db";
    /// Environment variable holding the PostgreSQL password; never a password in the file.
    std::string password_env = "KARTOTEKA_DB_PASSWORD";
    /// Else look the password up in the desktop keyring, entry "store" (`kartoteka-cli secret set store`).
    bool password_keyring = false;
};

struct LocaleConfig {
    std::string default_region = "RU";   ///< for phone numbers without a country code
    /// Other regions the centre serves: a number typed nationally that is no valid number in
    /// default_region is also read in each of these by search ("0871 250 405" in a RU centre: +359...).
    std::vector<std::string> other_regions;
    std::string language = "auto";       ///< auto (system locale), en, ru, bg
    std::string timezone = "Europe/Moscow";  ///< the centre's own zone, for dates on screen
    std::string currency = "RUB";
};

/// The person signed in at this seat (the demo database has these logins).
struct AgentConfig {
    std::string login = "operator";
};

struct ScreenPopConfig {
    bool enabled = true;
    int port = 18765;                            ///< on 127.0.0.1 only
    std::string token_env = "KARTOTEKA_POP_TOKEN";  ///< shared secret the telephony client sends
};

struct CardConfig {
    int timeline_page = 50;  ///< interactions per page on the card
    int local_priority = 50; ///< the local store's rank among the connectors' priorities (higher wins)
};

/// The workstation's log (util/log.h). kartoteka-cli logs to stderr instead, warnings and errors unless
/// --log-level says otherwise; KARTOTEKA_LOG_LEVEL in the environment overrides the level of both.
struct LogConfig {
    std::string level = "info";  ///< trace, debug, info, warn, error, off
    std::string file;            ///< "" = $XDG_STATE_HOME/kartoteka/kartoteka.log (~/.local/state/...)
};

/// Directory sync (issue 15): customers copied from every connector that lists them.
struct DirectoryConfig {
    int sync_interval_min = 0;      ///< the window syncs in the background this often; 0 = only on demand
    int page_timeout_ms = 30000;    ///< each page (request or batch query) of a backend's list
};

struct Config {
    std::string source_file;  ///< where it was read from, for messages
    StoreConfig store;
    LocaleConfig locale;
    AgentConfig agent;
    ScreenPopConfig screen_pop;
    CardConfig card;
    DirectoryConfig directory;
    LogConfig log;
    std::vector<CalendarConfig> calendars;  ///< business calendars (issue 4)
    SlaConfig sla;                          ///< SLA policies (issue 4)
    RetentionConfig retention;  ///< retention rules (retention_config.h)
    std::vector<ConnectorConfig> connectors;  ///< backends the card is gathered from (connectors_config.h)
    OutboxConfig outbox;                      ///< write-back retries (connectors_config.h)
    WrapUpConfig wrap_up;                     ///< disposition codes of a logged contact (wrap_up_config.h)
    CallbacksConfig callbacks;                ///< callback reminders (wrap_up_config.h)
};

/// Reads and validates a configuration file. @throws Error{config} naming file, line and key.
Config load_config(const std::string& path);
/// The same from text (tests, fuzzing); `name` stands for the file in messages.
Config parse_config(const std::string& text, const std::string& name);

/// config/kartoteka.yaml next to the sources in a build tree, /etc/kartoteka/kartoteka.yaml when
/// installed; what --config defaults to.
std::string default_config_path();

}  // namespace kartoteka::config
