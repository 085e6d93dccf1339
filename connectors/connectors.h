#pragma once
/// Every connector type built into this program. Hosts (CLI, GUI) call register_all once on their
/// Registry and link the one target kartoteka_connectors.
#include "connector/registry.h"

namespace kartoteka::connectors {

void register_all(connector::Registry& registry);

}  // namespace kartoteka::connectors
