#pragma once
/// The durable outbox (issue 3 "Durable write-back"): what an agent records is committed to the local
/// store with an outbox row naming the owning backend; the row is delivered from there with retries
/// and one idempotency key for all its attempts, so it survives a backend outage and a killed
/// process, and a backend that saw a request whose answer was lost can drop the repeat.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "connector/settings.h"
#include "model/interaction.h"
#include "model/offer.h"
#include "model/sla_event.h"
#include "model/ticket.h"
#include "model/types.h"
#include "storage/store.h"

namespace kartoteka::connector {

enum class OutboxStatus { pending, delivered, failed };
const char* to_string(OutboxStatus s) noexcept;
std::optional<OutboxStatus> outbox_status_from(const std::string& text);

struct OutboxItem {
    model::Id id = 0;
    std::string idempotency_key;
    std::string target;     ///< the connector's configured name
    std::string kind;       ///< "interaction", "offer_outcome", "complaint"
    model::Id customer_id = 0;
    std::string local_ref;  ///< the local record, e.g. "ticket:42"
    std::string payload;    ///< JSON object
    OutboxStatus status = OutboxStatus::pending;
    int attempts = 0;
    model::Timestamp next_attempt_at = 0;
    std::string last_error;
    std::string remote_id;
    model::Timestamp created_at = 0;
    model::Timestamp delivered_at = 0;
};

/// Which configured connector owns each kind of record an agent makes at the desk; an empty name
/// means the record stays local (no backend accepts it). Built from the configured sources by
/// connector::routes_for (write_back.h); the desk's actions queue an outbox row per routed record.
struct WriteBackRoutes {
    std::string interaction;
    std::string offer_outcome;
    std::string complaint;
    std::set<std::string> clear_card_numbers;  ///< targets configured with `send_card_numbers: clear`
    std::string escalation;  ///< where the escalator sends each SLA warning and breach it records

    /// How `target` is sent card numbers: masked unless it is configured for clear.
    CardNumbers card_numbers(const std::string& target) const {
        return clear_card_numbers.count(target) ? CardNumbers::clear : CardNumbers::masked;
    }
};

/// What the owning backend is sent for each kind of record (a JSON object; the connector maps it).
/// Every free-text field (summary, outcome, subject, description) has its payment card numbers masked
/// (privacy::mask_card_numbers) unless `card_numbers` is clear; masked before the row is queued, so the
/// outbox table holds no more than the backend will get.
std::string interaction_payload(const model::Interaction& i, CardNumbers card_numbers = CardNumbers::masked);
std::string offer_outcome_payload(const model::Offer& o, CardNumbers card_numbers = CardNumbers::masked);
std::string complaint_payload(const model::Ticket& t, CardNumbers card_numbers = CardNumbers::masked);
/// An SLA warning or breach the escalator recorded: {"event": "warning"|"breach", "deadline":
/// "first_response"|"next_response"|"resolution", "happened_at" (ISO 8601 UTC), "ticket_id" (the ticket's
/// id at `target` when it came from there, else ""), "local_ticket_id", "subject", "problem_type",
/// "severity", "owner" and "escalated_to" (logins, "" for nobody)}.
std::string escalation_payload(const model::SlaEvent& e, const model::Ticket& t, const std::string& target,
                               const std::string& owner, const std::string& escalated_to,
                               CardNumbers card_numbers = CardNumbers::masked);

/// What waits for one backend: for the workstation's source strip.
struct OutboxBacklog {
    long long pending = 0;
    long long failed = 0;                 ///< gave up; waits for `outbox retry`
    model::Timestamp next_attempt_at = 0; ///< the earliest pending row's next try
};

/// Outbox rows in the local store. Like the Store, used by one thread at a time.
class Outbox {
public:
    explicit Outbox(storage::Store& store) : m_store(store) {}

    /// Adds a pending row due now with a fresh random idempotency key; sets item.id and the key.
    /// Call inside the transaction that saves the agent's record where the store allows it.
    model::Id enqueue(OutboxItem& item, model::Timestamp now);
    std::optional<OutboxItem> get(model::Id id);
    /// Newest first; all when status is nullopt.
    std::vector<OutboxItem> list(std::optional<OutboxStatus> status, int limit = 200);
    /// Pending rows whose next attempt is due, oldest first.
    std::vector<OutboxItem> due(model::Timestamp now, int limit = 100);
    /// The oldest due row, locked for this seat until the caller's transaction ends. On PostgreSQL
    /// the row is taken with FOR UPDATE SKIP LOCKED, so seats delivering at the same time each get a
    /// different row and never send one twice; a seat that dies mid-delivery drops its lock with its
    /// connection, and the row is due again at once. Call inside a Store::Transaction on PostgreSQL.
    /// SQLite is one seat's file: there it is the oldest due row (no lock is taken; holding SQLite's
    /// single write lock across a network call would stall the agent's own writes).
    /// `after_id` skips rows up to that id (a pass never takes the same row twice).
    std::optional<OutboxItem> claim_next(model::Timestamp now, model::Id after_id = 0);
    /// Rows still waiting for delivery (pending).
    long long pending_count();
    /// Undelivered rows per target connector (only targets that have some).
    std::map<std::string, OutboxBacklog> backlog();

    void mark_delivered(model::Id id, const std::string& remote_id, model::Timestamp now);
    /// One failed attempt: stays pending until `next_at`, or becomes failed when `give_up`.
    void mark_failed_attempt(model::Id id, const std::string& error, bool give_up, model::Timestamp next_at);
    /// A failed (or pending) row becomes pending and due now. @throws Error{not_found}
    void retry(model::Id id, model::Timestamp now);

private:
    storage::Store& m_store;
};

/// A 128-bit random key as 32 hex digits.
std::string new_idempotency_key();

}  // namespace kartoteka::connector
