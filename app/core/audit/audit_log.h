#pragma once
/// The append-only record of who opened which customer's card and who changed what. The table refuses
/// UPDATE and DELETE in the database itself (triggers), on SQLite and PostgreSQL alike.
#include <optional>
#include <string>
#include <vector>

#include "model/types.h"
#include "storage/store.h"

namespace kartoteka::audit {

struct Entry {
    model::Id id = 0;
    model::Timestamp at = 0;
    model::Id agent_id = 0;
    std::string agent_login;   ///< filled by queries, for reading
    std::string action;        ///< "view_card", "log_contact", "open_complaint", "work_offer", ...
    model::Id customer_id = 0;
    std::string entity;        ///< "interaction", "ticket", "offer", "preferences", ...; empty for views
    model::Id entity_id = 0;
    std::string detail;        ///< short, card numbers masked
    /// The database user who wrote the row, set by the database (PostgreSQL session_user); empty on SQLite.
    std::string db_user = {};
};

struct Filter {
    std::optional<model::Id> customer_id;
    std::optional<model::Id> agent_id;
    model::Timestamp from = 0;   ///< inclusive; 0 = beginning
    model::Timestamp to = 0;     ///< exclusive; 0 = now and on
    int limit = 200;
};

class AuditLog {
public:
    explicit AuditLog(storage::Store& store) : m_store(store) {}

    void record(Entry entry);
    /// Newest first.
    std::vector<Entry> query(const Filter& filter);

private:
    storage::Store& m_store;
};

}  // namespace kartoteka::audit
