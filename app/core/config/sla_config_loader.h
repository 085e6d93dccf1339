#pragma once
/// Parsers of the `calendars:` and `sla:` sections, called by config_loader.cpp.
#include <string>
#include <vector>

#include "config/sla_config.h"
#include "config/yaml_reader.h"

namespace kartoteka::config {

/// Refuses a time zone the tz database does not know, naming file, line and key (a calendar's zone,
/// the centre's locale.timezone): a typo would otherwise shift every deadline and date on screen.
void check_time_zone(const MapReader& r, const std::string& key, const std::string& zone);

/// Reads the `calendars:` list of the root mapping (ids unique, zones known to the tz database).
std::vector<CalendarConfig> read_calendars(MapReader& root);
/// Reads the `sla:` mapping; every calendar it names must be among `calendars`.
SlaConfig read_sla(MapReader sla, const std::vector<CalendarConfig>& calendars);

}  // namespace kartoteka::config
