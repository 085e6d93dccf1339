// Store: orders, lifecycle events and the interaction timeline.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;

Id Store::insert_order(model::Order& o) {
    return guarded("save order", [&] {
        session() << "INSERT INTO orders(customer_id, placed_at, amount, product, source_system, external_id, currency) "
                     "VALUES(:c, :p, :a, :pr, :s, :e, :cur) RETURNING id",
            soci::use(o.customer_id), soci::use(o.placed_at), soci::use(o.amount), soci::use(o.product),
            soci::use(o.source_system), soci::use(o.external_id), soci::use(o.currency), soci::into(o.id);
        return o.id;
    });
}

std::vector<model::Order> Store::orders_for(Id customer_id) {
    return guarded("read orders", [&] {
        std::vector<model::Order> out;
        model::Order o;
        soci::statement st = (session().prepare << "SELECT id, customer_id, placed_at, amount, product, "
                                                   "source_system, external_id, currency FROM orders WHERE customer_id = :c "
                                                   "ORDER BY placed_at, id",
                              soci::into(o.id), soci::into(o.customer_id), soci::into(o.placed_at),
                              soci::into(o.amount), soci::into(o.product), soci::into(o.source_system),
                              soci::into(o.external_id), soci::into(o.currency), soci::use(customer_id));
        st.execute();
        while (st.fetch()) out.push_back(o);
        return out;
    });
}

Id Store::insert_lifecycle_event(model::LifecycleEvent& e) {
    return guarded("save lifecycle event", [&] {
        std::string kind = model::to_string(e.kind), reason = model::to_string(e.reason);
        session() << "INSERT INTO lifecycle_events(customer_id, kind, at, reason, agent_id, note) "
                     "VALUES(:c, :k, :a, :r, :g, :n) RETURNING id",
            soci::use(e.customer_id), soci::use(kind), soci::use(e.at), soci::use(reason), soci::use(e.agent_id),
            soci::use(e.note), soci::into(e.id);
        return e.id;
    });
}

std::vector<model::LifecycleEvent> Store::lifecycle_events_for(Id customer_id) {
    return guarded("read lifecycle events", [&] {
        return select_lifecycle_events(session(), "WHERE customer_id = :c ORDER BY at, id", customer_id);
    });
}

std::vector<model::Timestamp> Store::loss_times(model::Timestamp from, model::Timestamp to) {
    return guarded("read losses", [&] {
        std::vector<model::Timestamp> out;
        model::Timestamp at = 0;
        soci::statement st = (session().prepare << "SELECT at FROM lifecycle_events WHERE kind = 'lost' AND at >= :f AND at < :t",
                              soci::into(at), soci::use(from), soci::use(to));
        st.execute();
        while (st.fetch()) out.push_back(at);
        return out;
    });
}

Id Store::insert_interaction(model::Interaction& i) {
    return guarded("save interaction", [&] {
        std::string channel = model::to_string(i.channel), direction = model::to_string(i.direction);
        session() << "INSERT INTO interactions(customer_id, channel, direction, occurred_at, agent_id, agent_name, "
                     "summary, source_system, external_id, details, disposition) VALUES(:c, :ch, :d, :o, :a, :an, :s, :ss, "
                     ":e, :dt, :dp) RETURNING id",
            soci::use(i.customer_id), soci::use(channel), soci::use(direction), soci::use(i.occurred_at),
            soci::use(i.agent_id), soci::use(i.agent_name), soci::use(i.summary), soci::use(i.source_system),
            soci::use(i.external_id), soci::use(i.details), soci::use(i.disposition), soci::into(i.id);
        return i.id;
    });
}

InteractionPage Store::interactions_for(Id customer_id, int limit, int offset) {
    return guarded("read interactions", [&] {
        InteractionPage page;
        session() << "SELECT COUNT(*) FROM interactions WHERE customer_id = :c", soci::into(page.total),
            soci::use(customer_id);
        page.items = select_interactions(session(), "WHERE customer_id = :c ORDER BY occurred_at DESC, id DESC "
                                                    "LIMIT :l OFFSET :o", customer_id, limit, offset);
        return page;
    });
}

}  // namespace kartoteka::storage
