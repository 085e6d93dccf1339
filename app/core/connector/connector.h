#pragma once
/// The connector interface (GUIDE rule 4): a backend that knows something about customers. The card
/// assembler asks every configured connector in parallel; the outbox delivers what agents recorded back
/// to the backend that owns it. Implementations live in connectors/<type>/ and are registered by name in
/// a connector::Registry.
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "error.h"
#include "model/customer.h"
#include "model/holding.h"
#include "model/interaction.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/ticket.h"

namespace kartoteka::connector {

/// What a connector can provide, and what it can accept back.
enum class Capability {
    lookup_by_phone, lookup_by_email, lookup_by_id,
    lookup_by_name,  ///< a `{name}` endpoint or a `:name` query: the search box asks it by what was typed
    directory,       ///< lists its customers for directory sync (a `directory` entity or query)
    interactions, offers, preferences, tickets, holdings, feedback,
    accept_interaction, accept_offer_outcome, accept_ticket,
    accept_escalation,  ///< SLA warnings and breaches as they happen (a help-desk note, an e-mail gateway)
};
const char* to_string(Capability c) noexcept;
using Capabilities = std::set<Capability>;

/// Who the card is for: whatever identifies the caller. A connector uses what it can.
struct Lookup {
    std::string phone;  ///< E.164
    std::string email;  ///< lower-case
    std::vector<model::ExternalRef> refs;  ///< backend ids known locally ({id} for the matching system)
    /// What the agent typed in the search box when it reads as a name (search only; the card never
    /// sets it, so a `{name}` endpoint or `:name` query is skipped there).
    std::string name;

    /// The id this customer has in `system`, or empty.
    std::string ref_for(const std::string& system) const;
    /// "phone|email|refs" for caches.
    std::string key() const;
};

/// A backend record left out of a source's answer because a field of it could not be read (issue 14):
/// it costs only itself, never the card or the caller's identity. `reason` names the field and what
/// is wrong with it, never the value (it reaches the screen and the log).
struct Skipped {
    std::string entity;  ///< "interactions", "tickets", "offers"
    std::string reason;
};

/// What one source knows about the customer. Records carry source_system = the connector's name.
struct SourceRecord {
    std::optional<model::Customer> customer;  ///< refs include {connector name, its own id}
    /// Further customers the same lookup matched (a shared office or family phone): the card lists
    /// them in `matches` so the agent can choose; only `customer` is merged into the card.
    std::vector<model::Customer> also_matched;
    std::vector<model::Interaction> interactions;
    std::vector<model::Offer> offers;
    std::vector<model::Ticket> tickets;
    std::optional<model::ContactPreferences> preferences;
    std::vector<model::Holding> holdings;   ///< accounts, cards, tariffs... (numbers already masked)
    std::vector<model::Feedback> feedback;  ///< ratings from contacts, reviews and surveys
    std::vector<Skipped> skipped;  ///< records left out, for the source strip
};

/// One page of a connector's customer list (directory sync). `cursor` is where a later run resumes
/// after this page: the connector's own text (a time, an export's end_time), stored by the desk
/// only together with the page's customers.
struct DirectoryBatch {
    std::vector<model::Customer> customers;  ///< refs carry {connector name, its id}
    std::vector<Skipped> skipped;            ///< rows that could not be read, with the reason
    std::string cursor;
};
/// Takes one batch; the connector reads the next only after it returns. A sink that throws stops the
/// run there (the batches before it are kept).
using DirectorySink = std::function<void(DirectoryBatch&&)>;

/// A record delivered back to a backend (from the outbox).
struct Delivery {
    std::string kind;             ///< "interaction", "offer_outcome", "complaint"
    std::string idempotency_key;  ///< the same on every retry, so the backend can drop repeats
    std::string payload;          ///< JSON object text
    Lookup customer;              ///< who it is about ({customer_id} comes from refs)
};

/// What the source strip says of skipped records: "1 ticket skipped: field 'created_at' ...; 2
/// interactions skipped: ..." (each entity once, with its first reason); empty when none were.
std::string skipped_summary(const std::vector<Skipped>& skipped);

using Deadline = std::chrono::steady_clock::time_point;

/// Why a source gave nothing usable; maps to card::SourceStatus.
enum class Failure { down, timed_out, bad_data, rejected };
const char* to_string(Failure f) noexcept;

/// A backend failure, converted at the connector's boundary from httplib, soci or JSON errors.
class ConnectorError : public Error {
public:
    ConnectorError(Failure failure, const std::string& message, bool retryable)
        : Error(ErrorKind::connector, message, retryable), m_failure(failure) {}
    Failure failure() const noexcept { return m_failure; }

private:
    Failure m_failure;
};

class Connector {
public:
    virtual ~Connector() = default;

    /// What this configured instance provides and accepts (depends on its settings).
    virtual Capabilities capabilities() const = 0;

    /// Everything this backend knows about the customer; an empty record when it has no such customer.
    /// Must return or throw before `deadline`; may be called from several threads at once.
    /// @throws ConnectorError
    virtual SourceRecord fetch(const Lookup& lookup, Deadline deadline) = 0;

    /// Sends one record; returns the backend's id for it (may be empty).
    /// @throws ConnectorError (retryable when a later attempt may succeed)
    virtual std::string deliver(const Delivery& delivery, Deadline deadline) = 0;

    /// The customers matching the lookup (search box): only the customer record, no activity. The
    /// default asks fetch() and keeps its customer and further matches.
    /// @throws ConnectorError
    virtual std::vector<model::Customer> find_customers(const Lookup& lookup, Deadline deadline);

    /// Lists the customers changed since `cursor` (empty: all), page by page into `sink`, each page
    /// within `page_timeout`. The default refuses: the connector has no directory.
    /// @throws ConnectorError
    virtual void read_directory(const std::string& cursor, std::chrono::milliseconds page_timeout,
                                const DirectorySink& sink);
};

/// Appends read(raw) to `out` for each raw record; a record whose reading throws bad data is left
/// out and noted in `skipped` (GUIDE "Real inputs"). Other failures still fail the source.
template <class Raw, class T, class Read>
void read_each(const std::vector<Raw>& raws, const std::string& entity, std::vector<T>& out,
               std::vector<Skipped>& skipped, Read&& read) {
    for (const auto& raw : raws) {
        try {
            out.push_back(read(raw));
        } catch (const ConnectorError& e) {
            if (e.failure() != Failure::bad_data) throw;
            skipped.push_back({entity, e.what()});
        }
    }
}

/// The entities a connector may map, in the order `connectors describe` lists them: customer,
/// interactions, offers, tickets, preferences, holdings, feedback.
const std::vector<std::string>& mappable_entities();

/// The model fields each entity may be mapped to, the same for every connector: for validating
/// mappings and for `connectors describe`. Empty for an unknown entity.
const std::vector<std::string>& mappable_fields(const std::string& entity);

/// True for entities whose records are lists carrying the backend's own id (every one but
/// "preferences", which is one record per customer, keyed by the customer).
bool has_record_ids(const std::string& entity);

}  // namespace kartoteka::connector
