#pragma once
/// Write-back: recording what the agent did (the local record and its outbox row) and delivering the
/// outbox to the owning backends with bounded retries and backoff.
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

/// Saves the agent's records and their outbox rows. Uses the store on the caller's thread.
class Recorder {
public:
    Recorder(storage::Store& store, Outbox& outbox, util::Clock clock) : m_store(store), m_outbox(outbox), m_clock(std::move(clock)) {}

    /// A contact with the customer; the interaction and its outbox row commit together.
    OutboxItem record_contact(model::Interaction& interaction, const std::string& target);
    /// An offer's outcome (status and the customer's words); saved with its version check and the
    /// outbox row in one transaction. @throws Error{conflict} when someone changed the offer first.
    OutboxItem record_offer_outcome(model::Offer& offer, const std::string& target);
    /// A complaint ticket. The store saves a ticket and its first event in a transaction of its own,
    /// so the outbox row commits right after it (a crash in between leaves the ticket local only).
    OutboxItem record_complaint(model::Ticket& ticket, const std::string& target);

private:
    OutboxItem enqueue(const std::string& target, const std::string& kind, model::Id customer_id,
                       const std::string& local_ref, const std::string& payload);

    storage::Store& m_store;
    Outbox& m_outbox;
    util::Clock m_clock;
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
    /// One pass over the rows due now.
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
/// "complaint"): the highest-priority one that accepts them; empty when none does.
std::string owner_for(const std::vector<Source>& sources, const std::string& kind);

}  // namespace kartoteka::connector
