#pragma once
/// The local store: typed reads and writes of the model over one Database connection.
/// A Store is used by one thread at a time (a soci::session is not thread-safe); background workers
/// open their own Database. Concurrent edits are caught by version columns (Error{conflict}).
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/agent.h"
#include "model/callback.h"
#include "model/customer.h"
#include "model/holding.h"
#include "model/interaction.h"
#include "model/lifecycle.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/service_contact.h"
#include "model/sla_event.h"
#include "model/ticket.h"
#include "model/value_traits.h"
#include "retention/retention_report.h"
#include "storage/database.h"

namespace kartoteka::storage {

using model::InteractionPage;

/// A customer row a directory sync made: from which backend, and when it was last copied.
struct SyncedCopy {
    std::string system;
    model::Timestamp synced_at = 0;
};

/// What a full directory run did with the copies its backend no longer lists.
struct DroppedCopies {
    long long removed = 0;  ///< copies nobody worked with, deleted
    long long kept = 0;     ///< copies with history, kept as local records
};

/// One backend's directory sync: where its next run starts and how the last one went.
struct DirectorySource {
    std::string system;
    std::string cursor;               ///< the connector's own text; empty = from the start
    model::Timestamp last_run_at = 0; ///< when a run last read the whole list (0 = never)
    model::Timestamp last_batch_at = 0;
    std::string last_summary;         ///< the last run's counts, for `directory status`
};

/// What copying one backend customer did.
enum class CopyOutcome { added, updated, kept_local };

class Store {
public:
    explicit Store(Database& db);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// A transaction that nests: the outermost one begins and commits, inner ones join it. Lets a
    /// caller wrap several Store writes (a record and its audit entry) in one atomic unit while each
    /// write stays atomic on its own. Rolls back on destruction unless committed.
    class Transaction {
    public:
        explicit Transaction(Store& store);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        Store& m_store;
        bool m_outer;
        bool m_done = false;
    };

    Database& database() { return m_db; }
    soci::session& session() { return m_db.session(); }

    // --- customers ------------------------------------------------------------------------------
    /// Inserts the customer with its phones, emails, refs and name keys; sets customer.id.
    model::Id insert_customer(model::Customer& customer, model::Timestamp now);
    /// Replaces the customer's fields, phones, emails, refs and name keys.
    void update_customer(const model::Customer& customer, model::Timestamp now);
    /// The note pinned on the customer's card ("" removes it). @throws Error{not_found}
    void set_pinned_note(model::Id customer_id, const std::string& note, model::Timestamp now);
    std::optional<model::Customer> customer(model::Id id);
    std::vector<model::Id> customers_by_phone(const std::string& e164);
    std::vector<model::Id> customers_by_email(const std::string& email_lower);
    std::optional<model::Id> customer_by_ref(const std::string& system, const std::string& external_id);
    /// Customers whose folded name key starts with the folded prefix, ordered by key; at most limit.
    std::vector<model::Id> customers_by_name_prefix(const std::string& folded_prefix, int limit);
    /// Customers whose name's Latin search key (util::latin_key) starts with this key; at most limit.
    std::vector<model::Id> customers_by_latin_prefix(const std::string& latin_key, int limit);
    /// Customers with a number ending in these digits ("1154" finds +7 916 369-11-54); at most limit.
    std::vector<model::Id> customers_by_phone_ending(const std::string& digits, int limit);
    /// Customers with an e-mail whose part before the "@" starts with this lower-case text; at most limit.
    std::vector<model::Id> customers_by_email_local(const std::string& local_lower, int limit);
    long long customer_count();

    // --- directory sync (store_directory.cpp) --------------------------------------------------
    /// Upserts a customer read from `system`'s directory by its reference there ({system, id} in
    /// customer.refs, phones already E.164): a new synced copy, or the copy replaced (keeping its
    /// other references). A local record already linked to that reference is left as it is: what
    /// agents recorded wins over the copy. Sets customer.id.
    CopyOutcome copy_customer(model::Customer& customer, const std::string& system, const std::string& external_id,
                              model::Timestamp now);
    std::optional<SyncedCopy> synced_copy(model::Id customer_id);
    /// After a complete full run of `system`'s directory: its synced copies whose id the backend no
    /// longer lists (`listed` = every id the run read). A copy nobody worked with is deleted; one with
    /// history (an interaction, order, offer, ticket, planned contact, callback or lifecycle event)
    /// stays as a local record, no longer marked as a copy, so no later sync replaces what agents did.
    DroppedCopies drop_unlisted_copies(const std::string& system, const std::set<std::string>& listed);
    std::optional<DirectorySource> directory_source(const std::string& system);
    std::vector<DirectorySource> directory_sources();
    /// Inserts or replaces the backend's row.
    void save_directory_source(const DirectorySource& source);

    // --- agents and teams -----------------------------------------------------------------------
    model::Id insert_team(model::Team& team);
    void set_team_lead(model::Id team_id, model::Id lead_id);
    model::Id insert_agent(model::Agent& agent);
    std::optional<model::Agent> agent(model::Id id);
    std::optional<model::Agent> agent_by_login(const std::string& login);
    std::vector<model::Agent> agents();
    std::vector<model::Team> teams();
    /// Saves an agent's name, role, team and active flag (the login is their key and never changes).
    void update_agent(const model::Agent& agent);
    std::optional<model::Team> team_by_name(const std::string& name);
    /// Inside a transaction: makes writers of agents and teams wait for each other until it ends, so a
    /// check that reads before it writes ("is the store empty?", "is this the last admin?") still holds
    /// when it commits. PostgreSQL takes a table lock that readers pass; SQLite has one writer anyway.
    void lock_staff();

    // --- who the database says the session is (store_security.cpp) ---------------------------------
    /// The session's database user (PostgreSQL's session_user), the agent mapped to it and whether it
    /// is a maintenance connection (the owner, a member of it, or a superuser).
    struct DatabaseUser {
        std::string name;
        model::Id agent_id = 0;  ///< the agent whose db_role it is; 0 = nobody's
        bool maintenance = false;
    };
    /// nullopt on SQLite, which has no users.
    std::optional<DatabaseUser> database_user();
    /// PostgreSQL: the seat's password, sent as a SCRAM verifier computed here (the clear text never
    /// leaves this process). The database refuses unless the session is an admin's or the owner's.
    void set_seat_password(const std::string& db_role, const std::string& password);

    // --- orders and lifecycle -------------------------------------------------------------------
    model::Id insert_order(model::Order& order);
    std::vector<model::Order> orders_for(model::Id customer_id);
    model::Id insert_lifecycle_event(model::LifecycleEvent& event);
    std::vector<model::LifecycleEvent> lifecycle_events_for(model::Id customer_id);
    /// When customers were lost in [from, to): the churn series of the supervisor's chart.
    std::vector<model::Timestamp> loss_times(model::Timestamp from, model::Timestamp to);

    // --- interactions ---------------------------------------------------------------------------
    model::Id insert_interaction(model::Interaction& interaction);
    /// A page of the timeline: newest first, `offset` rows skipped.
    InteractionPage interactions_for(model::Id customer_id, int limit, int offset = 0);

    // --- offers and preferences -----------------------------------------------------------------
    model::Id insert_offer(model::Offer& offer);
    std::vector<model::Offer> offers_for(model::Id customer_id);
    std::optional<model::Offer> offer(model::Id id);
    /// Saves a changed offer if nobody changed it since offer.version was read; bumps the version.
    /// @throws Error{conflict} otherwise.
    void update_offer(model::Offer& offer);
    /// The stored preferences, or defaults (version 0) when the customer has none yet.
    model::ContactPreferences preferences_for(model::Id customer_id);
    /// Inserts or updates with the same version check as update_offer.
    void save_preferences(model::ContactPreferences& prefs);

    // --- holdings and feedback (store_holdings.cpp, issue 20) ----------------------------------
    /// Inserts the holding, its number masked (privacy::mask_account_number) whatever the caller gave.
    model::Id insert_holding(model::Holding& holding);
    /// The customer's holdings by kind and product.
    std::vector<model::Holding> holdings_for(model::Id customer_id);
    /// Inserts a rating; the score must be 1..5 (the table refuses others).
    model::Id insert_feedback(model::Feedback& feedback);
    /// The customer's ratings, newest first.
    std::vector<model::Feedback> feedback_for(model::Id customer_id);

    // --- tickets --------------------------------------------------------------------------------
    /// Inserts the ticket and a "created" event at ticket.created_at.
    model::Id insert_ticket(model::Ticket& ticket);
    std::optional<model::Ticket> ticket(model::Id id, bool with_events = true);
    std::vector<model::Ticket> tickets_for(model::Id customer_id, bool with_events = false);
    /// Tickets not resolved or closed, with their events (the SLA board's input).
    std::vector<model::Ticket> open_tickets();
    /// Saves changed ticket fields with the version check; bumps the version.
    void update_ticket(model::Ticket& ticket);
    model::Id insert_ticket_event(model::TicketEvent& event);
    /// Problem types tickets have used so far, alphabetically (offered when opening a complaint).
    std::vector<std::string> problem_types();
    /// Whether any ticket has this problem type: one index probe, not a read of every ticket.
    bool problem_type_used(const std::string& type);
    std::vector<model::TicketEvent> ticket_events(model::Id ticket_id);
    /// Open (not resolved or closed) tickets of one owner: who in a team has the least to do. Counted
    /// in the open-tickets-by-owner index, so only that owner's open tickets are read.
    int open_ticket_count(model::Id owner_id);
    /// The display names of customers with an open ticket, by id: the board's Customer column in one read.
    std::unordered_map<model::Id, std::string> open_ticket_customers();

    // --- planned service contacts ---------------------------------------------------------------
    model::Id insert_contact(model::ServiceContact& contact);
    std::vector<model::ServiceContact> contacts_for(model::Id customer_id);
    /// Planned contacts due on or before `day`; assignee 0 = everyone's.
    std::vector<model::ServiceContact> contacts_due(model::Id assignee_id, model::Date day);
    std::optional<model::ServiceContact> contact(model::Id id);
    /// Closes a planned contact (done or skipped) with its outcome and answers; a contact already closed
    /// by someone else is an ErrorKind::conflict.
    void close_contact(const model::ServiceContact& contact);

    // --- callbacks (store_callbacks.cpp, issue 18) ---------------------------------------------
    model::Id insert_callback(model::Callback& callback);
    std::optional<model::Callback> callback(model::Id id);
    /// Open callbacks due in [from, to) of one agent (0 = everyone's), earliest first.
    std::vector<model::Callback> open_callbacks(model::Id agent_id, model::Timestamp from, model::Timestamp to);
    /// Every callback promised to a customer, any status, earliest first.
    std::vector<model::Callback> callbacks_for(model::Id customer_id);
    /// Open callbacks of the agent due at or before `until` whose reminder nobody has announced yet.
    std::vector<model::Callback> unreminded_callbacks(model::Id agent_id, model::Timestamp until);
    /// Saves owner, time, note, status and reminder with the version check; bumps the version.
    /// @throws Error{conflict} when another seat changed it since it was read.
    void update_callback(model::Callback& callback);
    /// Marks the callback's reminder announced; false when another window announced it first or it closed.
    bool claim_reminder(model::Id id, model::Timestamp now);

    // --- SLA events (store_sla.cpp, issue 4) ----------------------------------------------------
    /// Records the warnings and breaches not recorded yet (one per ticket, target, kind and cycle),
    /// stamping recorded_at; returns only the new ones, with their ids: the escalations to announce.
    std::vector<model::SlaEvent> record_sla_events(const std::vector<model::SlaEvent>& events, model::Timestamp now);
    std::vector<model::SlaEvent> sla_events_for(model::Id ticket_id);
    /// Recorded events whose `at` is in [from, to), oldest first.
    std::vector<model::SlaEvent> sla_events_between(model::Timestamp from, model::Timestamp to);
    /// Tickets of any status created in [from, to), with their events (the breach rate's input).
    std::vector<model::Ticket> tickets_created_between(model::Timestamp from, model::Timestamp to);
    // --- retention (store_retention.cpp) --------------------------------------------------------
    /// The customer's value traits; defaults (all unknown / false) when none are stored.
    model::ValueTraits traits_for(model::Id customer_id);
    /// Inserts or replaces the customer's value traits.
    void save_traits(const model::ValueTraits& traits);
    /// Every stored traits record (the churn report and win-back run read all customers at once).
    std::vector<model::ValueTraits> all_traits();
    /// Every customer's identity fields, without phones, emails or refs, ordered by id.
    std::vector<model::Customer> all_customers_brief();
    /// Every order, ordered by customer and time.
    std::vector<model::Order> all_orders();
    /// Every lifecycle record, ordered by customer and time.
    std::vector<model::LifecycleEvent> all_lifecycle_events();
    // --- the retention report (store_retention_report.cpp): aggregates, never every history --------
    /// Customers created before `to`, per currency: one count before starts[0], then one per [starts[i],
    /// starts[i+1]) (the last up to `to`), each with slot = its start. A customer's currency is their
    /// latest order's naming one; without orders, their country's (schema 18), as the card says; else
    /// "" (the centre's, `centre_currency`).
    std::vector<retention::CreatedCount> customers_created(const std::vector<model::Timestamp>& starts,
                                                           model::Timestamp to, const std::string& centre_currency);
    /// The losses, refusals and sleeping counts the report over [from, to) needs; sleeping at `now` by
    /// the buckets' days (ascending). Currencies as customers_created tells them.
    retention::RetentionFacts retention_facts(model::Timestamp from, model::Timestamp to, model::Timestamp now,
                                              const std::vector<int>& bucket_days, const std::string& centre_currency);
    /// Fills each window's orders, amount and first order from the orders in the customer's currency
    /// (an order without one is in `centre_currency`).
    void count_order_windows(std::vector<retention::OrderWindow>& windows, const std::string& centre_currency);
    /// Fills each window's `orders` with the complaints (tickets) opened in it.
    void count_complaint_windows(std::vector<retention::OrderWindow>& windows);
    /// The customer's interactions at or after `since`, newest first (early-warning signals, inbound calls).
    std::vector<model::Interaction> interactions_since(model::Id customer_id, model::Timestamp since);
    /// Ids of offers still to be worked (planned, in progress, postponed) assigned to an agent; 0 = anyone's.
    std::vector<model::Id> open_offer_ids(model::Id assignee_id);

private:
    void write_customer_keys(const model::Customer& customer);
    void delete_customer_keys(model::Id id);

    /// Statements on the screen-pop path, prepared once per connection (SQLite's prepare costs as much
    /// as the indexed lookup itself).
    struct Prepared;
    Prepared& prepared();

    Database& m_db;
    int m_tx_depth = 0;
    std::unique_ptr<Prepared> m_prepared;
};

/// The folded name keys a customer is found by: each name, "last first", "first last", company.
std::vector<std::string> name_keys(const model::Customer& customer);

}  // namespace kartoteka::storage
