#pragma once
/// Helpers shared by the Store's implementation files. Not part of the public storage API.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "error.h"
#include "storage/soci_error_text.h"
#include "model/enums.h"
#include "model/types.h"

namespace kartoteka::storage {

/// SQLite's SQLITE_BUSY ("database is locked"): another connection held the write lock past the busy
/// timeout. Told apart so the message says the store is busy, not broken.
inline bool is_busy(const soci::soci_error& e) {
    const std::string text = e.what();
    return text.find("database is locked") != std::string::npos || text.find("database is busy") != std::string::npos;
}

/// The database refused the session's user: no privilege, or a row-security policy (SQLSTATE 42501).
inline bool is_refused(const soci::soci_error& e) {
    const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
    return pg && pg->sqlstate() == "42501";
}

/// Runs a storage operation, turning SOCI's exceptions into Error{storage} that say what was being
/// done, so a failed write reaches the agent as "cannot save contact: disk I/O error". Never SOCI's
/// what(): it quotes the statement's bound values, i.e. the record being saved (soci_error_text.h).
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const soci::soci_error& e) {
        // Busy: the driver's text (the statement and its bound values) says nothing more and may hold a
        // customer's data, so it stays out.
        if (is_busy(e))
            throw Error(ErrorKind::storage, std::string("cannot ") + what +
                                                ": the store is busy (another program is writing to it and holds "
                                                "its write lock); try again when that write is done");
        // PostgreSQL refused by privilege or row security (SQLSTATE 42501): the seat's role may not.
        throw Error(is_refused(e) ? ErrorKind::forbidden : ErrorKind::storage,
                    std::string("cannot ") + what + ": " + soci_error_text(e));
    }
}

template <typename Key>
std::vector<model::Id> fetch_ids(soci::session& s, const char* sql, const Key& key) {
    std::vector<model::Id> out;
    model::Id id = 0;
    soci::statement st = (s.prepare << sql, soci::into(id), soci::use(key));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

inline std::vector<std::string> fetch_strings(soci::session& s, const char* sql, model::Id key) {
    std::vector<std::string> out;
    std::string v;
    soci::statement st = (s.prepare << sql, soci::into(v), soci::use(key));
    st.execute();
    while (st.fetch()) out.push_back(v);
    return out;
}

/// Throws Error{conflict} when an UPDATE ... WHERE version = :v touched no row.
void expect_one_row(soci::statement& st, const char* what, model::Id id);

/// "phone,email" <-> set of channels, for the preference columns.
std::string join_names(const std::vector<std::string>& names);
std::vector<std::string> split_names(const std::string& text);

}  // namespace kartoteka::storage

namespace kartoteka::storage {

/// Reads an enum column; a name this program does not know (written by a newer version) maps to the
/// fallback rather than failing the whole card.
template <typename E>
E enum_or(const std::string& text, E fallback) {
    auto v = model::parse<E>(text);
    return v ? *v : fallback;
}

}  // namespace kartoteka::storage

#include "model/interaction.h"

namespace kartoteka::storage {

/// Interactions matching `tail` (a WHERE ... ORDER BY ... clause with its :parameters, bound in order
/// from `keys`): the one column list and row reading every timeline query shares.
template <typename... Keys>
std::vector<model::Interaction> select_interactions(soci::session& s, const std::string& tail, const Keys&... keys) {
    std::vector<model::Interaction> out;
    model::Interaction i;
    std::string channel, direction;
    soci::statement st(s);
    st.exchange(soci::into(i.id));
    st.exchange(soci::into(i.customer_id));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(direction));
    st.exchange(soci::into(i.occurred_at));
    st.exchange(soci::into(i.agent_id));
    st.exchange(soci::into(i.agent_name));
    st.exchange(soci::into(i.summary));
    st.exchange(soci::into(i.source_system));
    st.exchange(soci::into(i.external_id));
    st.exchange(soci::into(i.details));
    st.exchange(soci::into(i.disposition));
    (st.exchange(soci::use(keys)), ...);
    st.alloc();
    st.prepare("SELECT id, customer_id, channel, direction, occurred_at, agent_id, agent_name, summary, source_system, "
               "external_id, details, disposition FROM interactions " + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        i.channel = enum_or(channel, model::Channel::phone);
        i.direction = enum_or(direction, model::Direction::inbound);
        out.push_back(i);
    }
    return out;
}

}  // namespace kartoteka::storage

#include "model/lifecycle.h"

namespace kartoteka::storage {

/// Lifecycle events matching `tail` (WHERE/ORDER BY with :parameters bound from `keys`).
template <typename... Keys>
std::vector<model::LifecycleEvent> select_lifecycle_events(soci::session& s, const std::string& tail, const Keys&... keys) {
    std::vector<model::LifecycleEvent> out;
    model::LifecycleEvent e;
    std::string kind, reason;
    soci::statement st(s);
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(e.customer_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(e.at));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(e.agent_id));
    st.exchange(soci::into(e.note));
    (st.exchange(soci::use(keys)), ...);
    st.alloc();
    st.prepare("SELECT id, customer_id, kind, at, reason, agent_id, note FROM lifecycle_events " + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        e.kind = enum_or(kind, model::LifecycleEventKind::lost);
        e.reason = enum_or(reason, model::LossReason::other);
        out.push_back(e);
    }
    return out;
}

}  // namespace kartoteka::storage
