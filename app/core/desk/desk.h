#pragma once
/// The desk: the one application layer the window, kartoteka-cli and the screen-pop endpoint stand on
/// (GUIDE rule 0). Built once from the configuration, the store's location and the signed-in agent's
/// login, it owns the wiring (store connections, connectors, card assembly, retention rules, SLA
/// policies and calendars, write-back routes and the outbox, the audit log) and offers each use case
/// as one call that carries its whole policy: who may do it, what is audited, what is written back.
/// Hosts parse, call the desk, present.
///
/// Threads: every call is safe from any thread. Each call takes one of the desk's store connections
/// for as long as it needs it (a soci session is single-threaded), so a card waiting on a slow
/// backend holds no connection and never delays a search on another thread. Calls may block on the
/// network (open_card, deliver_outbox): hosts with a UI run them off the UI thread.
///
/// Errors: kartoteka::Error with its kind: invalid (bad input, exit 2), not_found (1), forbidden (the
/// agent's role may not), conflict (another seat changed it first), storage / connector (3).
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actions/agent_actions.h"
#include "actions/lifecycle_actions.h"
#include "audit/audit_log.h"
#include "card/card.h"
#include "config/config.h"
#include "connector/outbox.h"
#include "connector/card_assembler.h"
#include "connector/federated_search.h"
#include "connector/write_back.h"
#include "connector/registry.h"
#include "desk/retention_service.h"
#include "live/change_listener.h"
#include "phone/phone_normalizer.h"
#include "search/customer_search.h"
#include "sla/sla_board.h"
#include "util/time.h"

namespace kartoteka::desk {

/// What a host may show of an exception that escaped every wrapper: a store driver's error without the
/// statement and bound values it quotes, card numbers masked in anything else.
std::string safe_message(const std::exception& e);

/// Where a card was opened from; the audit row says so ("view_card" with this origin).
enum class Origin { window, pop, cli, tel_link };
const char* to_string(Origin o) noexcept;

struct DeskOptions {
    /// --db: a SQLite path or PostgreSQL connection string overriding the config's store.url.
    std::optional<std::string> store_override;
    /// The store's password (PostgreSQL); when nullopt it is read from store.password_env or the keyring.
    std::optional<std::string> store_password;
    util::Clock clock = util::system_now;
    /// Most store connections open at once (the pop endpoint answers several calls in parallel).
    int max_connections = 8;
    /// How long the signed-in agent read from the store is trusted before it is read again, so a
    /// window left open all day notices within seconds that an admin disabled its agent or changed
    /// their role. Zero reads it on every call (tests).
    std::chrono::milliseconds agent_recheck{5000};
};

/// What a card is opened by: a stored customer's id, a caller id in any notation, or a backend's
/// reference (a search hit only a backend knows, opened like a pop).
struct CardRequest {
    // A constructor rather than an aggregate: hosts write {id, phone}, and the reference came later.
    CardRequest(model::Id id_ = 0, std::string phone_ = {}, std::optional<model::ExternalRef> ref_ = {})
        : id(id_), phone(std::move(phone_)), ref(std::move(ref_)) {}
    model::Id id = 0;
    std::string phone;
    std::optional<model::ExternalRef> ref;
};

// --- federated search (desk/desk_search.cpp) -------------------------------------------------------

/// How one source took part in a search: pending until it answers or passes its timeout_ms.
struct SearchSource {
    std::string name;
    card::SourceStatus status = card::SourceStatus::pending;
    long latency_ms = 0;
    std::string detail;  ///< why it failed (no customer data)
    int found = 0;       ///< customers it returned
};

/// The hits so far (local first, each source's joining as it answers) and every asked source's state.
struct SearchResult {
    std::vector<search::Hit> hits;
    std::vector<SearchSource> sources;  ///< the connectors asked, in configuration order
    bool complete = false;              ///< every asked source has answered or timed out
    /// Every way the local store looked the query up (name, Latin spelling, e-mail, last digits...), for
    /// "no customer matches" to say what was searched.
    std::vector<search::MatchedBy> tried;
};

/// Called on the searching thread: once with the local hits, then after each source's answer.
using SearchUpdate = std::function<void(const SearchResult&)>;

// --- directory sync (desk/directory_sync.cpp) ------------------------------------------------------

/// What one backend's directory sync did.
struct DirectoryRun {
    std::string source;
    long long added = 0, updated = 0;
    long long kept_local = 0;  ///< rows whose customer is a local record linked to them: left as they are
    /// A complete full run only: copies the backend no longer lists, deleted (nobody worked with them)
    /// or kept as local records for their history.
    long long removed = 0, kept_unlisted = 0;
    long long skipped = 0;
    std::map<std::string, long long> reasons;  ///< why rows were skipped, with how many each
    bool complete = false;  ///< the whole list was read; false: stopped by `error`, the next run resumes
    std::string error;
    long elapsed_ms = 0;
    /// "1200 added, 3 updated, 2 skipped (...)", for the status line and `directory status`.
    std::string summary() const;
};

/// A connector with a directory, and how its syncs went.
struct DirectoryStatus {
    std::string source;
    model::Timestamp last_run_at = 0;    ///< the last complete run; 0 = never
    model::Timestamp last_batch_at = 0;  ///< the last batch stored (a run in progress or cut off)
    std::string last_summary;
};

/// Called as the card grows: first the local part, then after each source's answer (on the calling
/// thread). Not called for a caller nobody knows.
using CardUpdate = std::function<void(const card::Card&)>;

/// The SLA board at one instant, owning what its rows point into.
struct SlaBoard {
    SlaBoard(const config::Config& config);
    sla::PolicySet policies;
    sla::CalendarSet calendars;
    std::unique_ptr<sla::Board> board;
    model::Timestamp at = 0;
    sla::BreachRate rate;                 ///< tickets created in [rate.from, rate.to)
    std::vector<model::SlaEvent> fresh;   ///< warnings and breaches recorded by this computation
    std::unordered_map<model::Id, std::string> customer_names;  ///< of the rows' customers, by id
};

/// One ticket as the supervisor's detail pane and `sla show` present it (issue 19): its history, each
/// target's clock, and the norms and calendar its deadlines were counted in.
struct TicketDetail {
    model::Ticket ticket;                   ///< with its events, oldest first
    std::string customer_name;
    model::Id team_id = 0;                  ///< the owner's team
    model::Id escalates_to = 0;             ///< who an escalation would go to now
    sla::TicketSla sla;
    sla::Policy policy;                     ///< the norms it is measured against (working seconds)
    config::CalendarConfig calendar;        ///< the calendar the working time is counted in
    std::vector<model::SlaEvent> recorded;  ///< warnings and breaches recorded so far
    sla::Directory directory;               ///< names of owners, teams and the agents in the history
};

/// What a supervisor changes on a ticket (issue 19); nullopt leaves it. Owner and team are exclusive.
struct TicketChange {
    /// The version the supervisor saw (a board row's, a detail's); another seat's save since then is a
    /// conflict. nullopt: take the ticket as it is now (kartoteka-cli without --version).
    std::optional<int> version;
    std::optional<std::string> owner;         ///< an active agent's login
    std::optional<std::string> team;          ///< a team's name: its active member with the fewest open tickets
    bool escalate = false;                    ///< to the owner's team lead (an absent or disabled lead: a supervisor)
    std::optional<int> severity;              ///< 1..5
    std::optional<std::string> problem_type;  ///< a configured one or one tickets already use
    std::string note;                         ///< why, kept in the ticket's history
};

struct BoardQuery {
    std::optional<model::Timestamp> at;    ///< default: now
    std::optional<model::Timestamp> from;  ///< breach rate over [from, to); default: the 30 days to `at`
    std::optional<model::Timestamp> to;
    bool record = true;  ///< record warnings and breaches that have happened, escalated to team leads
};

/// Breaches and losses per week, for the supervisor's chart.
struct BoardHistory {
    std::vector<model::Timestamp> breaches;
    std::vector<model::Timestamp> losses;
};

/// Everything due for one agent (0 = everyone) on a day.
struct DueWork {
    model::Date day = 0;
    std::vector<ContactView> contacts;
    std::vector<OfferView> offers;
    std::vector<model::Customer> contact_customers;  ///< parallel to `contacts`
    /// Parallel to `contacts` when asked for (contacts_due's with_grades, the service list's filters):
    /// the customer's loyalty grade ('A', 'B', 'C') and the time zone their quiet hours are read in.
    std::vector<char> contact_grades;
    std::vector<std::string> contact_zones;
};

/// A customer's lifecycle: the status the rules give now and every recorded loss, return and decision.
struct LifecycleView {
    model::Customer customer;
    retention::StatusAssessment status;
    std::vector<model::LifecycleEvent> events;
};

/// The result of recording something an agent did: the outbox rows it queued for backends.
struct Recorded {
    std::vector<connector::OutboxItem> queued;
};

// --- callbacks (desk/callbacks.cpp, issue 18) ----------------------------------------------------

/// A callback the signed-in agent promises: they own it (the customer expects the voice they spoke to).
struct CallbackDraft {
    model::Id customer_id = 0;
    model::Timestamp due_at = 0;  ///< the instant asked for (hosts convert the centre's wall clock to it)
    std::string note;             ///< what to call about
    model::Id offer_id = 0;       ///< the offer postponed with "call back", if any
    model::Id interaction_id = 0; ///< the logged contact it was promised in, if any
};

/// How a logged contact ended (F2's wrap-up, record contact --disposition/--callback-at).
struct WrapUp {
    std::string disposition;           ///< a code from config wrap_up.dispositions; "" = none
    model::Timestamp callback_at = 0;  ///< the customer asked to be called back then; 0 = no callback
};

/// A callback with what a list shows beside it.
struct CallbackView {
    model::Callback callback;
    std::string customer;     ///< the customer's display name ("" when the customer is gone)
    std::string agent_login;  ///< the owner's login
};

// --- staff: agents and teams (desk/staff.cpp) -----------------------------------------------------

/// A new agent as an admin gives it (agent add, one row of agent import).
struct AgentDraft {
    std::string login;  ///< one word: letters, digits and . _ - @ (any script); their key for good
    std::string name;
    model::Role role = model::Role::operator_;
    std::string team;   ///< a team's name; empty = no team
    /// PostgreSQL: the database login role they sign in as, created when missing (empty = none: they
    /// work only through a maintenance connection). Refused on SQLite, which has no users.
    std::string db_role = {};
    std::string password = {};  ///< PostgreSQL: the new role's password (empty = none: Kerberos, peer, .pgpass)
};

/// What agent set changes; nullopt leaves it as it is. team "" takes the agent out of their team.
struct AgentChange {
    std::optional<model::Role> role;
    std::optional<std::string> team;
    std::optional<std::string> name;
    std::optional<std::string> db_role = std::nullopt;   ///< PostgreSQL: the database role they sign in as ("" = none)
    std::optional<std::string> password = std::nullopt;  ///< PostgreSQL: their database role's new password
};

/// Who the store recognises at this desk, and how it knows.
struct Identity {
    enum class Source {
        database_session,  ///< PostgreSQL: the session's database user is this agent's db_role
        maintenance,       ///< PostgreSQL: the owner or a superuser connected, acting as config agent.login
        config,            ///< SQLite (one seat, one user): config agent.login
    };
    model::Agent agent;
    Source source = Source::config;
    std::string db_user;       ///< PostgreSQL's session_user; empty on SQLite
    std::string config_login;  ///< agent.login from the configuration, for the disagreement warning
};
const char* to_string(Identity::Source s) noexcept;

/// What agent import added, in file order.
struct StaffImport {
    std::vector<model::Agent> agents;
    std::vector<model::Team> teams;  ///< created because a row named a team the store did not have
};

/// What F3 shows before a complaint is saved (issue 18): the customer's complaints still open on the
/// same problem (a repeat is usually a call about that one), and the norms the new one would be measured
/// against, counted from now in the policy's calendar.
struct ComplaintPreview {
    std::vector<model::Ticket> same_problem;  ///< open or waiting on the customer, newest first
    sla::Policy policy;                       ///< working seconds; 0 = no such target
    model::Timestamp first_response_due = 0;  ///< 0 when the policy sets no target
    model::Timestamp resolution_due = 0;
};

class Desk {
public:
    /// Nothing is opened yet: the store on the first call that needs it, the connectors on the first
    /// card (so `config check` never fails on a backend and a command that needs no store opens none).
    Desk(config::Config config, DeskOptions options = {});
    ~Desk();
    Desk(const Desk&) = delete;
    Desk& operator=(const Desk&) = delete;

    const config::Config& config() const { return m_config; }
    const phone::PhoneNormalizer& phones() const { return m_phones; }
    model::Timestamp now() const { return m_clock(); }
    /// Pins the desk's "now" (kartoteka-cli --now: reproducible runs and tests). Call before use.
    void set_clock(util::Clock clock) { m_clock = std::move(clock); }
    /// The store for messages (a PostgreSQL password hidden).
    std::string store_description() const;
    /// True on a shared PostgreSQL store (live updates from other seats are possible).
    bool shared_store() const;

    // --- who is at the desk -----------------------------------------------------------------------
    /// The signed-in agent, from the store (re-read after options.agent_recheck): on PostgreSQL the agent
    /// whose db_role is the session's database user (config agent.login is ignored, with a warning when
    /// it disagrees), unless that user is the owner or a superuser (a maintenance connection, trusted:
    /// it acts as agent.login); on SQLite config agent.login.
    /// @throws Error{forbidden} when unknown or disabled, saying which.
    model::Agent agent();
    /// Who the store recognises, and how (kartoteka-cli whoami). @throws as agent().
    Identity whoami();
    /// kartoteka-cli admin migrate: opens the store with the owner's password (empty: libpq finds the
    /// credentials itself: .pgpass, Kerberos, peer), applies pending migrations and grants the seats
    /// their part. Seats never migrate. Returns the schema version now. @throws Error{storage}.
    int migrate_store(const std::string& owner_password);
    std::optional<model::Agent> agent_by_login(const std::string& login);
    std::optional<model::Agent> agent_by_id(model::Id id);
    /// "(unassigned)" for 0; "#id" for an agent the store does not know.
    std::string agent_login(model::Id id);
    std::vector<std::string> problem_types();

    // --- staff: agents and teams (desk/staff.cpp) ------------------------------------------------
    // Only an admin adds, changes, disables or enables agents and teams (access::Action::administer),
    // with one exception that lets a centre start: on a store with no agents at all, anyone who can
    // open it may add the first agent, who must be an admin. Every change is audited in its own
    // transaction, with the login and role but never the person's name. The last active admin can be
    // neither disabled nor demoted: somebody must be left to manage the staff.

    /// Every agent, active or disabled, by id; every team. Any active signed-in agent; on a store
    /// with no agents yet, anyone (there is nobody to show).
    std::vector<model::Agent> agents();
    std::vector<model::Team> teams();
    /// @throws Error{invalid} for a bad or taken login, an empty name, an unknown team;
    ///         Error{forbidden} unless the signed-in agent is an admin (or bootstrapping, above).
    model::Agent add_agent(const AgentDraft& draft);
    /// @throws Error{not_found} for an unknown login, and as add_agent.
    model::Agent set_agent(const std::string& login, const AgentChange& change);
    /// A disabled agent keeps their records and audit rows but the desk refuses them everything.
    /// False when they already were. @throws Error{invalid} for the last active admin.
    bool disable_agent(const std::string& login);
    /// False when they already were active.
    bool enable_agent(const std::string& login);
    /// A team, with its lead (an active agent's login; empty = none yet).
    model::Team add_team(const std::string& name, const std::string& lead_login);
    /// The team's lead: SLA escalations go to them. @throws Error{not_found} for an unknown team.
    model::Team set_team_lead(const std::string& team, const std::string& lead_login);
    /// A whole centre from CSV (RFC 4180, UTF-8, a header naming the columns login, name, role and
    /// optionally team): every row is checked first and either all are added, in one transaction,
    /// or none. A team the store does not have is created. On an empty store the file may bring the
    /// first admin. @throws Error{invalid} listing every bad row by its line number (logins only).
    StaffImport import_agents(std::string_view csv);

    // --- customers and cards ----------------------------------------------------------------------
    /// Customers matching a phone (any notation), name prefix, email, #id or system:reference: the
    /// local store's at once (on_update), then every connector that can look customers up by what
    /// was typed, asked in parallel, each one's hits merged by identity as it answers within its
    /// timeout_ms; a slow or failing source is marked in `sources`, never holds up the rest.
    SearchResult search_all(const std::string& query, int limit, const SearchUpdate& on_update = {});
    /// The same, blocking: every hit once all sources have answered or timed out.
    std::vector<search::Hit> search(const std::string& query, int limit);
    /// Opens a card: checks the agent may view cards, assembles it from the store and every source
    /// (on_update as it grows), keeps a caller only a backend knows as a local record linked by the
    /// backend's reference, evaluates each ticket's SLA and audits the view with its origin before
    /// returning. nullopt when nobody knows the customer. @throws Error{invalid} for a phone that is
    /// not a number, Error{forbidden}.
    std::optional<card::Card> open_card(const CardRequest& request, Origin origin, const CardUpdate& on_update = {});
    /// The next page of a customer's timeline after `offset` entries.
    model::InteractionPage timeline(model::Id customer_id, int offset);
    /// A caller nobody knows becomes a customer (the screen pop's new-customer form); the phone is
    /// normalized here. @throws Error{invalid} without a name or with a phone that is not a number.
    model::Customer create_customer(model::Customer customer);

    // --- what agents record (stored with its outbox row before anything is sent) ----------------
    /// A logged contact; stays local when no backend accepts interactions.
    /// `write_back_to`: a connector name that must take it (kartoteka-cli --to); empty = the routes.
    /// `wrap_up`: the disposition (checked against the configuration) and a callback promised in the
    /// call, owned by the signed-in agent and committed with the contact.
    model::Interaction log_contact(const actions::ContactDraft& draft, Recorded* recorded = nullptr,
                                   const std::string& write_back_to = {}, const WrapUp& wrap_up = {});
    model::Ticket open_complaint(const actions::ComplaintDraft& draft, Recorded* recorded = nullptr,
                                 const std::string& write_back_to = {});
    /// Before open_complaint (desk/complaint_preview.cpp). Nothing is recorded or audited: the card
    /// that shows the customer's complaints was audited when it was opened.
    /// @throws Error{forbidden} unless the agent may open complaints, Error{not_found}.
    ComplaintPreview complaint_preview(model::Id customer_id, const std::string& problem_type, int severity);
    /// The offer as stored now (after a conflict: what the other seat saved).
    std::optional<model::Offer> offer(model::Id offer_id);
    /// Works an offer (outcome, the customer's words, the next step) as the signed-in agent.
    model::Offer work_offer(model::Id offer_id, OfferWork work, Recorded* recorded = nullptr);
    /// Logs a planned contact as the signed-in agent; a problem raised opens a complaint (its id).
    std::optional<model::Id> log_planned_contact(model::Id contact_id, ContactLog log, Recorded* recorded = nullptr);
    /// Version-checked: @throws Error{conflict} when another seat saved them since they were read.
    void save_preferences(model::ContactPreferences& preferences);
    /// Pins a note on top of the customer's card for every agent ("" unpins); card numbers in it are
    /// masked before it is stored. Audited. @throws Error{not_found, invalid (over 500 characters)}
    void pin_note(model::Id customer_id, const std::string& note);
    model::LifecycleEvent record_loss(const actions::LossDraft& draft, model::Timestamp now);
    model::LifecycleEvent record_return(const actions::ReturnDraft& draft, model::Timestamp now);
    /// Supervisors and admins only.
    model::LifecycleEvent mark_do_not_retain(const actions::DoNotRetainDraft& draft, model::Timestamp now);
    /// Audited as a card view (origin cli).
    LifecycleView lifecycle(model::Id customer_id, model::Timestamp now);
    /// The status the rules give now, after a lifecycle record the agent just made: not a card view,
    /// so not audited as one (the record itself is).
    retention::StatusAssessment lifecycle_status(model::Id customer_id, model::Timestamp now);
    /// Records a deal and plans its welcome letter and service call.
    std::vector<model::ServiceContact> close_deal(model::Order& order, model::Id manager_id);
    std::vector<model::ServiceContact> schedule_contacts(model::Timestamp now);
    WinbackRun run_winback(model::Timestamp now);
    model::ValueTraits traits(model::Id customer_id);
    void save_traits(const model::ValueTraits& traits);

    // --- directory sync (desk/directory_sync.cpp) -------------------------------------------------
    /// Copies customers from every enabled connector with a directory (or only `connector_name`) into
    /// the local index, from where the last run stopped (`full`: from the start). Each batch is stored
    /// with its cursor in one transaction, so a run cut off at any point resumes without duplicates;
    /// a bad row is skipped and counted with its reason. on_progress after each batch. Any active
    /// agent (the window runs it in the background). @throws Error{invalid} for an unknown name or a
    /// connector without a directory.
    std::vector<DirectoryRun> sync_directory(const std::string& connector_name = {}, bool full = false,
                                             const std::function<void(const DirectoryRun&)>& on_progress = {});
    /// Every enabled connector with a directory and when it was last synced.
    std::vector<DirectoryStatus> directory_status();
    // --- callbacks (desk/callbacks.cpp) ----------------------------------------------------------
    // Anyone who may log a contact may promise a callback, which they then own. Only the owner, or a
    // supervisor or admin, closes it; only a supervisor or admin gives it to another agent or reads
    // another agent's list. Each change is audited in its own transaction.

    /// @throws Error{invalid} for a time already past (more than five minutes) or over a year ahead, an
    ///         unknown customer or a note over 2000 bytes; Error{forbidden}.
    model::Callback schedule_callback(const CallbackDraft& draft);
    /// Open callbacks due in [from, to) of `agent_id` (0 = everyone's), earliest first.
    std::vector<CallbackView> callbacks(model::Id agent_id, model::Timestamp from, model::Timestamp to);
    /// Open callbacks of `agent_id` due at or before `until`, overdue ones included, earliest first: the
    /// timed part of an agent's work list.
    std::vector<CallbackView> due_callbacks(model::Id agent_id, model::Timestamp until);
    /// Every callback promised to a customer, any status (the card).
    std::vector<model::Callback> customer_callbacks(model::Id customer_id);
    std::optional<model::Callback> callback(model::Id id);
    /// The signed-in agent's open callbacks due within config callbacks.remind_before_minutes that no
    /// window has announced yet; each is marked announced, so a window polling this (or woken by a
    /// change from another seat) shows every reminder once.
    std::vector<CallbackView> callback_reminders();
    /// Closes an open callback. @throws Error{conflict} when it is no longer open or changed meanwhile.
    model::Callback complete_callback(model::Id id);
    model::Callback cancel_callback(model::Id id);
    /// Gives an open callback to another active agent (its reminder comes up again for them).
    /// Supervisors and admins. @throws Error{not_found} for an unknown login, Error{invalid} for a
    /// disabled agent.
    model::Callback reassign_callback(model::Id id, const std::string& login);

    // --- write-back -----------------------------------------------------------------------------
    /// One delivery pass over the outbox rows due now.
    connector::OutboxDeliverer::Report deliver_outbox();
    std::optional<connector::OutboxItem> outbox_item(model::Id id);
    std::vector<connector::OutboxItem> outbox(std::optional<connector::OutboxStatus> status, int limit = 200);
    /// A failed row (or every failed row with id 0) is due again. Supervisors and admins.
    int retry_outbox(model::Id id);
    /// What waits for each backend, for the source strip.
    std::map<std::string, connector::OutboxBacklog> outbox_backlog();

    // --- supervisors and service staff ------------------------------------------------------------
    /// Supervisors and admins. Each warning and breach that has happened is recorded once (escalated to
    /// the owner's team lead) unless query.record is false.
    std::unique_ptr<SlaBoard> sla_board(const BoardQuery& query);
    /// One ticket with its history and how its deadlines are counted. Supervisors and admins.
    /// @throws Error{not_found}.
    TicketDetail ticket_detail(model::Id ticket_id);
    /// Reassigns, escalates, re-prioritises a ticket in one version-checked, audited transaction; the
    /// history gets a "changed" event saying what changed (the SLA is evaluated again from it; other
    /// seats see it through live changes). Supervisors and admins.
    /// @throws Error{invalid} (nothing to change, bad value), Error{not_found}, Error{conflict}.
    model::Ticket change_ticket(model::Id ticket_id, const TicketChange& change);
    /// Who an escalation about `owner_id`'s work goes to: the owner's team lead while active and not the
    /// owner themself, otherwise the first active supervisor (0 when the centre has none).
    model::Id escalation_target(model::Id owner_id);
    /// One ticket changed: its row is re-evaluated in place. False when the ticket is gone.
    bool update_board(SlaBoard& board, model::Id ticket_id);
    BoardHistory board_history(model::Timestamp from, model::Timestamp to);
    /// Count and money churn over [from, to): the retention report with that one period (per currency),
    /// its returned customers named, win-back years read now. Supervisors and admins.
    /// @throws Error{invalid} when to <= from.
    retention::RetentionReport churn_report(model::Timestamp from, model::Timestamp to);
    /// The retention report over the local days [first, last) cut into weeks or months of the centre's
    /// calendar, per currency, at `now` (win-back years, sleeping buckets). Supervisors and admins.
    /// @throws Error{invalid} for an empty range.
    retention::RetentionReport retention_report(model::Date first, model::Date last, retention::Granularity by,
                                                model::Timestamp now);
    /// Planned contacts due on or before `day` and open offers, for one agent (0 = everyone).
    /// with_grades: also each customer's grade and time zone (a fuller read of each customer's history).
    DueWork contacts_due(model::Id agent_id, model::Date day, model::Timestamp now, bool with_grades = false);
    /// Audit rows, newest first. Supervisors and admins.
    std::vector<audit::Entry> audit(const audit::Filter& filter);

    // --- connectors and live changes ---------------------------------------------------------------
    /// Every connector type built in, presets found next to the configuration.
    connector::Registry& registry() { return m_registry; }
    /// The configured, enabled connectors (created on first use). @throws Error{config}.
    const std::vector<connector::Source>& sources();
    /// Which connector owns each kind of record (connector::routes_for over sources()); all local when
    /// the connectors cannot be set up (logged), so recording never fails for it.
    connector::WriteBackRoutes write_back_routes();
    /// On a shared PostgreSQL store: a listener that calls on_change for each change another seat
    /// makes (on its own thread); nullptr on SQLite.
    std::unique_ptr<live::ChangeListener> listen(live::ChangeListener::Callback on_change,
                                                 live::ChangeListener::ErrorHandler on_error);

    /// Runs `job` with one of the desk's store connections: for the demo generator and backend,
    /// which write and serve the store in bulk. Not for hosts' use cases.
    void with_store(const std::function<void(storage::Store&)>& job);

private:
    class Pool;
    class Lease;
    Lease lease();
    connector::WriteBackRoutes routes(const std::string& write_back_to, std::string connector::WriteBackRoutes::*kind);
    RetentionService rules(storage::Store& store, const connector::WriteBackRoutes& routes = {});
    void evaluate_sla(card::Card& c);
    /// Builds the policies and calendars on first use; the caller holds m_sla_mutex.
    void load_sla_rules();
    /// open_card's local part for a dialled number: the first stored customer with it (in `local`),
    /// the others in `local_matches`, and what the sources are asked by; the stored one's view is
    /// audited on the same connection.
    connector::Lookup phone_lookup(const std::string& phone, Origin origin, std::optional<card::Card>& local,
                                   std::vector<card::Match>& local_matches);
    /// The federated search over the sources (built on first use). @throws Error{config}.
    connector::FederatedSearch& federated();
    /// Backend customers already kept locally (by reference) get their local id.
    void link_local(const std::string& source, std::vector<model::Customer>& customers);
    DirectoryRun sync_source(const connector::Source& source, bool full,
                             const std::function<void(const DirectoryRun&)>& on_progress);
    /// One batch stored with its cursor in one transaction; `seen` holds the run's backend ids.
    void store_batch(storage::Store& s, const std::string& system, connector::DirectoryBatch&& batch,
                     std::set<std::string>& seen, DirectoryRun& run, storage::DirectorySource& state);
    void audit_view(storage::Store& store, model::Id customer_id, Origin origin);
    /// Who is signed in on `store` (desk/identity.cpp). @throws Error{forbidden} when unknown or disabled.
    model::Agent signed_in(storage::Store& store);
    Identity identify(storage::Store& store);
    TicketDetail detail_of(storage::Store& store, model::Id ticket_id);
    model::Ticket change_in(storage::Store& store, const model::Agent& me, model::Id ticket_id,
                            const TicketChange& change, model::Timestamp now);
    /// The change's new owner (owner, team or escalation) in `store`; 0 when it keeps the owner.
    model::Id new_owner(storage::Store& store, const model::Ticket& ticket, const TicketChange& change);
    /// Who makes a staff change, checked in the change's transaction (desk/staff.cpp).
    model::Id staff_actor(storage::Store& store, bool bootstrap_allowed);
    /// Stores a callback `by` promises, with its audit row, in the caller's transaction (callbacks.cpp).
    model::Callback promise_callback(storage::Store& store, const model::Agent& by, const CallbackDraft& draft);
    /// The disposition must be one the configuration lists (and given when it says required).
    void check_wrap_up(const WrapUp& wrap_up) const;
    model::Callback close_callback(model::Id id, model::CallbackStatus status);
    std::vector<CallbackView> views(storage::Store& store, std::vector<model::Callback> callbacks);
    /// The agent record may have changed: the next call reads it again.
    void forget_agent();

    config::Config m_config;
    DeskOptions m_options;
    util::Clock m_clock;
    phone::PhoneNormalizer m_phones;
    connector::Registry m_registry;
    std::unique_ptr<Pool> m_pool;
    std::mutex m_mutex;  ///< guards the lazily built parts below
    std::optional<model::Agent> m_agent;
    std::atomic<bool> m_login_warned{false};  ///< the ignored agent.login was logged once
    std::chrono::steady_clock::time_point m_agent_read;
    std::optional<std::vector<connector::Source>> m_sources;
    std::unique_ptr<connector::CardAssembler> m_assembler;
    std::unique_ptr<connector::FederatedSearch> m_federated;
    std::mutex m_sla_mutex;  ///< the calendars cache their days: one card's evaluation at a time
    std::unique_ptr<sla::PolicySet> m_policies;
    std::unique_ptr<sla::CalendarSet> m_calendars;
};

}  // namespace kartoteka::desk
