#include "audit/audit_log.h"

#include <soci/soci.h>

#include <limits>

#include "privacy/card_number_mask.h"
#include "storage/store_util.h"

namespace kartoteka::audit {

void AuditLog::record(Entry e) {
    storage::guarded("write the audit log", [&] {
        e.detail = privacy::mask_card_numbers(e.detail);
        m_store.session() << "INSERT INTO audit_log(at, agent_id, action, customer_id, entity, entity_id, detail) "
                             "VALUES(:at, :ag, :ac, :c, :en, :ei, :d)",
            soci::use(e.at), soci::use(e.agent_id), soci::use(e.action), soci::use(e.customer_id), soci::use(e.entity),
            soci::use(e.entity_id), soci::use(e.detail);
    });
}

std::vector<Entry> AuditLog::query(const Filter& f) {
    return storage::guarded("read the audit log", [&] {
        // Optional filters as "(:flag = 0 OR column = :value)" keep one prepared statement for all shapes.
        const int by_customer = f.customer_id ? 1 : 0, by_agent = f.agent_id ? 1 : 0;
        const model::Id customer = f.customer_id.value_or(0), agent = f.agent_id.value_or(0);
        const model::Timestamp to = f.to ? f.to : std::numeric_limits<model::Timestamp>::max();
        const int limit = f.limit;
        std::vector<Entry> out;
        Entry e;
        soci::indicator login_ind = soci::i_ok;
        soci::statement st =
            (m_store.session().prepare
                 << "SELECT l.id, l.at, l.agent_id, a.login, l.action, l.customer_id, l.entity, l.entity_id, l.detail, l.db_user "
                    "FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id "
                    "WHERE (:bc = 0 OR l.customer_id = :c) AND (:ba = 0 OR l.agent_id = :a) AND l.at >= :f AND l.at < :t "
                    "ORDER BY l.at DESC, l.id DESC LIMIT :n",
             soci::into(e.id), soci::into(e.at), soci::into(e.agent_id), soci::into(e.agent_login, login_ind),
             soci::into(e.action), soci::into(e.customer_id), soci::into(e.entity), soci::into(e.entity_id),
             soci::into(e.detail), soci::into(e.db_user), soci::use(by_customer), soci::use(customer), soci::use(by_agent), soci::use(agent),
             soci::use(f.from), soci::use(to), soci::use(limit));
        st.execute();
        while (st.fetch()) {
            if (login_ind == soci::i_null) e.agent_login.clear();
            out.push_back(e);
        }
        return out;
    });
}

}  // namespace kartoteka::audit
