#pragma once
/// Registers the `sql` connector type.
#include "connector/registry.h"

namespace kartoteka::connectors::sql {

void register_sql(connector::Registry& registry);

}  // namespace kartoteka::connectors::sql
