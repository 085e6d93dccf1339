#include "cli_context.h"

#include <algorithm>
#include <cstdlib>

#include "error.h"
#include "util/time.h"

namespace kartoteka::cli {

Args::Args(std::vector<std::string> words, std::vector<std::string> flags) : m_flags(std::move(flags)) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.rfind("--", 0) != 0 || w.size() == 2) {
            m_positional.push_back(w);
            continue;
        }
        std::string name = w.substr(2);
        if (auto eq = name.find('='); eq != std::string::npos) {
            m_options[name.substr(0, eq)] = name.substr(eq + 1);
        } else if (std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end()) {
            m_options[name] = std::string("true");
        } else if (i + 1 < words.size()) {
            m_options[name] = words[++i];
        } else {
            m_options[name] = std::nullopt;  // reported when asked for
        }
    }
}

std::optional<std::string> Args::option(const std::string& name) const {
    m_asked.push_back(name);
    auto it = m_options.find(name);
    if (it == m_options.end()) return std::nullopt;
    if (!it->second) throw Error(ErrorKind::invalid, "option --" + name + " needs a value");
    return it->second;
}

std::string Args::option_or(const std::string& name, const std::string& fallback) const {
    auto v = option(name);
    return v ? *v : fallback;
}

bool Args::flag(const std::string& name) const {
    m_asked.push_back(name);
    return m_options.count(name) > 0;
}

void Args::check_unused() const {
    for (const auto& [name, value] : m_options)
        if (std::find(m_asked.begin(), m_asked.end(), name) == m_asked.end())
            throw Error(ErrorKind::invalid, "unknown option --" + name);
}

namespace {
desk::DeskOptions options_for(std::optional<std::string> db_override) {
    desk::DeskOptions o;
    o.store_override = std::move(db_override);
    return o;
}
}  // namespace

Context::Context(config::Config config, std::optional<std::string> db_override, std::ostream& out, std::ostream& err)
    : m_desk(std::move(config), options_for(std::move(db_override))), m_out(out), m_err(err) {}

model::Timestamp instant_of(const std::string& text, const char* option) {
    if (auto d = util::parse_date(text)) return util::start_of(*d);
    if (auto t = util::parse_iso(text)) return *t;
    throw Error(ErrorKind::invalid, std::string(option) + " must be a date such as 2026-11-01 or an ISO 8601 instant "
                                                          "such as 2026-11-01T09:00:00Z");
}

std::optional<model::Timestamp> instant_option(const Args& args, const char* name) {
    auto text = args.option(name);
    if (!text) return std::nullopt;
    return instant_of(*text, (std::string("--") + name).c_str());
}

model::Timestamp now_of(Context& ctx, const Args& args) {
    if (auto pinned = instant_option(args, "now")) ctx.desk().set_clock([t = *pinned] { return t; });
    return ctx.desk().now();
}

model::Id positive_id(const std::string& text, const char* what) {
    try {
        std::size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::invalid, std::string(what) + " must be a positive whole number, not '" + text + "'");
}

model::Id required_id(const Args& args, const char* name) {
    auto text = args.option(name);
    if (!text) throw Error(ErrorKind::invalid, std::string("--") + name + " is required");
    return positive_id(*text, (std::string("--") + name).c_str());
}

model::Id agent_option(Context& ctx, const Args& args, const char* name) {
    auto login = args.option(name);
    if (!login) return 0;
    auto a = ctx.desk().agent_by_login(*login);
    if (!a) throw Error(ErrorKind::invalid, "no agent with the login '" + *login + "'");
    return a->id;
}

std::string agent_login(Context& ctx, model::Id id) { return ctx.desk().agent_login(id); }

}  // namespace kartoteka::cli
