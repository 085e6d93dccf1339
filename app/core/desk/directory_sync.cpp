// Desk: directory sync (issue 15). Customers copied from every connector that lists them into the
// local index, batch by batch, each batch stored with its cursor in one transaction.
#include <set>

#include "access/permissions.h"
#include "connector/identity_merge.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/store.h"
#include "util/log.h"

namespace kartoteka::desk {
namespace {

void skip(DirectoryRun& run, const std::string& reason) {
    ++run.skipped;
    ++run.reasons[reason];
}

std::string ref_in(const model::Customer& c, const std::string& system) {
    for (const auto& r : c.refs)
        if (r.system == system) return r.external_id;
    return {};
}

/// Phones to E.164 and e-mails lower-cased; false when a phone is not a number (the row is skipped:
/// a copy that cannot be found by its number would mislead more than a missing one).
bool readable(model::Customer& c, const phone::PhoneNormalizer& phones) {
    for (const auto& p : c.phones)
        if (!phones.normalize(p)) return false;
    connector::normalize_customer(c, phones);
    return true;
}

bool has_directory(const connector::Source& s) {
    return s.connector->capabilities().count(connector::Capability::directory) > 0;
}

}  // namespace

std::string DirectoryRun::summary() const {
    std::string s = std::to_string(added) + " added, " + std::to_string(updated) + " updated";
    if (kept_local) s += ", " + std::to_string(kept_local) + " kept as recorded locally";
    if (removed) s += ", " + std::to_string(removed) + " no longer listed and removed";
    if (kept_unlisted) s += ", " + std::to_string(kept_unlisted) + " no longer listed but kept for their history";
    s += ", " + std::to_string(skipped) + " skipped";
    std::string why;
    for (const auto& [reason, n] : reasons) why += (why.empty() ? "" : "; ") + std::to_string(n) + ": " + reason;
    if (!why.empty()) s += " (" + why + ")";
    if (!complete) s += "; stopped: " + (error.empty() ? std::string("interrupted") : error) + " (the next run resumes)";
    return s;
}

std::vector<DirectoryRun> Desk::sync_directory(const std::string& connector_name, bool full,
                                               const std::function<void(const DirectoryRun&)>& on_progress) {
    access::require(agent(), access::Action::view_card);
    std::vector<const connector::Source*> chosen;
    for (const auto& s : sources())
        if ((connector_name.empty() && has_directory(s)) || s.name == connector_name) chosen.push_back(&s);
    if (!connector_name.empty()) {
        if (chosen.empty()) throw Error(ErrorKind::invalid, "no enabled connector is named '" + connector_name + "'");
        if (!has_directory(*chosen.front()))
            throw Error(ErrorKind::invalid, "connector '" + connector_name + "' lists no customers (give it a directory entity or query)");
    }
    std::vector<DirectoryRun> runs;
    for (const auto* s : chosen) runs.push_back(sync_source(*s, full, on_progress));
    return runs;
}

DirectoryRun Desk::sync_source(const connector::Source& src, bool full,
                               const std::function<void(const DirectoryRun&)>& on_progress) {
    DirectoryRun run;
    run.source = src.name;
    const auto started = std::chrono::steady_clock::now();
    // One connection for the run, each batch its own transaction.
    with_store([&](storage::Store& s) {
        storage::DirectorySource state;
        state.system = src.name;
        if (auto d = s.directory_source(src.name)) state = *d;
        std::set<std::string> seen;  // backend ids of this run: a second row with one is a duplicate
        try {
            src.connector->read_directory(full ? std::string() : state.cursor,
                                          std::chrono::milliseconds(m_config.directory.page_timeout_ms),
                                          [&](connector::DirectoryBatch&& b) {
                                              store_batch(s, src.name, std::move(b), seen, run, state);
                                              if (on_progress) on_progress(run);
                                          });
            run.complete = true;
            // Only a whole list says who is gone; an incremental run reads changes, not deletions.
            if (full) {
                const auto dropped = s.drop_unlisted_copies(src.name, seen);
                run.removed = dropped.removed;
                run.kept_unlisted = dropped.kept;
            }
        } catch (const std::exception& e) {
            run.error = safe_message(e);
        }
        run.elapsed_ms = util::ms_since(started);
        if (run.complete) state.last_run_at = m_clock();
        state.last_summary = run.summary();
        try {
            s.save_directory_source(state);
        } catch (const std::exception& e) {  // the batches are stored; only the summary line is lost
            util::logger()->warn("directory {}: cannot save the run's summary: {}", src.name, safe_message(e));
        }
    });
    util::logger()->info("directory {}: {} in {} ms", src.name, run.summary(), run.elapsed_ms);
    return run;
}

void Desk::store_batch(storage::Store& s, const std::string& system, connector::DirectoryBatch&& b,
                       std::set<std::string>& seen, DirectoryRun& run, storage::DirectorySource& state) {
    const auto now = m_clock();
    storage::Store::Transaction tx(s);
    for (const auto& sk : b.skipped) skip(run, sk.reason);
    for (auto& c : b.customers) {
        const std::string id = ref_in(c, system);
        if (!seen.insert(id).second) skip(run, "a second row with the same id");
        else if (!readable(c, m_phones)) skip(run, "a phone that is not a number");
        else switch (s.copy_customer(c, system, id, now)) {
            case storage::CopyOutcome::added: ++run.added; break;
            case storage::CopyOutcome::updated: ++run.updated; break;
            case storage::CopyOutcome::kept_local: ++run.kept_local; break;
            }
    }
    state.cursor = b.cursor;
    state.last_batch_at = now;
    s.save_directory_source(state);
    tx.commit();  // the cursor moves only with the rows read up to it
}

std::vector<DirectoryStatus> Desk::directory_status() {
    access::require(agent(), access::Action::view_card);
    std::vector<DirectoryStatus> out;
    const auto& srcs = sources();
    with_store([&](storage::Store& s) {
        for (const auto& src : srcs) {
            if (!has_directory(src)) continue;
            DirectoryStatus st;
            st.source = src.name;
            if (auto d = s.directory_source(src.name)) {
                st.last_run_at = d->last_run_at;
                st.last_batch_at = d->last_batch_at;
                st.last_summary = d->last_summary;
            }
            out.push_back(std::move(st));
        }
    });
    return out;
}

}  // namespace kartoteka::desk
