// kartoteka-cli directory sync, directory status
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

std::string when(model::Timestamp t) { return t ? util::format_iso(t) : std::string("never"); }

int directory_sync(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    const bool full = args.flag("full");
    const std::string name = args.option_or("connector", "");
    now_of(ctx, args);
    args.check_unused();
    const auto runs = ctx.desk().sync_directory(name, full);
    if (runs.empty()) ctx.err() << "no enabled connector lists customers (give one a directory entity or query)\n";
    bool all_done = true;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : runs) {
        all_done = all_done && r.complete;
        if (json)
            out.push_back({{"source", r.source}, {"added", r.added}, {"updated", r.updated}, {"kept_local", r.kept_local},
                           {"skipped", r.skipped}, {"reasons", r.reasons}, {"complete", r.complete},
                           {"error", r.error}, {"elapsed_ms", r.elapsed_ms}});
        else
            ctx.out() << r.source << ": " << r.summary() << " in " << r.elapsed_ms << " ms\n";
    }
    if (json) ctx.out() << out.dump(2) << "\n";
    return all_done ? ok : failure;  // a run cut off resumes where it stopped next time
}

int directory_status(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    args.check_unused();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : ctx.desk().directory_status()) {
        if (json)
            out.push_back({{"source", s.source}, {"last_sync", s.last_run_at ? nlohmann::json(util::format_iso(s.last_run_at)) : nlohmann::json(nullptr)},
                           {"last_batch", s.last_batch_at ? nlohmann::json(util::format_iso(s.last_batch_at)) : nlohmann::json(nullptr)},
                           {"last_summary", s.last_summary}});
        else
            ctx.out() << s.source << ": last synced " << when(s.last_run_at)
                      << (s.last_summary.empty() ? "" : " (" + s.last_summary + ")") << "\n";
    }
    if (json) ctx.out() << out.dump(2) << "\n";
    return ok;
}

}  // namespace

void add_directory_commands(std::vector<Command>& out) {
    out.push_back({"directory sync", "[--connector NAME] [--full] [--json]",
                   "copy customers from every connector that lists them into the local index, from where the last "
                   "run stopped (--full: from the start)",
                   {"json", "full"}, directory_sync});
    out.push_back({"directory status", "[--json]", "each directory source and when it was last synced", {"json"},
                   directory_status});
}

}  // namespace kartoteka::cli
