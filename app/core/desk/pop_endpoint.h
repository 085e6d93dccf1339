#pragma once
/// The screen-pop endpoint as hosts see it: the loopback HTTP transport (connector/screen_pop_server.h:
/// token, limits, JSON errors) whose handler is the desk's open_card with Origin::pop. The window and
/// `kartoteka-cli serve` both answer a pop through it.
#include "connector/screen_pop_server.h"

namespace kartoteka::desk {

using PopEndpoint = connector::ScreenPopServer;
using PopEndpointOptions = connector::ScreenPopOptions;

}  // namespace kartoteka::desk
