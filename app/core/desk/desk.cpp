#include "desk/desk.h"

#include <soci/soci.h>

#include <algorithm>
#include <condition_variable>
#include <map>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "connector/card_assembler.h"
#include "connector/write_back.h"
#include "connectors.h"
#include "card/card_review.h"
#include "desk/card_service.h"
#include "desk/escalation.h"
#include "error.h"
#include "secrets/secrets.h"
#include "privacy/card_number_mask.h"
#include "storage/database.h"
#include "storage/soci_error_text.h"
#include "storage/store.h"
#include "util/log.h"
#include "util/text.h"

namespace kartoteka::desk {

std::string safe_message(const std::exception& e) {
    if (const auto* db = dynamic_cast<const soci::soci_error*>(&e)) return storage::soci_error_text(*db);
    return privacy::mask_card_numbers(e.what());
}

const char* to_string(Origin o) noexcept {
    switch (o) {
    case Origin::window: return "workstation";
    case Origin::pop: return "screen pop";
    case Origin::cli: return "cli";
    case Origin::tel_link: return "tel: link";
    }
    return "?";
}

SlaBoard::SlaBoard(const config::Config& config) : policies(config.sla), calendars(config.calendars) {}

// --- store connections ---------------------------------------------------------------------------

/// Store connections, opened on demand up to a bound and reused: a call takes one for as long as it
/// needs it. A SQLite file and a PostgreSQL server both take several connections; a soci session
/// must not be shared between threads.
class Desk::Pool {
public:
    Pool(storage::StoreLocation where, std::string password, int max)
        : m_where(std::move(where)), m_password(std::move(password)), m_max(max < 1 ? 1 : max) {}

    struct Connection {
        std::unique_ptr<storage::Database> db;
        std::unique_ptr<storage::Store> store;
    };

    std::unique_ptr<Connection> take() {
        std::unique_lock lock(m_mutex);
        m_freed.wait(lock, [this] { return !m_idle.empty() || m_open < m_max; });
        if (!m_idle.empty()) {
            auto c = std::move(m_idle.back());
            m_idle.pop_back();
            return c;
        }
        ++m_open;
        lock.unlock();
        try {
            auto c = std::make_unique<Connection>();
            c->db = std::make_unique<storage::Database>(m_where, m_password);
            c->store = std::make_unique<storage::Store>(*c->db);
            return c;
        } catch (...) {
            std::lock_guard again(m_mutex);
            --m_open;
            m_freed.notify_one();
            throw;
        }
    }

    /// A connection whose call failed in the store may be broken: it is closed, not reused.
    void give_back(std::unique_ptr<Connection> c, bool healthy) {
        std::lock_guard lock(m_mutex);
        if (healthy) m_idle.push_back(std::move(c));
        else --m_open;
        m_freed.notify_one();
    }

    const storage::StoreLocation& where() const { return m_where; }
    const std::string& password() const { return m_password; }

private:
    storage::StoreLocation m_where;
    std::string m_password;
    int m_max;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<std::unique_ptr<Connection>> m_idle;
    int m_open = 0;
};

class Desk::Lease {
public:
    Lease(Pool& pool) : m_pool(pool), m_connection(pool.take()), m_exceptions(std::uncaught_exceptions()) {}
    ~Lease() {
        // Unwinding from a storage error: the connection may be in a failed transaction or cut off.
        const bool unwinding = std::uncaught_exceptions() > m_exceptions;
        m_pool.give_back(std::move(m_connection), !unwinding);
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    storage::Store& store() { return *m_connection->store; }
    storage::Store* operator->() { return m_connection->store.get(); }

private:
    Pool& m_pool;
    std::unique_ptr<Pool::Connection> m_connection;
    int m_exceptions;
};

// --- the desk ------------------------------------------------------------------------------------

Desk::Desk(config::Config config, DeskOptions options)
    : m_config(std::move(config)), m_options(std::move(options)), m_clock(m_options.clock),
      m_phones(m_config.locale.default_region, m_config.locale.other_regions) {
    connectors::register_all(m_registry);
    m_registry.set_preset_dirs(connector::default_preset_dirs(m_config.source_file));
}

Desk::~Desk() = default;

namespace {
storage::StoreLocation location_of(const config::Config& c, const DeskOptions& o) {
    return storage::StoreLocation::parse(o.store_override ? *o.store_override : c.store.url);
}
}  // namespace

std::string Desk::store_description() const { return location_of(m_config, m_options).describe(); }

bool Desk::shared_store() const {
    return location_of(m_config, m_options).dialect == storage::Dialect::postgresql;
}

Desk::Lease Desk::lease() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_pool) {
            const auto where = location_of(m_config, m_options);
            std::string password;
            if (m_options.store_password) password = *m_options.store_password;
            else if (where.dialect == storage::Dialect::postgresql)
                password = secrets::read_secret(m_config.store.password_env,
                                                m_config.store.password_keyring ? secrets::kStoreEntry : "");
            m_pool = std::make_unique<Pool>(where, password, m_options.max_connections);
        }
    }
    return Lease(*m_pool);
}

void Desk::with_store(const std::function<void(storage::Store&)>& job) {
    auto s = lease();
    job(s.store());
}

const std::vector<connector::Source>& Desk::sources() {
    std::lock_guard lock(m_mutex);
    if (!m_sources) m_sources = m_registry.create_all(m_config.connectors);
    return *m_sources;
}

// --- who -----------------------------------------------------------------------------------------

model::Agent Desk::agent() {
    {
        std::lock_guard lock(m_mutex);
        if (m_agent && std::chrono::steady_clock::now() - m_agent_read < m_options.agent_recheck) return *m_agent;
    }
    // Read again now and then: an admin may have disabled this agent or changed their role meanwhile.
    auto found = [&] {
        auto s = lease();
        return signed_in(s.store());
    }();
    std::lock_guard lock(m_mutex);
    m_agent = found;
    m_agent_read = std::chrono::steady_clock::now();
    return found;
}

std::optional<model::Agent> Desk::agent_by_login(const std::string& login) { return lease()->agent_by_login(login); }
std::optional<model::Agent> Desk::agent_by_id(model::Id id) { return lease()->agent(id); }

std::string Desk::agent_login(model::Id id) {
    if (id == 0) return "(unassigned)";
    auto a = agent_by_id(id);
    return a ? a->login : "#" + std::to_string(id);
}

std::vector<std::string> Desk::problem_types() { return lease()->problem_types(); }

// --- customers and cards -------------------------------------------------------------------------

void Desk::audit_view(storage::Store& store, model::Id customer_id, Origin origin) {
    audit::AuditLog(store).record({0, m_clock(), agent().id, "", "view_card", customer_id, "", 0, to_string(origin)});
}

void Desk::load_sla_rules() {
    if (m_policies) return;
    m_policies = std::make_unique<sla::PolicySet>(m_config.sla);
    m_calendars = std::make_unique<sla::CalendarSet>(m_config.calendars);
}

void Desk::evaluate_sla(card::Card& c) {
    std::lock_guard lock(m_sla_mutex);
    load_sla_rules();
    const auto at = m_clock();
    c.ticket_sla.clear();
    for (const auto& t : c.tickets) {
        const auto& policy = m_policies->resolve(t.problem_type, t.severity);
        auto* cal = m_calendars->find(t.calendar.empty() ? policy.calendar : t.calendar);
        if (!cal) cal = &m_calendars->get(policy.calendar);
        c.ticket_sla.push_back(sla::SlaEngine::evaluate(t, policy, *cal, at));
    }
}

namespace {

/// Every customer with the caller's number, the shown one first; empty when the number is one
/// customer's. A backend's further match already kept locally is named by its local id, once.
std::vector<card::Match> every_match(storage::Store& store, const card::Card& shown, std::vector<card::Match> local) {
    std::vector<card::Match> out{{shown.customer.id, "local", "", shown.customer.display_name()}};
    auto known = [&out](model::Id id) {
        return id != 0 && std::any_of(out.begin(), out.end(), [id](const card::Match& m) { return m.id == id; });
    };
    for (auto& m : local)
        if (!known(m.id)) out.push_back(std::move(m));
    for (auto m : shown.matches) {
        if (auto id = m.ref.empty() ? std::nullopt : store.customer_by_ref(m.system, m.ref)) {
            if (known(*id)) continue;
            m.id = *id;
        }
        out.push_back(std::move(m));
    }
    if (out.size() < 2) out.clear();
    return out;
}

}  // namespace

connector::Lookup Desk::phone_lookup(const std::string& phone, Origin origin, std::optional<card::Card>& local,
                                     std::vector<card::Match>& local_matches) {
    const phone::CallerId caller = m_phones.parse(phone);
    // A withheld id is a known answer, not bad input: nobody can be looked up, and the host says why.
    if (caller.is_withheld()) throw Error(ErrorKind::not_found, "no card: the caller's number is withheld");
    // The message shows the notation's shape (a stray leading space, a scheme) but not the number.
    if (!caller.is_number())
        throw Error(ErrorKind::invalid, "'" + phone::mask_caller_id(phone) + "' is not a valid phone number (default region " +
                                            m_phones.default_region() + ": " + caller.why + ")");
    const std::string& e164 = caller.e164;
    auto s = lease();
    auto ids = s->customers_by_phone(e164);
    // The pop path: names of other stored customers are read only when there are others.
    for (std::size_t i = 1; i < ids.size(); ++i)
        if (auto k = s->customer(ids[i])) local_matches.push_back({ids[i], "local", "", k->display_name()});
    if (!ids.empty()) {
        CardLoader loader(s.store(), m_config.card.timeline_page);
        loader.set_retention(m_config.retention, m_config.locale.timezone);
        loader.set_money(m_config.locale.currency, &m_phones);
        local = loader.load(ids.front(), m_clock());
        if (local) audit_view(s.store(), local->customer.id, origin);  // before any part reaches the host
    }
    connector::Lookup lookup;
    if (local) lookup = connector::lookup_for(local->customer);
    lookup.phone = e164;
    return lookup;
}

std::optional<card::Card> Desk::open_card(const CardRequest& request, Origin origin, const CardUpdate& on_update) {
    access::require(agent(), access::Action::view_card);
    connector::CardAssembler* assembler = nullptr;
    {
        const auto& srcs = sources();
        std::lock_guard lock(m_mutex);
        if (!m_assembler)
            m_assembler = std::make_unique<connector::CardAssembler>(srcs, m_config.card.local_priority, m_phones,
                                                                   [this] { return m_clock(); });
        assembler = m_assembler.get();
    }
    // The local part: one connection, released before the sources are waited on.
    std::optional<card::Card> local;
    std::vector<card::Match> local_matches;  // every stored customer with the caller's number
    connector::Lookup lookup;
    model::Id by_id = request.id;
    if (by_id == 0 && request.phone.empty() && request.ref) {
        // A search hit only a backend knows: kept locally already (a synced copy, an earlier pop)?
        by_id = lease()->customer_by_ref(request.ref->system, request.ref->external_id).value_or(0);
        if (by_id == 0) lookup.refs = {*request.ref};
    }
    if (request.phone.empty() && by_id != 0) {
        auto s = lease();
        CardLoader loader(s.store(), m_config.card.timeline_page);
        loader.set_retention(m_config.retention, m_config.locale.timezone);
        loader.set_money(m_config.locale.currency, &m_phones);
        local = loader.load(by_id, m_clock());
        if (!local) return std::nullopt;
        audit_view(s.store(), by_id, origin);  // before any part reaches the host
        lookup = connector::lookup_for(local->customer);
    } else if (!request.phone.empty()) {
        lookup = phone_lookup(request.phone, origin, local, local_matches);
        if (request.ref) lookup.refs.push_back(*request.ref);  // a search hit's: its backend asked by id too
    } else if (lookup.refs.empty()) {
        return std::nullopt;
    }
    // The view is audited before any part of the card reaches the host: a stored customer on the
    // connection that loaded it (above), a caller only a backend knows once adopted below (no partial
    // card is shown for one before that).
    const model::Id audited = local ? local->customer.id : 0;
    auto update = [this, &on_update, audited](const card::Card& partial) {
        if (!on_update || !audited || !knows_customer(partial)) return;
        card::Card shown = partial;
        card::review_card(shown, m_config.retention, m_clock());
        evaluate_sla(shown);
        on_update(shown);
    };
    card::Card c = assembler->assemble(std::move(local), lookup, update);
    if (!knows_customer(c)) return std::nullopt;
    auto s = lease();
    if (c.customer.id == 0) {
        // Only a backend knows the caller: keep a local record linked to it, so the call can be logged
        // and complaints opened (and written back) like for any customer; the next pop finds it here.
        c.customer.id = actions::AgentActions(s.store(), agent(), connector::routes_for(sources()))
                            .adopt_customer(c.customer, m_clock())
                            .id;
    }
    // Who else has this number matters when a number was dialled; a card opened by id is that customer.
    if (request.phone.empty()) c.matches.clear();
    else c.matches = every_match(s.store(), c, std::move(local_matches));
    if (!audited) audit_view(s.store(), c.customer.id, origin);
    card::review_card(c, m_config.retention, m_clock());
    evaluate_sla(c);
    return c;
}

model::InteractionPage Desk::timeline(model::Id customer_id, int offset) {
    access::require(agent(), access::Action::view_card);
    return lease()->interactions_for(customer_id, m_config.card.timeline_page, offset);
}

model::Customer Desk::create_customer(model::Customer customer) {
    if (customer.phones.empty()) throw Error(ErrorKind::invalid, "a new customer needs a phone number");
    auto e164 = m_phones.normalize(customer.phones.front());
    if (!e164) throw Error(ErrorKind::invalid, "the phone is not a valid number (default region " + m_phones.default_region() + ")");
    customer.phones.front() = *e164;
    auto s = lease();
    return actions::AgentActions(s.store(), agent()).create_customer(std::move(customer), m_clock());
}

// --- recording -----------------------------------------------------------------------------------

connector::WriteBackRoutes Desk::write_back_routes() {
    try {
        return connector::routes_for(sources());
    } catch (const Error& e) {
        // The card and `connectors check` name a broken connector; the SLA records are kept regardless.
        util::logger()->warn("escalations stay local: the connectors cannot be set up: {}", safe_message(e));
        return {};
    }
}

connector::WriteBackRoutes Desk::routes(const std::string& write_back_to, std::string connector::WriteBackRoutes::*kind) {
    auto r = connector::routes_for(sources());
    if (!write_back_to.empty()) {
        bool known = false;
        for (const auto& src : sources()) known = known || src.name == write_back_to;
        if (!known) throw Error(ErrorKind::invalid, "no enabled connector is named '" + write_back_to + "'");
        r.*kind = write_back_to;
    }
    return r;
}

RetentionService Desk::rules(storage::Store& store, const connector::WriteBackRoutes& routes) {
    RetentionService r(store, m_config.retention, m_config.locale.timezone);
    r.set_write_back(routes);
    return r;
}

model::Interaction Desk::log_contact(const actions::ContactDraft& draft, Recorded* recorded,
                                     const std::string& write_back_to, const WrapUp& wrap_up) {
    check_wrap_up(wrap_up);
    auto r = routes(write_back_to, &connector::WriteBackRoutes::interaction);
    const auto me = agent();
    auto s = lease();
    // The contact and the callback promised in it commit together: no callback without its call.
    storage::Store::Transaction tx(s.store());
    actions::AgentActions act(s.store(), me, r);
    auto i = act.log_contact(draft, m_clock(), wrap_up.disposition);
    if (wrap_up.callback_at != 0) promise_callback(s.store(), me, {i.customer_id, wrap_up.callback_at, i.summary, 0, i.id});
    tx.commit();
    if (recorded) recorded->queued = act.queued();
    return i;
}

model::Ticket Desk::open_complaint(const actions::ComplaintDraft& draft, Recorded* recorded,
                                   const std::string& write_back_to) {
    auto r = routes(write_back_to, &connector::WriteBackRoutes::complaint);
    auto s = lease();
    actions::AgentActions act(s.store(), agent(), r);
    auto t = act.open_complaint(draft, m_clock());
    if (recorded) recorded->queued = act.queued();
    return t;
}

std::optional<model::Offer> Desk::offer(model::Id offer_id) {
    access::require(agent(), access::Action::view_card);
    return lease()->offer(offer_id);
}

model::Offer Desk::work_offer(model::Id offer_id, OfferWork work, Recorded* recorded) {
    const auto me = agent();
    work.agent_id = me.id;  // the signed-in agent; the rules check their role
    auto r = connector::routes_for(sources());
    auto s = lease();
    storage::Store::Transaction tx(s.store());
    auto service = rules(s.store(), r);
    auto o = service.work_offer(offer_id, work, m_clock());
    // "Call back tomorrow at 18:00" is the promising agent's callback, not the offer assignee's (F10).
    if (o.next_step.kind == model::NextStepKind::callback)
        promise_callback(s.store(), me, {o.customer_id, o.next_step.at,
                                         "offer #" + std::to_string(o.id) + " " + o.product +
                                             (o.next_step.note.empty() ? "" : ": " + o.next_step.note),
                                         o.id, 0});
    tx.commit();
    if (recorded) recorded->queued = service.queued();
    return o;
}

std::optional<model::Id> Desk::log_planned_contact(model::Id contact_id, ContactLog log, Recorded* recorded) {
    log.agent_id = agent().id;
    auto r = connector::routes_for(sources());
    auto s = lease();
    auto service = rules(s.store(), r);
    auto ticket = service.log_contact(contact_id, log, m_clock());
    if (recorded) recorded->queued = service.queued();
    return ticket;
}

void Desk::save_preferences(model::ContactPreferences& preferences) {
    auto s = lease();
    actions::AgentActions(s.store(), agent()).save_preferences(preferences, m_clock());
}

void Desk::pin_note(model::Id customer_id, const std::string& note) {
    const model::Agent me = agent();
    access::require(me, access::Action::log_contact);
    const std::string text = privacy::mask_card_numbers(util::trim(note));
    // One line an agent reads in a glance, not a second timeline.
    const auto chars = std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (chars > 500) throw Error(ErrorKind::invalid, "a pinned note is at most 500 characters");
    auto s = lease();
    storage::Store::Transaction tx(s.store());
    s->set_pinned_note(customer_id, text, m_clock());
    audit::AuditLog(s.store()).record({0, m_clock(), me.id, "", text.empty() ? "unpin_note" : "pin_note", customer_id,
                                       "customer", customer_id, ""});
    tx.commit();
}

model::LifecycleEvent Desk::record_loss(const actions::LossDraft& draft, model::Timestamp now) {
    auto s = lease();
    return actions::LifecycleActions(s.store(), agent(), m_config.retention).record_loss(draft, now);
}

model::LifecycleEvent Desk::record_return(const actions::ReturnDraft& draft, model::Timestamp now) {
    auto s = lease();
    return actions::LifecycleActions(s.store(), agent(), m_config.retention).record_return(draft, now);
}

model::LifecycleEvent Desk::mark_do_not_retain(const actions::DoNotRetainDraft& draft, model::Timestamp now) {
    auto s = lease();
    return actions::LifecycleActions(s.store(), agent(), m_config.retention).mark_do_not_retain(draft, now);
}

LifecycleView Desk::lifecycle(model::Id customer_id, model::Timestamp now) {
    access::require(agent(), access::Action::view_card);
    auto s = lease();
    auto customer = s->customer(customer_id);
    if (!customer) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(customer_id));
    auto service = rules(s.store());
    LifecycleView v{std::move(*customer), service.assess(service.load_history(customer_id, now), now).status,
                    s->lifecycle_events_for(customer_id)};
    audit_view(s.store(), customer_id, Origin::cli);
    return v;
}

retention::StatusAssessment Desk::lifecycle_status(model::Id customer_id, model::Timestamp now) {
    access::require(agent(), access::Action::view_card);
    auto s = lease();
    auto service = rules(s.store());
    return service.assess(service.load_history(customer_id, now), now).status;
}

std::vector<model::ServiceContact> Desk::close_deal(model::Order& order, model::Id manager_id) {
    access::require(agent(), access::Action::record_deal);
    auto s = lease();
    if (order.currency.empty()) {
        // A deal is in the customer's money: their last order's, else their country's, else the centre's.
        if (auto customer = s->customer(order.customer_id)) {
            const std::string region = customer->phones.empty() ? "" : m_phones.region_of(customer->phones.front());
            order.currency = card::customer_currency(s->orders_for(order.customer_id), region, m_config.locale.currency);
        }
    }
    return rules(s.store()).close_deal(order, manager_id);
}

std::vector<model::ServiceContact> Desk::schedule_contacts(model::Timestamp now) {
    access::require(agent(), access::Action::plan_retention);
    auto s = lease();
    return rules(s.store()).schedule_contacts(now);
}

WinbackRun Desk::run_winback(model::Timestamp now) {
    access::require(agent(), access::Action::plan_retention);
    auto s = lease();
    return rules(s.store()).run_winback(now);
}

model::ValueTraits Desk::traits(model::Id customer_id) {
    access::require(agent(), access::Action::view_card);
    auto s = lease();
    if (!s->customer(customer_id)) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(customer_id));
    return s->traits_for(customer_id);
}

void Desk::save_traits(const model::ValueTraits& traits) {
    access::require(agent(), access::Action::plan_retention);
    lease()->save_traits(traits);
}

// --- write-back ----------------------------------------------------------------------------------

connector::OutboxDeliverer::Report Desk::deliver_outbox() {
    const auto& o = m_config.outbox;
    const connector::OutboxPolicy policy{o.max_attempts, o.backoff_s, std::chrono::milliseconds(o.timeout_ms)};
    const auto& srcs = sources();
    auto s = lease();
    connector::Outbox outbox(s.store());
    return connector::OutboxDeliverer(s.store(), outbox, srcs, policy, [this] { return m_clock(); }).deliver_due();
}

std::optional<connector::OutboxItem> Desk::outbox_item(model::Id id) {
    auto s = lease();
    return connector::Outbox(s.store()).get(id);
}

std::vector<connector::OutboxItem> Desk::outbox(std::optional<connector::OutboxStatus> status, int limit) {
    access::require(agent(), access::Action::view_card);
    auto s = lease();
    return connector::Outbox(s.store()).list(status, limit);
}

int Desk::retry_outbox(model::Id id) {
    access::require(agent(), access::Action::retry_write_back);
    auto s = lease();
    connector::Outbox outbox(s.store());
    if (id != 0) {
        outbox.retry(id, m_clock());
        return 1;
    }
    int n = 0;
    for (const auto& i : outbox.list(connector::OutboxStatus::failed, 100000)) {
        outbox.retry(i.id, m_clock());
        ++n;
    }
    return n;
}

std::map<std::string, connector::OutboxBacklog> Desk::outbox_backlog() {
    auto s = lease();
    return connector::Outbox(s.store()).backlog();
}

// --- supervisors and service staff ---------------------------------------------------------------

std::unique_ptr<SlaBoard> Desk::sla_board(const BoardQuery& q) {
    access::require(agent(), access::Action::view_sla_board);
    const auto real_now = m_clock();
    auto b = std::make_unique<SlaBoard>(m_config);
    b->at = q.at.value_or(real_now);
    const auto to = q.to.value_or(b->at);
    const auto from = q.from.value_or(to - 30 * 86400);
    if (to <= from) throw Error(ErrorKind::invalid, "the range's end must be after its start");
    auto s = lease();
    b->board = std::make_unique<sla::Board>(b->policies, b->calendars, sla::Directory(s->agents(), s->teams()));
    b->board->recompute(s->open_tickets(), b->at);
    b->rate = b->board->breach_rate(s->tickets_created_between(from, to), from, to, b->at);
    b->customer_names = s->open_ticket_customers();
    if (q.record) b->fresh = detail::record_and_notify(s.store(), *b->board, real_now, write_back_routes());
    return b;
}

bool Desk::update_board(SlaBoard& board, model::Id ticket_id) {
    if (!board.board) return false;
    auto t = lease()->ticket(ticket_id, true);
    if (!t) return false;
    board.board->update(*t, m_clock());
    return true;
}

BoardHistory Desk::board_history(model::Timestamp from, model::Timestamp to) {
    access::require(agent(), access::Action::view_sla_board);
    auto s = lease();
    BoardHistory h;
    for (const auto& e : s->sla_events_between(from, to))
        if (e.kind == model::SlaEventKind::breach) h.breaches.push_back(e.at);
    h.losses = s->loss_times(from, to);
    return h;
}

retention::RetentionReport Desk::churn_report(model::Timestamp from, model::Timestamp to) {
    access::require(agent(), access::Action::view_reports);
    if (to <= from) throw Error(ErrorKind::invalid, "the range's end must be after its start");
    auto s = lease();
    const retention::Period whole{from, to, retention::local_time(from, m_config.locale.timezone).date};
    auto r = rules(s.store()).retention_report({whole}, m_clock(), m_config.locale.currency);
    for (auto& c : r.currencies)
        for (auto& back : c.returned)
            if (auto customer = s->customer(back.customer_id)) back.name = customer->display_name();
    return r;
}

retention::RetentionReport Desk::retention_report(model::Date first, model::Date last, retention::Granularity by,
                                                  model::Timestamp now) {
    access::require(agent(), access::Action::view_reports);
    const auto periods = retention::cut_periods(first, last, by, m_config.locale.timezone);
    auto s = lease();
    auto r = rules(s.store()).retention_report(periods, now, m_config.locale.currency);
    r.granularity = by;
    return r;
}

DueWork Desk::contacts_due(model::Id agent_id, model::Date day, model::Timestamp now, bool with_grades) {
    access::require(agent(), access::Action::view_card);
    auto s = lease();
    auto service = rules(s.store());
    DueWork w;
    w.day = day;
    w.contacts = service.due(agent_id, day, now);
    w.offers = service.due_offers(agent_id, now);
    std::map<model::Id, std::pair<char, std::string>> known;  // a customer with several contacts is read once
    for (const auto& v : w.contacts) {
        auto c = s->customer(v.contact.customer_id);
        w.contact_customers.push_back(c ? std::move(*c) : model::Customer{});
        if (!with_grades) continue;
        auto it = known.find(v.contact.customer_id);
        if (it == known.end()) {
            std::pair<char, std::string> facts{0, m_config.locale.timezone};
            if (w.contact_customers.back().id) {
                const auto h = service.load_history(v.contact.customer_id, now);
                // No order yet, no grade: a C drawn from no data would sort a new customer with the weakest.
                const auto value = service.assess(h, now).value;
                facts.first = value.orders ? value.tier : 0;
                facts.second = retention::customer_zone(h.customer, h.preferences, m_config.locale.timezone, now);
            }
            it = known.emplace(v.contact.customer_id, std::move(facts)).first;
        }
        w.contact_grades.push_back(it->second.first);
        w.contact_zones.push_back(it->second.second);
    }
    return w;
}

std::vector<audit::Entry> Desk::audit(const audit::Filter& filter) {
    access::require(agent(), access::Action::view_audit);
    auto s = lease();
    return audit::AuditLog(s.store()).query(filter);
}

std::unique_ptr<live::ChangeListener> Desk::listen(live::ChangeListener::Callback on_change,
                                                   live::ChangeListener::ErrorHandler on_error) {
    if (!shared_store()) return nullptr;  // a SQLite store has one seat
    lease();  // resolves the password once, the way every connection does
    return std::make_unique<live::ChangeListener>(m_pool->where().conninfo(m_pool->password()), std::move(on_change),
                                                  std::move(on_error));
}

}  // namespace kartoteka::desk
