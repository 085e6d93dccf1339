// Duty leases (one seat runs the escalator) and the notifications it leaves agents (issue 19).
#include "storage/notifications.h"

#include <soci/soci.h>

#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;
using model::Notification;

bool Notifications::claim_duty(const std::string& name, const std::string& holder, model::Timestamp now, model::Timestamp until) {
    return guarded("claim duty", [&] {
        // One statement: on both dialects the upsert locks the row, so two seats never both see it lapsed.
        m_store.session() << "INSERT INTO duty_leases(name, holder, until) VALUES(:n, :h, :u) ON CONFLICT (name) DO UPDATE "
                     "SET holder = excluded.holder, until = excluded.until "
                     "WHERE duty_leases.holder = excluded.holder OR duty_leases.until < :now",
            soci::use(name, "n"), soci::use(holder, "h"), soci::use(until, "u"), soci::use(now, "now");
        std::string current;
        m_store.session() << "SELECT holder FROM duty_leases WHERE name = :n", soci::use(name), soci::into(current);
        return current == holder;
    });
}

Id Notifications::insert(Notification& n) {
    return guarded("save notification", [&] {
        std::string kind = model::to_string(n.kind), target = model::to_string(n.target);
        int escalated = n.escalated ? 1 : 0;
        m_store.session() << "INSERT INTO notifications(agent_id, created_at, kind, target, happened_at, ticket_id, customer_id, "
                     "owner_id, escalated, read_at) VALUES(:a, :c, :k, :t, :h, :ti, :cu, :o, :e, 0) RETURNING id",
            soci::use(n.agent_id), soci::use(n.created_at), soci::use(kind), soci::use(target), soci::use(n.happened_at),
            soci::use(n.ticket_id), soci::use(n.customer_id), soci::use(n.owner_id), soci::use(escalated),
            soci::into(n.id);
        return n.id;
    });
}

std::vector<Notification> Notifications::for_agent(Id agent_id, bool unread_only, int limit) {
    return guarded("read notifications", [&] {
        std::vector<Notification> out;
        Notification n;
        std::string kind, target;
        int escalated = 0;
        const long long max_read = unread_only ? 0 : (1LL << 62);
        soci::statement st =
            (m_store.session().prepare << "SELECT id, agent_id, created_at, kind, target, happened_at, ticket_id, customer_id, "
                                  "owner_id, escalated, read_at FROM notifications WHERE agent_id = :a AND read_at <= :r "
                                  "ORDER BY id DESC LIMIT :l",
             soci::into(n.id), soci::into(n.agent_id), soci::into(n.created_at), soci::into(kind), soci::into(target),
             soci::into(n.happened_at), soci::into(n.ticket_id), soci::into(n.customer_id), soci::into(n.owner_id),
             soci::into(escalated), soci::into(n.read_at), soci::use(agent_id), soci::use(max_read), soci::use(limit));
        st.execute();
        while (st.fetch()) {
            n.kind = model::parse_sla_event_kind(kind).value_or(model::SlaEventKind::breach);
            n.target = model::parse_sla_target(target).value_or(model::SlaTarget::resolution);
            n.escalated = escalated != 0;
            out.push_back(n);
        }
        return out;
    });
}

int Notifications::mark_read(Id agent_id, Id up_to, model::Timestamp now) {
    return guarded("mark notifications read", [&] {
        soci::statement st = (m_store.session().prepare << "UPDATE notifications SET read_at = :n WHERE agent_id = :a AND "
                                                   "id <= :u AND read_at = 0",
                              soci::use(now), soci::use(agent_id), soci::use(up_to));
        st.execute(true);
        return static_cast<int>(st.get_affected_rows());
    });
}

}  // namespace kartoteka::storage
