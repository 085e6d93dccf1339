// Store: directory sync, customers copied from backends' lists and each backend's cursor (issue 15).
#include <soci/soci.h>

#include <algorithm>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;

CopyOutcome Store::copy_customer(model::Customer& c, const std::string& system, const std::string& external_id,
                                 model::Timestamp now) {
    return guarded("copy customer", [&] {
        Transaction tx(*this);
        CopyOutcome outcome = CopyOutcome::added;
        if (auto existing = customer_by_ref(system, external_id)) {
            if (!synced_copy(*existing)) return CopyOutcome::kept_local;  // linked by an agent or a pop: theirs
            // References other backends added to the copy (a pop that matched it) stay.
            if (auto old = customer(*existing))
                for (const auto& r : old->refs)
                    if (std::find(c.refs.begin(), c.refs.end(), r) == c.refs.end()) c.refs.push_back(r);
            c.id = *existing;
            update_customer(c, now);
            session() << "UPDATE directory_copies SET synced_at = :t WHERE customer_id = :id", soci::use(now),
                soci::use(c.id);
            outcome = CopyOutcome::updated;
        } else {
            c.id = 0;
            insert_customer(c, now);
            session() << "INSERT INTO directory_copies(customer_id, system, synced_at) VALUES(:id, :s, :t)",
                soci::use(c.id), soci::use(system), soci::use(now);
        }
        tx.commit();
        return outcome;
    });
}

std::optional<SyncedCopy> Store::synced_copy(Id customer_id) {
    return guarded("read synced copy", [&]() -> std::optional<SyncedCopy> {
        SyncedCopy copy;
        session() << "SELECT system, synced_at FROM directory_copies WHERE customer_id = :id", soci::into(copy.system),
            soci::into(copy.synced_at), soci::use(customer_id);
        if (!session().got_data()) return std::nullopt;
        return copy;
    });
}

DroppedCopies Store::drop_unlisted_copies(const std::string& system, const std::set<std::string>& listed) {
    return guarded("drop unlisted copies", [&] {
        std::vector<Id> gone;
        {
            Id id = 0;
            std::string ref;
            soci::statement st = (session().prepare << "SELECT d.customer_id, r.external_id FROM directory_copies d "
                                                       "JOIN customer_refs r ON r.customer_id = d.customer_id AND r.system = d.system "
                                                       "WHERE d.system = :s",
                                  soci::into(id), soci::into(ref), soci::use(system));
            st.execute();
            while (st.fetch())
                if (!listed.count(ref)) gone.push_back(id);
        }
        DroppedCopies out;
        Transaction tx(*this);
        for (const Id id : gone) {
            int worked = 0;
            session() << "SELECT CASE WHEN EXISTS (SELECT 1 FROM interactions WHERE customer_id = :a) "
                         "OR EXISTS (SELECT 1 FROM orders WHERE customer_id = :b) OR EXISTS (SELECT 1 FROM offers WHERE customer_id = :c) "
                         "OR EXISTS (SELECT 1 FROM tickets WHERE customer_id = :d) "
                         "OR EXISTS (SELECT 1 FROM service_contacts WHERE customer_id = :e) "
                         "OR EXISTS (SELECT 1 FROM callbacks WHERE customer_id = :f) "
                         "OR EXISTS (SELECT 1 FROM lifecycle_events WHERE customer_id = :g) THEN 1 ELSE 0 END",
                soci::use(id), soci::use(id), soci::use(id), soci::use(id), soci::use(id), soci::use(id), soci::use(id),
                soci::into(worked);
            session() << "DELETE FROM directory_copies WHERE customer_id = :id", soci::use(id);
            if (worked) {
                ++out.kept;
                continue;
            }
            delete_customer_keys(id);
            session() << "DELETE FROM customers WHERE id = :id", soci::use(id);
            ++out.removed;
        }
        tx.commit();
        return out;
    });
}

namespace {
const char* kSourceColumns = "SELECT system, cursor, last_run_at, last_batch_at, last_summary FROM directory_sources";
}  // namespace

std::optional<DirectorySource> Store::directory_source(const std::string& system) {
    return guarded("read directory source", [&]() -> std::optional<DirectorySource> {
        DirectorySource d;
        session() << kSourceColumns << " WHERE system = :s", soci::into(d.system), soci::into(d.cursor),
            soci::into(d.last_run_at), soci::into(d.last_batch_at), soci::into(d.last_summary), soci::use(system);
        if (!session().got_data()) return std::nullopt;
        return d;
    });
}

std::vector<DirectorySource> Store::directory_sources() {
    return guarded("list directory sources", [&] {
        std::vector<DirectorySource> out;
        DirectorySource d;
        soci::statement st = (session().prepare << kSourceColumns << " ORDER BY system", soci::into(d.system),
                              soci::into(d.cursor), soci::into(d.last_run_at), soci::into(d.last_batch_at),
                              soci::into(d.last_summary));
        st.execute();
        while (st.fetch()) out.push_back(d);
        return out;
    });
}

void Store::save_directory_source(const DirectorySource& d) {
    guarded("save directory source", [&] {
        // Both dialects take this upsert (SQLite since 3.24).
        session() << "INSERT INTO directory_sources(system, cursor, last_run_at, last_batch_at, last_summary) "
                     "VALUES(:s, :c, :r, :b, :m) ON CONFLICT (system) DO UPDATE SET cursor = excluded.cursor, "
                     "last_run_at = excluded.last_run_at, last_batch_at = excluded.last_batch_at, "
                     "last_summary = excluded.last_summary",
            soci::use(d.system), soci::use(d.cursor), soci::use(d.last_run_at), soci::use(d.last_batch_at),
            soci::use(d.last_summary);
    });
}

}  // namespace kartoteka::storage
