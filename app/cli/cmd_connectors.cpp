// kartoteka-cli connectors describe, connectors check
#include <iomanip>
#include <ostream>

#include "cli_context.h"
#include "error.h"

namespace kartoteka::cli {
namespace {

void describe_type(std::ostream& out, const connector::ConnectorType& t) {
    out << t.name << ": " << t.summary << "\n  can provide or accept:";
    for (auto c : t.possible) out << " [" << connector::to_string(c) << "]";
    out << "\n  settings (under `settings:` of a connectors entry):\n";
    for (const auto& s : t.settings) {
        out << "    " << std::left << std::setw(20) << s.key << " " << std::setw(8) << connector::to_string(s.type) << " "
            << (s.required ? "required" : ("default " + (s.default_value.empty() ? std::string("(none)") : s.default_value)))
            << "\n        " << s.description << "\n";
    }
}

int describe(Context& ctx, const Args& args) {
    args.check_unused();
    const auto& pos = args.positional();
    if (pos.size() > 1) throw Error(ErrorKind::invalid, "connectors describe takes at most one type name");
    // The defaults come from the struct the loader fills, so this text cannot drift from them again.
    const config::ConnectorConfig defaults;
    ctx.out() << "common keys of every connectors entry: name, type, enabled (" << (defaults.enabled ? "true" : "false")
              << "), priority (" << defaults.priority << ", higher wins), timeout_ms (" << defaults.timeout_ms
              << ", the card waits no longer for this source), settings\n";
    ctx.out() << "fields each entity may map (a JSON Pointer for rest, a column for sql):\n";
    for (const auto& entity : connector::mappable_entities()) {
        ctx.out() << "  " << entity << (connector::has_record_ids(entity) ? "" : " (one record per customer)") << ":";
        const char* sep = " ";
        for (const auto& f : connector::mappable_fields(entity)) {
            ctx.out() << sep << f;
            sep = ", ";
        }
        ctx.out() << "\n";
    }
    ctx.out() << "\n";
    for (const auto* t : ctx.desk().registry().all()) {
        if (!pos.empty() && pos[0] != t->name) continue;
        describe_type(ctx.out(), *t);
        ctx.out() << "\n";
    }
    if (!pos.empty() && !ctx.desk().registry().find(pos[0])) throw Error(ErrorKind::not_found, "no connector type '" + pos[0] + "'");
    return ok;
}

int check(Context& ctx, const Args& args) {
    args.check_unused();
    const auto& entries = ctx.config().connectors;
    if (entries.empty()) ctx.out() << "no connectors configured: cards come from the local store only\n";
    for (const auto& e : entries) {
        auto c = ctx.desk().registry().create(e);  // throws Error{config} naming file, line and key
        ctx.out() << e.name << " (" << e.type << (e.enabled ? "" : ", disabled") << ", priority " << e.priority
                  << ", timeout " << e.timeout_ms << " ms):";
        for (auto cap : c->capabilities()) ctx.out() << " [" << connector::to_string(cap) << "]";
        ctx.out() << "\n";
        for (const auto& w : ctx.desk().registry().warnings(e)) ctx.err() << "warning: " << w.to_string() << "\n";
    }
    return ok;
}

}  // namespace

void add_connector_commands(std::vector<Command>& out) {
    out.push_back({"connectors describe", "[TYPE]", "print each connector type's declared settings and capabilities",
                   {}, describe});
    out.push_back({"connectors check", "", "validate the configured connectors and print what each provides", {}, check});
}

}  // namespace kartoteka::cli
