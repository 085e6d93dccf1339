#pragma once
/// Registers the `rest` connector type.
#include "connector/registry.h"

namespace kartoteka::connectors::rest {

void register_rest(connector::Registry& registry);

/// The secret for a connector: the environment variable first, then (when built with libsecret) the
/// desktop keyring entry {service: kartoteka, connector: NAME}. Empty when neither has it.
std::string read_secret(const std::string& env_name, const std::string& keyring_name);

}  // namespace kartoteka::connectors::rest
