#pragma once
/// Write-back: which backend owns what the agent records (the desk's actions, actions/agent_actions.h,
/// save each record and its outbox row in one transaction), and delivering the outbox to the owning
/// backends with bounded retries and backoff.
#include <string>
#include <vector>

#include "connector/outbox.h"
#include "connector/registry.h"
#include "util/time.h"

namespace kartoteka::connector {

struct OutboxPolicy {
    int max_attempts = 8;                    ///< then the row is failed and waits for `outbox retry`
    int backoff_s = 30;                      ///< first wait, doubled after each failed attempt
    std::chrono::milliseconds timeout{5000}; ///< per delivery
};

/// Delivers due outbox rows through the configured connectors.
class OutboxDeliverer {
public:
    OutboxDeliverer(storage::Store& store, Outbox& outbox, std::vector<Source> sources, OutboxPolicy policy,
                    util::Clock clock);

    struct Report {
        int delivered = 0;
        int retrying = 0;  ///< failed this time, will be tried again
        int failed = 0;    ///< gave up: shown by `outbox list --status failed`
    };
    /// One pass over the rows due now. Each row is claimed (Outbox::claim_next) and delivered inside
    /// its own transaction on PostgreSQL, so any number of seats may run passes at the same time.
    Report deliver_due();

private:
    void deliver_one(const OutboxItem& item, Report& report);

    storage::Store& m_store;
    Outbox& m_outbox;
    std::vector<Source> m_sources;
    OutboxPolicy m_policy;
    util::Clock m_clock;
};

/// The configured connector that should own records of `kind` ("interaction", "offer_outcome",
/// "complaint", "escalation"): the highest-priority one that accepts them; empty when none does.
std::string owner_for(const std::vector<Source>& sources, const std::string& kind);
/// The owner of every kind (owner_for each).
WriteBackRoutes routes_for(const std::vector<Source>& sources);

}  // namespace kartoteka::connector
