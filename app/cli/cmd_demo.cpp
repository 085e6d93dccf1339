// kartoteka-cli demo seed
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ostream>

#include "cli_context.h"
#include "demo/demo_generator.h"
#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

long long parse_count(const std::string& text, const char* what) {
    try {
        std::size_t used = 0;
        long long v = std::stoll(text, &used);
        if (used == text.size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::invalid, std::string(what) + " must be a whole number of zero or more, not '" + text + "'");
}

int seed(Context& ctx, const Args& args) {
    demo::DemoOptions opt;
    opt.customers = parse_count(args.option_or("customers", "1000"), "--customers");
    opt.seed = static_cast<std::uint64_t>(parse_count(args.option_or("seed", "1"), "--seed"));
    if (auto now = instant_option(args, "now")) opt.now = *now;
    args.check_unused();
    opt.sla = ctx.config().sla;  // open tickets are aged against the centre's own norms and calendars
    opt.calendars = ctx.config().calendars;
    const bool tty = isatty(STDERR_FILENO);
    const auto started = std::chrono::steady_clock::now();
    auto progress = [&](long long done, long long total) {
        if (!tty) return;
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const int width = 40;
        const int filled = total ? static_cast<int>(width * done / total) : width;
        std::fprintf(stderr, "\r[%-*s] %lld/%lld customers, %.0f/s ", width, std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     done, total, secs > 0 ? static_cast<double>(done) / secs : 0.0);
        std::fflush(stderr);
    };
    demo::DemoStats stats;
    ctx.desk().with_store([&](auto& store) { stats = demo::seed_demo(store, opt, progress); });
    if (tty) std::fputc('\n', stderr);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ctx.out() << "seeded " << stats.customers << " customers (" << stats.phones << " phones, " << stats.emails
              << " emails, " << stats.orders << " orders, " << stats.interactions << " interactions, " << stats.tickets
              << " tickets, " << stats.offers << " offers, " << stats.preferences << " preference records, "
              << stats.contacts << " planned contacts) into " << ctx.desk().store_description() << " in "
              << static_cast<long long>(secs * 10) / 10.0 << " s\n";
    return ok;
}

}  // namespace

void add_demo_commands(std::vector<Command>& out) {
    out.push_back({"demo seed", "--customers N [--seed S] [--now ISO-TIME]",
                   "generate realistic demo data (deterministic for a seed) into the store", {}, seed});
}

}  // namespace kartoteka::cli
