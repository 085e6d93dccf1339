#include "storage/bulk_writer.h"

#include <soci/soci.h>

#include "privacy/account_number_mask.h"
#include "storage/store.h"
#include "storage/search_keys.h"
#include "storage/store_util.h"
#include "util/translit.h"
#include "util/text.h"

namespace kartoteka::storage {

using model::Id;

// Column buffers, one vector per column; long long rather than int64_t-as-long for SOCI's vectors.
struct BulkWriter::Buffers {
    struct Customers { std::vector<long long> id, manager, created, updated; std::vector<std::string> first, middle, last, company, language, country; } customers;
    struct Phones { std::vector<long long> customer; std::vector<std::string> e164, rev; std::vector<int> pos; } phones;
    struct Emails { std::vector<long long> customer; std::vector<std::string> email, local; std::vector<int> pos; } emails;
    struct Refs { std::vector<long long> customer; std::vector<std::string> system, external; } refs;
    struct Keys { std::vector<long long> customer; std::vector<std::string> key, latin; } keys;
    struct Orders { std::vector<long long> customer, placed, amount; std::vector<std::string> product, source, external, currency; } orders;
    struct Interactions { std::vector<long long> customer, at, agent; std::vector<std::string> channel, direction, agent_name, summary, source, external; } interactions;
    struct Lifecycle { std::vector<long long> customer, at, agent; std::vector<std::string> kind, reason, note; } lifecycle;
    struct Offers { std::vector<long long> customer, from, until, assignee, step_at, updated; std::vector<int> priority, discount; std::vector<std::string> product, channel, status, kind, outcome, step_kind, step_address, step_note, source, external; } offers;
    struct Prefs { std::vector<long long> customer, updated; std::vector<int> written, dnc, themselves, quiet_from, quiet_to; std::vector<std::string> allowed, preferred, tz, unsub, irritants; } prefs;
    struct Contacts { std::vector<long long> customer, assignee, done_at; std::vector<int> due, satisfaction; std::vector<std::string> type, status, outcome, free_text, problems; } contacts;
    struct Tickets { std::vector<long long> id, customer, owner, created, updated, first_response, resolved; std::vector<int> severity; std::vector<std::string> problem, cause, status, subject, description, calendar, source, external; } tickets;
    struct Events { std::vector<long long> ticket, at, agent; std::vector<std::string> kind, note; } events;
    struct Holdings { std::vector<long long> customer, minor, as_of; std::vector<int> opened, closed; std::vector<soci::indicator> minor_ind; std::vector<std::string> kind, product, number, currency, status, source, external; } holdings;
    struct Feedback { std::vector<long long> customer, at; std::vector<int> score; std::vector<std::string> channel, text, source, external; } feedback;
    std::size_t rows = 0;
};

namespace {

template <typename... V>
void clear_all(V&... v) { (v.clear(), ...); }

std::string channel_list(const std::set<model::Channel>& set) {
    std::vector<std::string> names;
    for (auto c : set) names.emplace_back(model::to_string(c));
    return join_names(names);
}

}  // namespace

BulkWriter::BulkWriter(Database& db) : m_db(db), m_buf(std::make_unique<Buffers>()) {
    guarded("read ids", [&] {
        soci::indicator ind = soci::i_ok;
        long long max_id = 0;
        db.session() << "SELECT MAX(id) FROM customers", soci::into(max_id, ind);
        m_next_customer = ind == soci::i_null ? 1 : max_id + 1;
        db.session() << "SELECT MAX(id) FROM tickets", soci::into(max_id, ind);
        m_next_ticket = ind == soci::i_null ? 1 : max_id + 1;
    });
}

BulkWriter::~BulkWriter() = default;

Id BulkWriter::next_customer_id() { return m_next_customer; }
std::size_t BulkWriter::pending() const { return m_buf->rows; }

void BulkWriter::add(const model::Customer& c, model::Timestamp now) {
    auto& b = m_buf->customers;
    b.id.push_back(c.id); b.first.push_back(c.first_name); b.middle.push_back(c.middle_name);
    b.last.push_back(c.last_name); b.company.push_back(c.company); b.language.push_back(c.language);
    b.manager.push_back(c.manager_id); b.created.push_back(c.created_at ? c.created_at : now); b.updated.push_back(now);
    b.country.push_back(country_currency(c.phones));
    for (std::size_t i = 0; i < c.phones.size(); ++i) {
        m_buf->phones.customer.push_back(c.id); m_buf->phones.e164.push_back(c.phones[i]);
        m_buf->phones.rev.push_back(phone_digits_rev(c.phones[i]));
        m_buf->phones.pos.push_back(static_cast<int>(i));
    }
    for (std::size_t i = 0; i < c.emails.size(); ++i) {
        m_buf->emails.customer.push_back(c.id); m_buf->emails.email.push_back(util::fold_case(c.emails[i]));
        m_buf->emails.local.push_back(email_local_part(m_buf->emails.email.back()));
        m_buf->emails.pos.push_back(static_cast<int>(i));
    }
    for (const auto& r : c.refs) {
        m_buf->refs.customer.push_back(c.id); m_buf->refs.system.push_back(r.system);
        m_buf->refs.external.push_back(r.external_id);
    }
    for (auto& k : name_keys(c)) {
        m_buf->keys.customer.push_back(c.id); m_buf->keys.latin.push_back(util::latin_key(k));
        m_buf->keys.key.push_back(std::move(k));
    }
    m_buf->rows += 1 + c.phones.size() + c.emails.size() + c.refs.size();
    if (c.id >= m_next_customer) m_next_customer = c.id + 1;
}

void BulkWriter::add(const model::Order& o) {
    auto& b = m_buf->orders;
    b.customer.push_back(o.customer_id); b.placed.push_back(o.placed_at); b.amount.push_back(o.amount);
    b.product.push_back(o.product); b.source.push_back(o.source_system.empty() ? "local" : o.source_system);
    b.external.push_back(o.external_id);
    b.currency.push_back(o.currency);
    ++m_buf->rows;
}

void BulkWriter::add(const model::Interaction& i) {
    auto& b = m_buf->interactions;
    b.customer.push_back(i.customer_id); b.at.push_back(i.occurred_at); b.agent.push_back(i.agent_id);
    b.channel.emplace_back(model::to_string(i.channel)); b.direction.emplace_back(model::to_string(i.direction));
    b.agent_name.push_back(i.agent_name); b.summary.push_back(i.summary);
    b.source.push_back(i.source_system.empty() ? "local" : i.source_system); b.external.push_back(i.external_id);
    ++m_buf->rows;
}

void BulkWriter::add(const model::LifecycleEvent& e) {
    auto& b = m_buf->lifecycle;
    b.customer.push_back(e.customer_id); b.at.push_back(e.at); b.agent.push_back(e.agent_id);
    b.kind.emplace_back(model::to_string(e.kind)); b.reason.emplace_back(model::to_string(e.reason));
    b.note.push_back(e.note);
    ++m_buf->rows;
}

void BulkWriter::add(const model::Offer& o) {
    auto& b = m_buf->offers;
    b.customer.push_back(o.customer_id); b.from.push_back(o.valid_from); b.until.push_back(o.valid_until);
    b.assignee.push_back(o.assignee_id); b.step_at.push_back(o.next_step.at); b.updated.push_back(o.updated_at);
    b.priority.push_back(o.priority); b.discount.push_back(o.discount_percent); b.product.push_back(o.product);
    b.channel.emplace_back(model::to_string(o.channel)); b.status.emplace_back(model::to_string(o.status));
    b.kind.emplace_back(model::to_string(o.kind)); b.outcome.push_back(o.outcome);
    b.step_kind.emplace_back(model::to_string(o.next_step.kind)); b.step_address.push_back(o.next_step.address);
    b.step_note.push_back(o.next_step.note); b.source.push_back(o.source_system.empty() ? "local" : o.source_system);
    b.external.push_back(o.external_id);
    ++m_buf->rows;
}

void BulkWriter::add(const model::ContactPreferences& p) {
    auto& b = m_buf->prefs;
    b.customer.push_back(p.customer_id); b.updated.push_back(p.updated_at); b.written.push_back(p.written_only);
    b.dnc.push_back(p.do_not_call); b.themselves.push_back(p.calls_themselves);
    b.quiet_from.push_back(p.quiet_hours.from_minute); b.quiet_to.push_back(p.quiet_hours.to_minute);
    b.allowed.push_back(channel_list(p.allowed_channels));
    b.preferred.emplace_back(p.preferred_channel ? model::to_string(*p.preferred_channel) : "");
    b.tz.push_back(p.timezone); b.unsub.push_back(channel_list(p.unsubscribed)); b.irritants.push_back(p.irritants);
    ++m_buf->rows;
}

void BulkWriter::add(const model::ServiceContact& c) {
    auto& b = m_buf->contacts;
    b.customer.push_back(c.customer_id); b.assignee.push_back(c.assignee_id); b.done_at.push_back(c.done_at);
    b.due.push_back(c.due); b.satisfaction.push_back(c.answers.satisfaction);
    b.type.emplace_back(model::to_string(c.type)); b.status.emplace_back(model::to_string(c.status));
    b.outcome.push_back(c.outcome); b.free_text.push_back(c.answers.free_text); b.problems.push_back(c.answers.problems);
    ++m_buf->rows;
}

Id BulkWriter::add(model::Ticket& t) {
    t.id = m_next_ticket++;
    auto& b = m_buf->tickets;
    b.id.push_back(t.id); b.customer.push_back(t.customer_id); b.owner.push_back(t.owner_id);
    b.created.push_back(t.created_at); b.updated.push_back(t.updated_at ? t.updated_at : t.created_at);
    b.first_response.push_back(t.first_response_at); b.resolved.push_back(t.resolved_at);
    b.severity.push_back(t.severity); b.problem.push_back(t.problem_type);
    b.cause.emplace_back(model::to_string(t.cause)); b.status.emplace_back(model::to_string(t.status));
    b.subject.push_back(t.subject); b.description.push_back(t.description); b.calendar.push_back(t.calendar);
    b.source.push_back(t.source_system.empty() ? "local" : t.source_system); b.external.push_back(t.external_id);
    ++m_buf->rows;
    return t.id;
}

void BulkWriter::add(const model::TicketEvent& e) {
    auto& b = m_buf->events;
    b.ticket.push_back(e.ticket_id); b.at.push_back(e.at); b.agent.push_back(e.agent_id);
    b.kind.emplace_back(model::to_string(e.kind)); b.note.push_back(e.note);
    ++m_buf->rows;
}

void BulkWriter::add(const model::Holding& h) {
    auto& b = m_buf->holdings;
    b.customer.push_back(h.customer_id); b.minor.push_back(h.balance ? h.balance->minor : 0);
    b.minor_ind.push_back(h.balance ? soci::i_ok : soci::i_null); b.as_of.push_back(h.as_of);
    b.opened.push_back(h.opened); b.closed.push_back(h.closed); b.kind.emplace_back(model::to_string(h.kind));
    b.product.push_back(h.product); b.number.push_back(privacy::mask_account_number(h.number));
    b.currency.push_back(h.balance ? h.balance->currency : ""); b.status.emplace_back(model::to_string(h.status));
    b.source.push_back(h.source_system.empty() ? "local" : h.source_system); b.external.push_back(h.external_id);
    ++m_buf->rows;
}

void BulkWriter::add(const model::Feedback& f) {
    auto& b = m_buf->feedback;
    b.customer.push_back(f.customer_id); b.at.push_back(f.at); b.score.push_back(f.score);
    b.channel.emplace_back(model::to_string(f.channel)); b.text.push_back(f.text);
    b.source.push_back(f.source_system.empty() ? "local" : f.source_system); b.external.push_back(f.external_id);
    ++m_buf->rows;
}

/// Issue 20's tables: holdings (a NULL balance for those without one) and feedback.
void write_holdings_and_feedback(soci::session& s, BulkWriter::Buffers& b);

void BulkWriter::flush() {
    if (m_buf->rows == 0) return;
    soci::session& s = m_db.session();
    Buffers& b = *m_buf;
    guarded("write rows in bulk", [&] {
        soci::transaction tx(s);
        using soci::use;
        // Parents before children: the foreign keys are checked per statement.
        if (!b.customers.id.empty())
            // no_orders = 1 until the customer's first order (below, or later) writes its facts (schema 18).
            s << "INSERT INTO customers(id, first_name, middle_name, last_name, company, language, manager_id, "
                 "created_at, updated_at, country_currency, no_orders) VALUES(:i, :f, :m, :l, :c, :g, :mg, :cr, :up, "
                 ":cc, 1)",
                use(b.customers.id), use(b.customers.first), use(b.customers.middle), use(b.customers.last),
                use(b.customers.company), use(b.customers.language), use(b.customers.manager),
                use(b.customers.created), use(b.customers.updated), use(b.customers.country);
        if (!b.phones.e164.empty())
            s << "INSERT INTO customer_phones(customer_id, e164, position, digits_rev) VALUES(:c, :e, :p, :r)",
                use(b.phones.customer), use(b.phones.e164), use(b.phones.pos), use(b.phones.rev);
        if (!b.emails.email.empty())
            s << "INSERT INTO customer_emails(customer_id, email, position, local_part) VALUES(:c, :e, :p, :l)",
                use(b.emails.customer), use(b.emails.email), use(b.emails.pos), use(b.emails.local);
        if (!b.refs.system.empty())
            s << "INSERT INTO customer_refs(customer_id, system, external_id) VALUES(:c, :s, :e)",
                use(b.refs.customer), use(b.refs.system), use(b.refs.external);
        if (!b.keys.key.empty())
            s << "INSERT INTO customer_name_keys(customer_id, name_key, latin_key) VALUES(:c, :k, :l)",
                use(b.keys.customer), use(b.keys.key), use(b.keys.latin);
        if (!b.orders.customer.empty())
            s << "INSERT INTO orders(customer_id, placed_at, amount, product, source_system, external_id, currency) "
                 "VALUES(:c, :p, :a, :pr, :s, :e, :cur)",
                use(b.orders.customer), use(b.orders.placed), use(b.orders.amount), use(b.orders.product),
                use(b.orders.source), use(b.orders.external), use(b.orders.currency);
        if (!b.interactions.customer.empty())
            s << "INSERT INTO interactions(customer_id, channel, direction, occurred_at, agent_id, agent_name, "
                 "summary, source_system, external_id) VALUES(:c, :ch, :d, :o, :a, :an, :s, :ss, :e)",
                use(b.interactions.customer), use(b.interactions.channel), use(b.interactions.direction),
                use(b.interactions.at), use(b.interactions.agent), use(b.interactions.agent_name),
                use(b.interactions.summary), use(b.interactions.source), use(b.interactions.external);
        if (!b.lifecycle.customer.empty())
            s << "INSERT INTO lifecycle_events(customer_id, kind, at, reason, agent_id, note) "
                 "VALUES(:c, :k, :a, :r, :g, :n)",
                use(b.lifecycle.customer), use(b.lifecycle.kind), use(b.lifecycle.at), use(b.lifecycle.reason),
                use(b.lifecycle.agent), use(b.lifecycle.note);
        if (!b.offers.customer.empty())
            s << "INSERT INTO offers(customer_id, product, priority, channel, valid_from, valid_until, status, kind, "
                 "discount_percent, assignee_id, outcome, next_step_kind, next_step_at, next_step_address, "
                 "next_step_note, updated_at, source_system, external_id) VALUES(:c, :p, :pr, :ch, :vf, :vu, :st, "
                 ":k, :d, :a, :o, :sk, :sa, :sad, :sn, :u, :ss, :e)",
                use(b.offers.customer), use(b.offers.product), use(b.offers.priority), use(b.offers.channel),
                use(b.offers.from), use(b.offers.until), use(b.offers.status), use(b.offers.kind),
                use(b.offers.discount), use(b.offers.assignee), use(b.offers.outcome), use(b.offers.step_kind),
                use(b.offers.step_at), use(b.offers.step_address), use(b.offers.step_note), use(b.offers.updated),
                use(b.offers.source), use(b.offers.external);
        if (!b.prefs.customer.empty())
            s << "INSERT INTO preferences(customer_id, allowed_channels, preferred_channel, written_only, do_not_call, "
                 "calls_themselves, quiet_from, quiet_to, timezone, unsubscribed, irritants, updated_at, version) "
                 "VALUES(:c, :a, :p, :w, :d, :t, :qf, :qt, :tz, :u, :i, :up, 1)",
                use(b.prefs.customer), use(b.prefs.allowed), use(b.prefs.preferred), use(b.prefs.written),
                use(b.prefs.dnc), use(b.prefs.themselves), use(b.prefs.quiet_from), use(b.prefs.quiet_to),
                use(b.prefs.tz), use(b.prefs.unsub), use(b.prefs.irritants), use(b.prefs.updated);
        if (!b.contacts.customer.empty())
            s << "INSERT INTO service_contacts(customer_id, type, due, assignee_id, status, outcome, done_at, "
                 "satisfaction, free_text, problems) VALUES(:c, :t, :d, :a, :s, :o, :da, :sa, :f, :p)",
                use(b.contacts.customer), use(b.contacts.type), use(b.contacts.due), use(b.contacts.assignee),
                use(b.contacts.status), use(b.contacts.outcome), use(b.contacts.done_at),
                use(b.contacts.satisfaction), use(b.contacts.free_text), use(b.contacts.problems);
        if (!b.tickets.id.empty())
            s << "INSERT INTO tickets(id, customer_id, problem_type, severity, cause, owner_id, status, subject, "
                 "description, calendar, created_at, updated_at, first_response_at, resolved_at, source_system, "
                 "external_id) VALUES(:i, :c, :p, :s, :ca, :o, :st, :su, :d, :cal, :cr, :up, :fr, :re, :ss, :e)",
                use(b.tickets.id), use(b.tickets.customer), use(b.tickets.problem), use(b.tickets.severity),
                use(b.tickets.cause), use(b.tickets.owner), use(b.tickets.status), use(b.tickets.subject),
                use(b.tickets.description), use(b.tickets.calendar), use(b.tickets.created), use(b.tickets.updated),
                use(b.tickets.first_response), use(b.tickets.resolved), use(b.tickets.source),
                use(b.tickets.external);
        if (!b.events.ticket.empty())
            s << "INSERT INTO ticket_events(ticket_id, kind, at, agent_id, note) VALUES(:t, :k, :a, :g, :n)",
                use(b.events.ticket), use(b.events.kind), use(b.events.at), use(b.events.agent), use(b.events.note);
        write_holdings_and_feedback(s, b);
        if (m_db.dialect() == Dialect::postgresql) {
            // Explicit ids do not advance an identity sequence; later single inserts must not collide.
            s << "SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT COALESCE(MAX(id), 1) FROM customers))";
            s << "SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT COALESCE(MAX(id), 1) FROM tickets))";
        }
        tx.commit();
    });
    auto& c = b.customers; clear_all(c.id, c.manager, c.created, c.updated, c.first, c.middle, c.last, c.company, c.language, c.country);
    clear_all(b.phones.customer, b.phones.e164, b.phones.rev, b.phones.pos, b.emails.customer, b.emails.email,
              b.emails.local, b.emails.pos);
    clear_all(b.refs.customer, b.refs.system, b.refs.external, b.keys.customer, b.keys.key, b.keys.latin);
    auto& o = b.orders; clear_all(o.customer, o.placed, o.amount, o.product, o.source, o.external, o.currency);
    auto& i = b.interactions; clear_all(i.customer, i.at, i.agent, i.channel, i.direction, i.agent_name, i.summary, i.source, i.external);
    auto& l = b.lifecycle; clear_all(l.customer, l.at, l.agent, l.kind, l.reason, l.note);
    auto& f = b.offers; clear_all(f.customer, f.from, f.until, f.assignee, f.step_at, f.updated, f.priority, f.discount, f.product, f.channel, f.status, f.kind, f.outcome, f.step_kind, f.step_address, f.step_note, f.source, f.external);
    auto& p = b.prefs; clear_all(p.customer, p.updated, p.written, p.dnc, p.themselves, p.quiet_from, p.quiet_to, p.allowed, p.preferred, p.tz, p.unsub, p.irritants);
    auto& k = b.contacts; clear_all(k.customer, k.assignee, k.done_at, k.due, k.satisfaction, k.type, k.status, k.outcome, k.free_text, k.problems);
    auto& t = b.tickets; clear_all(t.id, t.customer, t.owner, t.created, t.updated, t.first_response, t.resolved, t.severity, t.problem, t.cause, t.status, t.subject, t.description, t.calendar, t.source, t.external);
    auto& e = b.events; clear_all(e.ticket, e.at, e.agent, e.kind, e.note);
    auto& h = b.holdings; clear_all(h.customer, h.minor, h.as_of, h.opened, h.closed, h.minor_ind, h.kind, h.product, h.number, h.currency, h.status, h.source, h.external);
    auto& fb = b.feedback; clear_all(fb.customer, fb.at, fb.score, fb.channel, fb.text, fb.source, fb.external);
    b.rows = 0;
}

void write_holdings_and_feedback(soci::session& s, BulkWriter::Buffers& b) {
    using soci::use;
    if (!b.holdings.customer.empty())
        s << "INSERT INTO holdings(customer_id, kind, product, number, balance_minor, currency, status, opened, closed, "
             "as_of, source_system, external_id) VALUES(:c, :k, :p, :n, :b, :cu, :s, :o, :cl, :a, :ss, :e)",
            use(b.holdings.customer), use(b.holdings.kind), use(b.holdings.product), use(b.holdings.number),
            use(b.holdings.minor, b.holdings.minor_ind), use(b.holdings.currency), use(b.holdings.status),
            use(b.holdings.opened), use(b.holdings.closed), use(b.holdings.as_of), use(b.holdings.source),
            use(b.holdings.external);
    if (!b.feedback.customer.empty())
        s << "INSERT INTO feedback(customer_id, channel, score, text, at, source_system, external_id) "
             "VALUES(:c, :ch, :s, :t, :a, :ss, :e)",
            use(b.feedback.customer), use(b.feedback.channel), use(b.feedback.score), use(b.feedback.text),
            use(b.feedback.at), use(b.feedback.source), use(b.feedback.external);
}

}  // namespace kartoteka::storage
