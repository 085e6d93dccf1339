// Store: the session's identity as the database sees it, and seat passwords (issue 16).
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <memory>

#include "error.h"
#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

std::optional<Store::DatabaseUser> Store::database_user() {
    if (m_db.dialect() != Dialect::postgresql) return std::nullopt;
    return guarded("read who the session is", [&] {
        DatabaseUser who;
        int maintenance = 0;
        session() << "SELECT session_user, kartoteka_session_agent(), "
                     "CASE WHEN kartoteka_is_maintenance() THEN 1 ELSE 0 END",
            soci::into(who.name), soci::into(who.agent_id), soci::into(maintenance);
        who.maintenance = maintenance != 0;
        return who;
    });
}

void Store::set_seat_password(const std::string& db_role, const std::string& password) {
    if (m_db.dialect() != Dialect::postgresql)
        throw Error(ErrorKind::invalid, "seat passwords are PostgreSQL's: a SQLite store has no database users");
    auto* backend = static_cast<soci::postgresql_session_backend*>(session().get_backend());
    // The verifier the server stores (as psql's \password computes it): the password never travels.
    std::unique_ptr<char, decltype(&PQfreemem)> verifier(
        PQencryptPasswordConn(backend->conn_, password.c_str(), db_role.c_str(), "scram-sha-256"), &PQfreemem);
    if (!verifier) throw Error(ErrorKind::storage, "cannot compute the password verifier for database role '" + db_role + "'");
    const std::string v = verifier.get();
    guarded("set the seat's password", [&] {
        session() << "SELECT kartoteka_set_seat_password(:r, :v)", soci::use(db_role), soci::use(v);
    });
}

}  // namespace kartoteka::storage
