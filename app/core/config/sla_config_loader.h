#pragma once
/// Parsers of the `calendars:` and `sla:` sections, called by config_loader.cpp.
#include <vector>

#include "config/sla_config.h"
#include "config/yaml_reader.h"

namespace kartoteka::config {

/// Reads the `calendars:` list of the root mapping (ids unique, zones known to the tz database).
std::vector<CalendarConfig> read_calendars(MapReader& root);
/// Reads the `sla:` mapping; every calendar it names must be among `calendars`.
SlaConfig read_sla(MapReader sla, const std::vector<CalendarConfig>& calendars);

}  // namespace kartoteka::config
