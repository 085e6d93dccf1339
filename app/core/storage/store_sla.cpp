// Store: SLA warnings and breaches (issue 4).
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::SlaEvent;

namespace {

constexpr const char* event_columns =
    "SELECT id, ticket_id, target, kind, cycle, at, owner_id, escalated_to, recorded_at FROM sla_events ";

std::vector<SlaEvent> select_sla_events(soci::session& s, const std::string& where, model::Timestamp a,
                                        model::Timestamp b) {
    std::vector<SlaEvent> out;
    SlaEvent e;
    std::string target, kind;
    soci::statement st = (s.prepare << event_columns + where + " ORDER BY at, id", soci::into(e.id),
                          soci::into(e.ticket_id), soci::into(target), soci::into(kind), soci::into(e.cycle),
                          soci::into(e.at), soci::into(e.owner_id), soci::into(e.escalated_to),
                          soci::into(e.recorded_at), soci::use(a, "a"), soci::use(b, "b"));
    st.execute();
    while (st.fetch()) {
        // Names written by a newer program fall back to the most serious reading.
        e.target = model::parse_sla_target(target).value_or(model::SlaTarget::resolution);
        e.kind = model::parse_sla_event_kind(kind).value_or(model::SlaEventKind::breach);
        out.push_back(e);
    }
    return out;
}

}  // namespace

std::vector<SlaEvent> Store::record_sla_events(const std::vector<SlaEvent>& events, model::Timestamp now) {
    return guarded("save SLA events", [&] {
        std::vector<SlaEvent> fresh;
        Transaction tx(*this);  // joins the caller's: the escalator notifies in the same transaction
        for (auto e : events) {
            std::string target = model::to_string(e.target), kind = model::to_string(e.kind);
            e.recorded_at = now;
            // The unique key makes recording idempotent: the board may find the same breach every run.
            soci::statement st =
                (session().prepare << "INSERT INTO sla_events(ticket_id, target, kind, cycle, at, owner_id, "
                                      "escalated_to, recorded_at) VALUES(:t, :g, :k, :c, :a, :o, :l, :r) "
                                      "ON CONFLICT (ticket_id, target, kind, cycle) DO NOTHING RETURNING id",
                 soci::use(e.ticket_id), soci::use(target), soci::use(kind), soci::use(e.cycle), soci::use(e.at),
                 soci::use(e.owner_id), soci::use(e.escalated_to), soci::use(e.recorded_at), soci::into(e.id));
            if (st.execute(true)) fresh.push_back(e);
        }
        tx.commit();
        return fresh;
    });
}

std::vector<SlaEvent> Store::sla_events_for(model::Id ticket_id) {
    return guarded("read SLA events",
                   [&] { return select_sla_events(session(), "WHERE ticket_id = :a AND ticket_id = :b", ticket_id, ticket_id); });
}

std::vector<SlaEvent> Store::sla_events_between(model::Timestamp from, model::Timestamp to) {
    return guarded("read SLA events",
                   [&] { return select_sla_events(session(), "WHERE at >= :a AND at < :b", from, to); });
}

}  // namespace kartoteka::storage
