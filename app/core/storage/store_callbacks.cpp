// Store: callbacks promised to customers (issue 18), each saved with a version check.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Callback;
using model::Id;

namespace {

constexpr const char* callback_columns =
    "SELECT id, customer_id, agent_id, due_at, note, status, created_by, created_at, offer_id, interaction_id, "
    "reminded_at, closed_at, version FROM callbacks ";

template <typename... Keys>
std::vector<Callback> select_callbacks(soci::session& s, const std::string& where, const Keys&... keys) {
    std::vector<Callback> out;
    Callback c;
    std::string status;
    soci::statement st(s);
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.customer_id));
    st.exchange(soci::into(c.agent_id));
    st.exchange(soci::into(c.due_at));
    st.exchange(soci::into(c.note));
    st.exchange(soci::into(status));
    st.exchange(soci::into(c.created_by));
    st.exchange(soci::into(c.created_at));
    st.exchange(soci::into(c.offer_id));
    st.exchange(soci::into(c.interaction_id));
    st.exchange(soci::into(c.reminded_at));
    st.exchange(soci::into(c.closed_at));
    st.exchange(soci::into(c.version));
    (st.exchange(soci::use(keys)), ...);
    st.alloc();
    st.prepare(callback_columns + where);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        // A status written by a newer program reads as closed: better missed in a list than called twice.
        c.status = model::parse_callback_status(status).value_or(model::CallbackStatus::cancelled);
        out.push_back(c);
    }
    return out;
}

}  // namespace

Id Store::insert_callback(Callback& c) {
    return guarded("save callback", [&] {
        std::string status = model::to_string(c.status);
        session() << "INSERT INTO callbacks(customer_id, agent_id, due_at, note, status, created_by, created_at, "
                     "offer_id, interaction_id, reminded_at, closed_at, version) "
                     "VALUES(:c, :a, :d, :n, :s, :cb, :ca, :o, :i, :r, :cl, 0) RETURNING id",
            soci::use(c.customer_id), soci::use(c.agent_id), soci::use(c.due_at), soci::use(c.note), soci::use(status),
            soci::use(c.created_by), soci::use(c.created_at), soci::use(c.offer_id), soci::use(c.interaction_id),
            soci::use(c.reminded_at), soci::use(c.closed_at), soci::into(c.id);
        c.version = 0;
        return c.id;
    });
}

std::optional<Callback> Store::callback(Id id) {
    return guarded("read callback", [&]() -> std::optional<Callback> {
        auto v = select_callbacks(session(), "WHERE id = :i", id);
        if (v.empty()) return std::nullopt;
        return v.front();
    });
}

std::vector<Callback> Store::open_callbacks(Id agent_id, model::Timestamp from, model::Timestamp to) {
    return guarded("read callbacks", [&] {
        if (agent_id == 0)
            return select_callbacks(session(), "WHERE status = 'open' AND due_at >= :f AND due_at < :t ORDER BY due_at, id",
                                    from, to);
        return select_callbacks(session(),
                                "WHERE agent_id = :a AND status = 'open' AND due_at >= :f AND due_at < :t "
                                "ORDER BY due_at, id",
                                agent_id, from, to);
    });
}

std::vector<Callback> Store::callbacks_for(Id customer_id) {
    return guarded("read callbacks", [&] {
        return select_callbacks(session(), "WHERE customer_id = :c ORDER BY due_at, id", customer_id);
    });
}

std::vector<Callback> Store::unreminded_callbacks(Id agent_id, model::Timestamp until) {
    return guarded("read callbacks", [&] {
        return select_callbacks(session(),
                                "WHERE agent_id = :a AND status = 'open' AND reminded_at = 0 AND due_at <= :u "
                                "ORDER BY due_at, id",
                                agent_id, until);
    });
}

void Store::update_callback(Callback& c) {
    guarded("save callback", [&] {
        std::string status = model::to_string(c.status);
        soci::statement st =
            (session().prepare << "UPDATE callbacks SET agent_id=:a, due_at=:d, note=:n, status=:s, reminded_at=:r, "
                                  "closed_at=:cl, version=version+1 WHERE id=:id AND version=:v",
             soci::use(c.agent_id), soci::use(c.due_at), soci::use(c.note), soci::use(status), soci::use(c.reminded_at),
             soci::use(c.closed_at), soci::use(c.id), soci::use(c.version));
        st.execute(true);
        expect_one_row(st, "callback", c.id);
        ++c.version;
    });
}

bool Store::claim_reminder(Id id, model::Timestamp now) {
    return guarded("save callback", [&] {
        // Only one window announces a callback: the first to set reminded_at wins, the others see 0 rows.
        soci::statement st = (session().prepare << "UPDATE callbacks SET reminded_at=:r WHERE id=:id AND reminded_at=0 "
                                                   "AND status='open'",
                              soci::use(now), soci::use(id));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

}  // namespace kartoteka::storage
