#pragma once
/// Duty leases and agents' notifications (issue 19, schema 0010) over a Store's connection, the way the
/// outbox keeps its own table: a background duty (the escalator) runs on the one seat holding its
/// lease, and what it tells agents waits in their notifications until read.
#include <string>
#include <vector>

#include "model/notification.h"
#include "storage/store.h"

namespace kartoteka::storage {

class Notifications {
public:
    explicit Notifications(Store& store) : m_store(store) {}

    /// Takes or renews the named duty's lease for `holder` until `until` when it is free, lapsed (its
    /// until before now) or already theirs. True when `holder` has it now.
    bool claim_duty(const std::string& name, const std::string& holder, model::Timestamp now, model::Timestamp until);
    model::Id insert(model::Notification& notification);
    /// Newest first; unread_only: those not marked read.
    std::vector<model::Notification> for_agent(model::Id agent_id, bool unread_only, int limit);
    /// Marks the agent's notifications up to this id read; how many were unread.
    int mark_read(model::Id agent_id, model::Id up_to, model::Timestamp now);

private:
    Store& m_store;
};

}  // namespace kartoteka::storage
