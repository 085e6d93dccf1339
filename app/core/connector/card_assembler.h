#pragma once
/// Card assembly (issue 3): the local card at once, then every configured source queried in parallel,
/// each with its own deadline, the card re-merged and handed to the host as each source answers.
/// One slow backend never delays the others: the card is complete when every source has answered or
/// passed its deadline, whichever comes first for each.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "card/card.h"
#include "connector/connector.h"
#include "connector/fetch_pool.h"
#include "connector/registry.h"
#include "phone/phone_normalizer.h"
#include "util/time.h"

namespace kartoteka::connector {

class CardAssembler {
public:
    /// Called on the assembling thread: first with what the local store has, then after each answer.
    using Update = std::function<void(const card::Card&)>;

    /// `phones` is the host's (thread-safe) normalizer and must outlive the assembler.
    CardAssembler(std::vector<Source> sources, int local_priority, const phone::PhoneNormalizer& phones, util::Clock clock);
    /// Waits for fetches still running (each ends at its deadline: connectors stop at it).
    ~CardAssembler();
    CardAssembler(const CardAssembler&) = delete;
    CardAssembler& operator=(const CardAssembler&) = delete;

    /// The complete card. `local` is the store's card (nullopt when the store does not know the
    /// caller); `lookup` what the sources are asked by. Never throws for a source's failure: the
    /// source's state says what happened. A source that failed but answered before is shown from
    /// that earlier answer, marked stale since then.
    card::Card assemble(std::optional<card::Card> local, const Lookup& lookup, const Update& on_update = {});

    const std::vector<Source>& sources() const { return m_sources; }

    /// How one source's fetch ended (pending until it answers or its deadline passes).
    struct Outcome {
        bool done = false;
        std::optional<SourceRecord> record;
        card::SourceStatus status = card::SourceStatus::pending;
        std::string detail;
        long latency_ms = 0;
        std::optional<Failure> failure;  ///< the connector's own verdict when it threw a ConnectorError
        bool retryable = false;
    };

private:
    struct Shared;
    /// The card from the local one and every settled source (stale from the cache where it failed).
    card::Card build(const std::optional<card::Card>& local, const Lookup& lookup, const std::vector<Outcome>& settled);
    /// Waits for the next answer or deadline; returns the sources that settled.
    std::vector<std::size_t> settle_next(Shared& shared, const std::vector<Deadline>& deadlines,
                                         std::vector<Outcome>& settled, std::chrono::steady_clock::time_point started);

    struct Cached {
        SourceRecord record;
        model::Timestamp as_of = 0;
    };
    std::optional<Cached> cached(const std::string& key);
    void remember(const std::string& key, const SourceRecord& record, model::Timestamp at);

    std::vector<Source> m_sources;
    int m_local_priority;
    const phone::PhoneNormalizer& m_phones;
    util::Clock m_clock;
    std::mutex m_cache_mutex;
    std::map<std::string, Cached> m_cache;  ///< last good answer per source and lookup
    /// A fixed pool: a backend that stalls costs at most its deadline on one of these threads, never a
    /// new thread per card (detached threads used to pile up behind a trickling backend).
    std::unique_ptr<FetchPool> m_workers;
};

/// How a connector's failure shows in a source strip.
card::SourceStatus status_of(Failure f);

/// The lookup for a card: its primary phone and email and its backend references.
Lookup lookup_for(const model::Customer& customer);

}  // namespace kartoteka::connector
