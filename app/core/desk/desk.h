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
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/agent_actions.h"
#include "actions/lifecycle_actions.h"
#include "audit/audit_log.h"
#include "card/card.h"
#include "config/config.h"
#include "connector/outbox.h"
#include "connector/card_assembler.h"
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

/// What a card is opened by: a stored customer's id, or a caller id in any notation.
struct CardRequest {
    model::Id id = 0;
    std::string phone;
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
};

/// What agent set changes; nullopt leaves it as it is. team "" takes the agent out of their team.
struct AgentChange {
    std::optional<model::Role> role;
    std::optional<std::string> team;
    std::optional<std::string> name;
};

/// What agent import added, in file order.
struct StaffImport {
    std::vector<model::Agent> agents;
    std::vector<model::Team> teams;  ///< created because a row named a team the store did not have
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
    /// The signed-in agent (config agent.login), from the store (re-read after options.agent_recheck).
    /// @throws Error{forbidden} when unknown or disabled, saying which.
    model::Agent agent();
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
    /// Customers matching a phone (any notation), name prefix, email, #id or system:reference.
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
    /// The offer as stored now (after a conflict: what the other seat saved).
    std::optional<model::Offer> offer(model::Id offer_id);
    /// Works an offer (outcome, the customer's words, the next step) as the signed-in agent.
    model::Offer work_offer(model::Id offer_id, OfferWork work, Recorded* recorded = nullptr);
    /// Logs a planned contact as the signed-in agent; a problem raised opens a complaint (its id).
    std::optional<model::Id> log_planned_contact(model::Id contact_id, ContactLog log, Recorded* recorded = nullptr);
    /// Version-checked: @throws Error{conflict} when another seat saved them since they were read.
    void save_preferences(model::ContactPreferences& preferences);
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
    /// One ticket changed: its row is re-evaluated in place. False when the ticket is gone.
    bool update_board(SlaBoard& board, model::Id ticket_id);
    BoardHistory board_history(model::Timestamp from, model::Timestamp to);
    /// Count and money churn over [from, to). Supervisors and admins.
    retention::ChurnReport churn_report(model::Timestamp from, model::Timestamp to);
    /// Planned contacts due on or before `day` and open offers, for one agent (0 = everyone).
    DueWork contacts_due(model::Id agent_id, model::Date day, model::Timestamp now);
    /// Audit rows, newest first. Supervisors and admins.
    std::vector<audit::Entry> audit(const audit::Filter& filter);

    // --- connectors and live changes ---------------------------------------------------------------
    /// Every connector type built in, presets found next to the configuration.
    connector::Registry& registry() { return m_registry; }
    /// The configured, enabled connectors (created on first use). @throws Error{config}.
    const std::vector<connector::Source>& sources();
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
    void audit_view(storage::Store& store, model::Id customer_id, Origin origin);
    /// config agent.login read from `store`. @throws Error{forbidden} when unknown or disabled.
    model::Agent signed_in(storage::Store& store);
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
    std::chrono::steady_clock::time_point m_agent_read;
    std::optional<std::vector<connector::Source>> m_sources;
    std::unique_ptr<connector::CardAssembler> m_assembler;
    std::mutex m_sla_mutex;  ///< the calendars cache their days: one card's evaluation at a time
    std::unique_ptr<sla::PolicySet> m_policies;
    std::unique_ptr<sla::CalendarSet> m_calendars;
};

}  // namespace kartoteka::desk
