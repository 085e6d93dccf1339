// Store: complaint tickets and their event history.
#include <soci/soci.h>

#include <map>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;
using model::Ticket;
using model::TicketEvent;

namespace {

constexpr const char* ticket_columns =
    "SELECT id, customer_id, problem_type, severity, cause, owner_id, status, subject, description, calendar, "
    "created_at, updated_at, first_response_at, resolved_at, source_system, external_id, version FROM tickets ";

template <typename Key>
std::vector<Ticket> select_tickets(soci::session& s, const std::string& where, const Key& key) {
    std::vector<Ticket> out;
    Ticket t;
    std::string cause, status;
    soci::statement st = (s.prepare << ticket_columns + where, soci::into(t.id), soci::into(t.customer_id),
                          soci::into(t.problem_type), soci::into(t.severity), soci::into(cause),
                          soci::into(t.owner_id), soci::into(status), soci::into(t.subject),
                          soci::into(t.description), soci::into(t.calendar), soci::into(t.created_at),
                          soci::into(t.updated_at), soci::into(t.first_response_at), soci::into(t.resolved_at),
                          soci::into(t.source_system), soci::into(t.external_id), soci::into(t.version),
                          soci::use(key));
    st.execute();
    while (st.fetch()) {
        t.cause = enum_or(cause, model::TicketCause::unknown);
        t.status = enum_or(status, model::TicketStatus::open);
        out.push_back(t);
    }
    return out;
}

template <typename Key>
std::vector<TicketEvent> select_events(soci::session& s, const std::string& where, const Key& key) {
    std::vector<TicketEvent> out;
    TicketEvent e;
    std::string kind;
    soci::statement st = (s.prepare << "SELECT e.id, e.ticket_id, e.kind, e.at, e.agent_id, e.note FROM ticket_events e " +
                                           where + " ORDER BY e.ticket_id, e.at, e.id",
                          soci::into(e.id), soci::into(e.ticket_id), soci::into(kind), soci::into(e.at),
                          soci::into(e.agent_id), soci::into(e.note), soci::use(key));
    st.execute();
    while (st.fetch()) {
        e.kind = enum_or(kind, model::TicketEventKind::changed);
        out.push_back(e);
    }
    return out;
}

void attach_events(std::vector<Ticket>& tickets, std::vector<TicketEvent> events) {
    std::map<Id, Ticket*> by_id;
    for (auto& t : tickets) by_id[t.id] = &t;
    for (auto& e : events)
        if (auto it = by_id.find(e.ticket_id); it != by_id.end()) it->second->events.push_back(std::move(e));
}

}  // namespace

Id Store::insert_ticket(Ticket& t) {
    return guarded("save ticket", [&] {
        Transaction tx(*this);
        std::string cause = model::to_string(t.cause), status = model::to_string(t.status);
        if (t.updated_at == 0) t.updated_at = t.created_at;
        session() << "INSERT INTO tickets(customer_id, problem_type, severity, cause, owner_id, status, subject, "
                     "description, calendar, created_at, updated_at, first_response_at, resolved_at, source_system, "
                     "external_id) VALUES(:c, :p, :s, :ca, :o, :st, :su, :d, :cal, :cr, :up, :fr, :re, :ss, :e) "
                     "RETURNING id",
            soci::use(t.customer_id), soci::use(t.problem_type), soci::use(t.severity), soci::use(cause),
            soci::use(t.owner_id), soci::use(status), soci::use(t.subject), soci::use(t.description),
            soci::use(t.calendar), soci::use(t.created_at), soci::use(t.updated_at), soci::use(t.first_response_at),
            soci::use(t.resolved_at), soci::use(t.source_system), soci::use(t.external_id), soci::into(t.id);
        TicketEvent created{0, t.id, model::TicketEventKind::created, t.created_at, t.owner_id, ""};
        insert_ticket_event(created);
        t.events.insert(t.events.begin(), created);
        tx.commit();
        return t.id;
    });
}

std::optional<Ticket> Store::ticket(Id id, bool with_events) {
    return guarded("read ticket", [&]() -> std::optional<Ticket> {
        auto v = select_tickets(session(), "WHERE id = :k", id);
        if (v.empty()) return std::nullopt;
        if (with_events) v.front().events = ticket_events(id);
        return v.front();
    });
}

std::vector<Ticket> Store::tickets_for(Id customer_id, bool with_events) {
    return guarded("read tickets", [&] {
        auto v = select_tickets(session(), "WHERE customer_id = :k ORDER BY created_at DESC, id DESC", customer_id);
        if (with_events)
            attach_events(v, select_events(session(),
                                           "JOIN tickets t ON t.id = e.ticket_id WHERE t.customer_id = :k",
                                           customer_id));
        return v;
    });
}

std::vector<Ticket> Store::open_tickets() {
    return guarded("read open tickets", [&] {
        const std::string resolved = "resolved";  // closed tickets are excluded alongside
        auto v = select_tickets(session(), "WHERE status NOT IN (:k, 'closed') ORDER BY id", resolved);
        attach_events(v, select_events(session(),
                                       "JOIN tickets t ON t.id = e.ticket_id WHERE t.status NOT IN (:k, 'closed')",
                                       resolved));
        return v;
    });
}

std::vector<Ticket> Store::tickets_created_between(model::Timestamp from, model::Timestamp to) {
    return guarded("read tickets", [&] {
        // The shared selects bind one key: the lower bound goes to SQL, the upper bound is applied here.
        std::vector<Ticket> v;
        for (auto& t : select_tickets(session(), "WHERE created_at >= :k ORDER BY id", from))
            if (t.created_at < to) v.push_back(std::move(t));
        attach_events(v, select_events(session(), "JOIN tickets t ON t.id = e.ticket_id WHERE t.created_at >= :k", from));
        return v;
    });
}

void Store::update_ticket(Ticket& t) {
    guarded("save ticket", [&] {
        std::string cause = model::to_string(t.cause), status = model::to_string(t.status);
        soci::statement st =
            (session().prepare << "UPDATE tickets SET problem_type=:p, severity=:s, cause=:ca, owner_id=:o, status=:st, "
                                  "subject=:su, description=:d, calendar=:cal, updated_at=:up, first_response_at=:fr, "
                                  "resolved_at=:re, version=version+1 WHERE id=:id AND version=:v",
             soci::use(t.problem_type), soci::use(t.severity), soci::use(cause), soci::use(t.owner_id),
             soci::use(status), soci::use(t.subject), soci::use(t.description), soci::use(t.calendar),
             soci::use(t.updated_at), soci::use(t.first_response_at), soci::use(t.resolved_at), soci::use(t.id),
             soci::use(t.version));
        st.execute(true);
        expect_one_row(st, "ticket", t.id);
        ++t.version;
    });
}

Id Store::insert_ticket_event(TicketEvent& e) {
    return guarded("save ticket event", [&] {
        std::string kind = model::to_string(e.kind);
        session() << "INSERT INTO ticket_events(ticket_id, kind, at, agent_id, note) VALUES(:t, :k, :a, :g, :n) "
                     "RETURNING id",
            soci::use(e.ticket_id), soci::use(kind), soci::use(e.at), soci::use(e.agent_id), soci::use(e.note),
            soci::into(e.id);
        return e.id;
    });
}

int Store::open_ticket_count(Id owner_id) {
    return guarded("count open tickets", [&] {
        int n = 0;
        // The WHERE repeats the partial index's own condition word for word: that is how both SQLite
        // and PostgreSQL see the index applies (schema 0016).
        session() << "SELECT COUNT(*) FROM tickets WHERE owner_id = :o AND status NOT IN ('resolved', 'closed')",
            soci::use(owner_id), soci::into(n);
        return n;
    });
}

std::unordered_map<Id, std::string> Store::open_ticket_customers() {
    return guarded("read customers of open tickets", [&] {
        std::unordered_map<Id, std::string> out;
        model::Customer c;
        soci::statement st =
            (session().prepare << "SELECT id, first_name, middle_name, last_name, company FROM customers WHERE id IN "
                                  "(SELECT customer_id FROM tickets WHERE status NOT IN ('resolved', 'closed'))",
             soci::into(c.id), soci::into(c.first_name), soci::into(c.middle_name), soci::into(c.last_name),
             soci::into(c.company));
        st.execute();
        while (st.fetch()) out[c.id] = c.display_name();
        return out;
    });
}

std::vector<std::string> Store::problem_types() {
    return guarded("read problem types", [&] {
        std::vector<std::string> out;
        std::string type;
        // A skip scan of the problem type index: one probe per distinct type (a dozen), where DISTINCT
        // read the whole index or table (every ticket of a million-customer store).
        soci::statement st =
            (session().prepare << "WITH RECURSIVE types(p) AS (SELECT MIN(problem_type) FROM tickets UNION ALL "
                                  "SELECT (SELECT MIN(problem_type) FROM tickets WHERE problem_type > types.p) FROM types "
                                  "WHERE types.p IS NOT NULL) SELECT p FROM types WHERE p IS NOT NULL",
             soci::into(type));
        st.execute();
        while (st.fetch()) out.push_back(type);
        return out;
    });
}

bool Store::problem_type_used(const std::string& type) {
    return guarded("read problem types", [&] {
        int n = 0;
        session() << "SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE problem_type = :t LIMIT 1) AS used",
            soci::use(type), soci::into(n);
        return n > 0;
    });
}

std::vector<TicketEvent> Store::ticket_events(Id ticket_id) {
    return guarded("read ticket events",
                   [&] { return select_events(session(), "WHERE e.ticket_id = :k", ticket_id); });
}

}  // namespace kartoteka::storage
