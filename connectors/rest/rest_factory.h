#pragma once
/// Registers the `rest` connector type.
#include "connector/registry.h"

namespace kartoteka::connectors::rest {

void register_rest(connector::Registry& registry);

}  // namespace kartoteka::connectors::rest
