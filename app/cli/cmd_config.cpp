// kartoteka-cli config check
#include <ostream>

#include "cli_context.h"
#include "config/secret_scan.h"
#include "config/yaml_reader.h"

namespace kartoteka::cli {
namespace {

/// What a valid file should still not say: literal secrets, and connector settings their type declares
/// risky (verify_tls: false). Warnings only: the exit status stays 0.
std::vector<config::Warning> warnings(Context& ctx) {
    const auto& c = ctx.config();
    // Read again for the raw tree: the typed Config keeps no values it has no use for, and a secret
    // typed into a known key (store.url with user:password@) is exactly such a value's neighbour.
    auto out = config::find_literal_secrets(config::load_yaml_file(c.source_file), c.source_file);
    for (const auto& entry : c.connectors)
        for (auto& w : ctx.desk().registry().warnings(entry)) out.push_back(std::move(w));
    return out;
}

int check(Context& ctx, const Args& args) {
    args.check_unused();
    // Loading already validated it (main turns any error into exit 2 with file:line:key).
    const auto& c = ctx.config();
    ctx.desk().registry().validate(c.connectors);  // the connectors' own settings, as `connectors check` reads them
    const auto found = warnings(ctx);
    for (const auto& w : found) ctx.err() << "warning: " << w.to_string() << "\n";
    ctx.out() << c.source_file << ": ok (store: " << ctx.desk().store_description() << ", region "
              << c.locale.default_region << ")";
    if (!found.empty()) ctx.out() << ", " << found.size() << (found.size() == 1 ? " warning" : " warnings");
    ctx.out() << "\n";
    return ok;
}

}  // namespace

void add_config_commands(std::vector<Command>& out) {
    out.push_back({"config check", "",
                   "validate the configuration file; exit 0 when valid (warnings for secrets written into it and "
                   "risky settings), 2 with the reason otherwise",
                   {}, check});
}

}  // namespace kartoteka::cli
