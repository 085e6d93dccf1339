// kartoteka-cli config check
#include <ostream>

#include "cli_context.h"

namespace kartoteka::cli {

void add_config_commands(std::vector<Command>& out) {
    out.push_back({"config check", "", "validate the configuration file; exit 0 when valid, 2 with the reason otherwise",
                   {},
                   [](Context& ctx, const Args& args) {
                       args.check_unused();
                       // Loading already validated it (main turns any error into exit 2 with file:line:key).
                       const auto& c = ctx.config();
                       ctx.out() << c.source_file << ": ok (store: " << ctx.store_location().describe()
                                 << ", region " << c.locale.default_region << ")\n";
                       return ok;
                   }});
}

}  // namespace kartoteka::cli
