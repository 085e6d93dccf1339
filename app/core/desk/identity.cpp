// Who is at the desk (issue 16). On PostgreSQL the database says: each agent signs in as their own
// login role, so the seat's agent is the session's user, and the same server enforces what that role
// may do. A connection as the owner or a superuser is a trusted maintenance connection (tests, the
// load test, imports): such credentials can change anything anyway, so it acts as config agent.login.
// On SQLite, one seat and one user, the agent is config agent.login.
#include "desk/desk.h"
#include "error.h"
#include "storage/database.h"
#include "storage/store.h"
#include "util/log.h"

namespace kartoteka::desk {

const char* to_string(Identity::Source s) noexcept {
    switch (s) {
    case Identity::Source::database_session: return "database session";
    case Identity::Source::maintenance: return "config agent.login on a maintenance connection";
    case Identity::Source::config: return "config agent.login";
    }
    return "?";
}

Identity Desk::identify(storage::Store& store) {
    Identity id;
    id.config_login = m_config.agent.login;
    std::optional<model::Agent> found;
    const auto db = store.database_user();
    if (db) id.db_user = db->name;
    if (db && !db->maintenance) {
        id.source = Identity::Source::database_session;
        if (db->agent_id == 0)
            throw Error(ErrorKind::forbidden, "database user '" + db->name + "' is no agent in " + store_description() +
                                                  ": an admin maps it with agent add --db-role (or agent set --db-role)");
        found = store.agent(db->agent_id);
        if (found && !id.config_login.empty() && id.config_login != found->login && !m_login_warned.exchange(true))
            util::logger()->warn("config agent.login '{}' is ignored: the database session signs in as agent '{}'",
                                 id.config_login, found->login);
    } else {
        id.source = db ? Identity::Source::maintenance : Identity::Source::config;
        found = store.agent_by_login(id.config_login);
        if (!found)
            throw Error(ErrorKind::forbidden, "agent login '" + id.config_login + "' (config agent.login) is not known in " +
                                                  store_description() + ": an admin adds it with agent add");
    }
    if (!found) throw Error(ErrorKind::forbidden, "the agent of database user '" + id.db_user + "' is gone");
    if (!found->active)
        throw Error(ErrorKind::forbidden, "agent '" + found->login + "' is disabled: their records stay, but they may do "
                                          "nothing until an admin enables them again (agent enable)");
    id.agent = *found;
    return id;
}

model::Agent Desk::signed_in(storage::Store& store) { return identify(store).agent; }

Identity Desk::whoami() {
    Identity id;
    with_store([&](storage::Store& s) { id = identify(s); });
    return id;
}

int Desk::migrate_store(const std::string& owner_password) {
    const auto where = storage::StoreLocation::parse(m_options.store_override ? *m_options.store_override : m_config.store.url);
    storage::Database db(where, owner_password);  // opening as the owner is what migrates
    return db.schema_version();
}

}  // namespace kartoteka::desk
