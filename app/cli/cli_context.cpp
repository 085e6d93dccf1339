#include "cli_context.h"

#include <algorithm>
#include <cstdlib>

#include "connectors.h"
#include "error.h"
#include "secrets/secrets.h"
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

Context::Context(config::Config config, std::optional<std::string> db_override, std::ostream& out, std::ostream& err)
    : m_config(std::move(config)), m_db_override(std::move(db_override)), m_out(out), m_err(err),
      m_phones(m_config.locale.default_region) {
    connectors::register_all(m_registry);
    m_registry.set_preset_dirs(connector::default_preset_dirs(m_config.source_file));
}

const std::vector<connector::Source>& Context::sources() {
    if (!m_sources) m_sources = m_registry.create_all(m_config.connectors);
    return *m_sources;
}

connector::CardService& Context::cards() {
    if (!m_cards) {
        m_assembler = std::make_unique<connector::CardAssembler>(sources(),
                                                                 m_config.card.local_priority, m_phones,
                                                                 util::system_now);
        m_cards = std::make_unique<connector::CardService>(store(), *m_assembler, m_phones,
                                                           m_config.card.timeline_page, util::system_now);
        m_cards->set_retention(m_config.retention, m_config.locale.timezone);
    }
    return *m_cards;
}

storage::StoreLocation Context::store_location() const {
    return storage::StoreLocation::parse(m_db_override ? *m_db_override : m_config.store.url);
}

storage::Store& Context::store() {
    if (!m_store) {
        const auto where = store_location();
        std::string password;
        if (where.dialect == storage::Dialect::postgresql)
            password = secrets::read_secret(m_config.store.password_env,
                                            m_config.store.password_keyring ? secrets::kStoreEntry : "");
        m_db = std::make_unique<storage::Database>(where, password);
        m_store = std::make_unique<storage::Store>(*m_db);
    }
    return *m_store;
}

const model::Agent& Context::agent() {
    if (!m_agent) {
        m_agent = store().agent_by_login(m_config.agent.login);
        if (!m_agent)
            throw Error(ErrorKind::forbidden, "agent login '" + m_config.agent.login + "' (config agent.login) is not "
                                              "known in " + store_location().describe());
    }
    return *m_agent;
}

model::Timestamp now_of(const Args& args) {
    auto text = args.option("now");
    if (!text) return util::system_now();
    auto t = util::parse_iso(*text);
    if (!t) throw Error(ErrorKind::invalid, "--now must be an ISO 8601 instant such as 2026-11-24T09:00:00Z");
    return *t;
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

model::Timestamp instant_of(const std::string& text, const char* what, bool end) {
    if (auto d = util::parse_date(text)) return util::start_of(*d + (end ? 1 : 0));
    if (auto t = util::parse_iso(text)) return *t;
    throw Error(ErrorKind::invalid, std::string(what) + " must be a date such as 2026-11-01 or an ISO instant");
}

model::Id agent_option(Context& ctx, const Args& args, const char* name) {
    auto login = args.option(name);
    if (!login) return 0;
    auto a = ctx.store().agent_by_login(*login);
    if (!a) throw Error(ErrorKind::invalid, "no agent with the login '" + *login + "'");
    return a->id;
}

std::string agent_login(Context& ctx, model::Id id) {
    if (id == 0) return "(unassigned)";
    auto a = ctx.store().agent(id);
    return a ? a->login : "#" + std::to_string(id);
}

}  // namespace kartoteka::cli
