#include "desk/retention_service.h"

#include "desk/program_texts.h"

#include <map>

#include "access/permissions.h"
#include "actions/agent_actions.h"
#include "audit/audit_log.h"
#include "error.h"
#include "retention/contact_planner.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::desk {
namespace {

using namespace kartoteka::retention;

using model::Id;
using model::Timestamp;
constexpr Timestamp day_seconds = 86400;

/// The timeline entry for a worked offer, in the words and clock of whoever reads it later.
util::Message offer_note(const model::Offer& o, const OfferWork& w) {
    util::Message m{N_("offer #{1} {2}: {3}"), {std::to_string(o.id), o.product, model::to_string(w.outcome)}, {}};
    const auto& s = w.next_step;
    if (s.kind != model::NextStepKind::none) {
        const std::string kind = model::to_string(s.kind), at = util::Message::instant(s.at);
        if (s.address.empty()) m.then.push_back(s.at ? util::Message{N_(", next: {1} on {2}"), {kind, at}, {}}
                                                     : util::Message{N_(", next: {1}"), {kind}, {}});
        else m.then.push_back(s.at ? util::Message{N_(", next: {1} at {2} on {3}"), {kind, s.address, at}, {}}
                                   : util::Message{N_(", next: {1} at {2}"), {kind, s.address}, {}});
    }
    if (!w.said.empty()) m.then.push_back({N_(" (said: {1})"), {w.said}, {}});
    if (!w.override_reason.empty())
        m.then.push_back({N_("; the rules held it back, gone on because: {1}"), {w.override_reason}, {}});
    return m;
}

}  // namespace

model::Agent RetentionService::acting(Id agent_id) {
    auto agent = agent_id ? m_store.agent(agent_id) : std::nullopt;
    if (!agent) throw Error(ErrorKind::invalid, "who is doing this? agent #" + std::to_string(agent_id) + " is unknown");
    return *agent;
}

RetentionService::RetentionService(storage::Store& store, config::RetentionConfig config, std::string centre_timezone)
    : m_store(store), m_config(std::move(config)), m_timezone(std::move(centre_timezone)) {}

CustomerHistory RetentionService::load_history(Id customer_id, Timestamp now, bool ticket_events) {
    auto customer = m_store.customer(customer_id);
    if (!customer) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(customer_id));
    CustomerHistory h;
    h.customer = std::move(*customer);
    h.orders = m_store.orders_for(customer_id);
    h.events = m_store.lifecycle_events_for(customer_id);
    // The signal window, and at least the days the day-after-inbound rule looks back.
    const int days = std::max(m_config.lifecycle.signal_window_days, m_config.offers.no_sales_call_after_inbound_days + 2);
    h.interactions = m_store.interactions_since(customer_id, now - static_cast<Timestamp>(days) * day_seconds);
    h.contacts = m_store.contacts_for(customer_id);
    h.offers = m_store.offers_for(customer_id);
    h.preferences = m_store.preferences_for(customer_id);
    h.traits = m_store.traits_for(customer_id);
    h.tickets = m_store.tickets_for(customer_id, ticket_events);
    h.holdings = m_store.holdings_for(customer_id);
    h.feedback = m_store.feedback_for(customer_id);
    return h;
}

CustomerRetention RetentionService::assess(const CustomerHistory& h, Timestamp now) const {
    return retention::assess(h, m_config, m_timezone, now);
}

std::vector<CustomerHistory> RetentionService::load_all(bool with_traits) {
    std::vector<CustomerHistory> all;
    std::map<Id, std::size_t> index;
    for (auto& c : m_store.all_customers_brief()) {
        index[c.id] = all.size();
        CustomerHistory h;
        h.customer = std::move(c);
        h.traits.customer_id = h.customer.id;
        all.push_back(std::move(h));
    }
    auto at = [&](Id id) -> CustomerHistory* {
        auto it = index.find(id);
        return it == index.end() ? nullptr : &all[it->second];
    };
    for (auto& o : m_store.all_orders())
        if (auto* h = at(o.customer_id)) h->orders.push_back(std::move(o));
    for (auto& e : m_store.all_lifecycle_events())
        if (auto* h = at(e.customer_id)) h->events.push_back(std::move(e));
    if (with_traits)
        for (auto& t : m_store.all_traits())
            if (auto* h = at(t.customer_id)) h->traits = t;
    return all;
}

retention::RetentionReport RetentionService::retention_report(const std::vector<retention::Period>& periods,
                                                              Timestamp now, const std::string& centre_currency) {
    if (periods.empty()) throw Error(ErrorKind::invalid, "the report needs at least one period");
    const Timestamp from = periods.front().from, to = periods.back().to;
    std::vector<int> buckets;
    for (const auto& b : m_config.lifecycle.sleeping) buckets.push_back(b.days);
    auto facts = m_store.retention_facts(from, to, now, buckets, centre_currency);
    std::vector<Timestamp> starts;
    for (const auto& p : periods) starts.push_back(p.from);
    facts.created = m_store.customers_created(starts, to, centre_currency);
    auto windows = windows_needed(facts, periods, m_config);
    m_store.count_order_windows(windows.orders, centre_currency);
    m_store.count_complaint_windows(windows.complaints);
    return assemble_report(facts, periods, windows.orders, windows.complaints, centre_currency, now, m_config);
}

WinbackRun RetentionService::run_winback(Timestamp now) {
    WinbackRun run;
    const auto agents = m_store.agents();
    auto all = load_all(true);
    storage::Store::Transaction tx(m_store);
    for (auto& h : all) {
        const auto status = assess_status(h, m_config, now);
        if (winback_discount(status, m_config.lifecycle) == 0 && status.record.status != model::LifecycleStatus::lost_twice)
            continue;  // neither sleeping nor lost: not the ladder's business
        h.offers = m_store.offers_for(h.customer.id);
        h.preferences = m_store.preferences_for(h.customer.id);
        auto d = plan_winback(h, status, assess_value(h, status, m_config, now), agents, m_config, now);
        if (d.action == WinbackDecision::Action::upgrade) {
            auto old = m_store.offer(d.replaces);
            if (old) {
                old->status = model::OfferStatus::expired;
                old->outcome = N_("replaced by a stronger win-back step");  // stored in English, shown through the catalogue
                old->updated_at = now;
                m_store.update_offer(*old);
            }
        }
        if (d.action == WinbackDecision::Action::create || d.action == WinbackDecision::Action::upgrade)
            m_store.insert_offer(d.offer);
        switch (d.action) {
        case WinbackDecision::Action::create: ++run.created; break;
        case WinbackDecision::Action::upgrade: ++run.upgraded; break;
        case WinbackDecision::Action::keep: ++run.kept; break;
        case WinbackDecision::Action::skip: ++run.skipped; break;
        }
        run.items.push_back({h.customer.id, std::move(d)});
    }
    tx.commit();
    return run;
}

std::vector<model::ServiceContact> RetentionService::schedule_contacts(Timestamp now) {
    std::vector<model::ServiceContact> planned;
    const auto agents = m_store.agents();
    const model::Date today = local_time(now, m_timezone).date;
    auto all = load_all(true);
    storage::Store::Transaction tx(m_store);
    for (auto& h : all) {
        const auto status = assess_status(h, m_config, now);
        const auto value = assess_value(h, status, m_config, now);
        h.contacts = m_store.contacts_for(h.customer.id);
        for (auto& c : plan_periodic_contacts(h, status, value.tier, agents, m_config.contacts, today)) {
            m_store.insert_contact(c);
            planned.push_back(c);
        }
    }
    tx.commit();
    return planned;
}

std::vector<model::ServiceContact> RetentionService::close_deal(model::Order& order, Id manager_id) {
    auto customer = m_store.customer(order.customer_id);
    if (!customer) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(order.customer_id));
    if (manager_id == 0) manager_id = customer->manager_id;
    if (manager_id == 0 || !m_store.agent(manager_id))
        throw Error(ErrorKind::invalid, "a deal needs the manager who closed it (--manager LOGIN)");
    if (order.amount <= 0) throw Error(ErrorKind::invalid, "a deal needs a positive amount");
    auto contacts = plan_deal_contacts(order.customer_id, local_time(order.placed_at, m_timezone).date, manager_id,
                                       m_store.agents(), m_config.contacts);
    storage::Store::Transaction tx(m_store);
    m_store.insert_order(order);
    for (auto& c : contacts) m_store.insert_contact(c);
    tx.commit();
    return contacts;
}

std::optional<Id> RetentionService::log_contact(Id contact_id, const ContactLog& log, Timestamp now) {
    m_queued.clear();
    auto c = m_store.contact(contact_id);
    if (!c) throw Error(ErrorKind::not_found, "no planned contact #" + std::to_string(contact_id));
    if (c->status != model::ContactStatus::planned)
        throw Error(ErrorKind::invalid, "contact #" + std::to_string(contact_id) + " is already " +
                                            model::to_string(c->status));
    const auto& a = log.answers;
    if (a.satisfaction != 0 && (a.satisfaction < 1 || a.satisfaction > 5))
        throw Error(ErrorKind::invalid, "satisfaction is rated 1 to 5");
    if (c->type == model::ContactType::how_are_you && !log.skipped && a.satisfaction == 0)
        throw Error(ErrorKind::invalid, "a how-are-you contact records the satisfaction rating (1-5)");
    c->status = log.skipped ? model::ContactStatus::skipped : model::ContactStatus::done;
    c->done_at = now;
    c->outcome = log.outcome;
    c->answers = a;
    const model::Agent agent = acting(log.agent_id);
    // The person the contact was planned for may log it (the closing manager's welcome letter); anyone
    // else needs the right to complete planned service contacts.
    access::require(agent, agent.id == c->assignee_id ? access::Action::log_contact
                                                      : access::Action::log_service_contact);
    c->assignee_id = agent.id;
    // One transaction for the complaint, the contact and its timeline entry: a retry after a failed save
    // must not open a second complaint, and a saved contact never lacks the complaint it raised.
    storage::Store::Transaction tx(m_store);
    actions::AgentActions act(m_store, agent, m_routes);
    std::optional<Id> ticket_id;
    std::vector<connector::OutboxItem> queued;  // each AgentActions call reports only its own rows
    if (!a.problems.empty()) {
        // A problem raised is a complaint with a named owner at once (001), not a note that gets lost.
        actions::ComplaintDraft d;
        d.customer_id = c->customer_id;
        d.problem_type = m_config.contacts.complaint_problem_type;
        d.severity = m_config.contacts.complaint_severity;
        d.subject = raised_in(c->type);
        d.description = a.problems;
        ticket_id = act.open_complaint(d, now).id;
        queued = act.queued();
    }
    m_store.close_contact(*c);
    // On the timeline too, through the same path as any contact an agent logs at the desk.
    util::Message said(N_("{1} contact {2}"), {model::to_string(c->type), model::to_string(c->status)});
    if (a.satisfaction) said.then.push_back({N_(", satisfaction {1}"), {std::to_string(a.satisfaction)}});
    if (!log.outcome.empty()) said.then.push_back({N_(": {1}"), {log.outcome}});
    actions::ContactDraft note{c->customer_id, m_config.contacts.channels.at(c->type), model::Direction::outbound,
                               said.english(), said};
    act.log_contact(note, now);
    queued.insert(queued.end(), act.queued().begin(), act.queued().end());
    audit::AuditLog(m_store).record({0, now, agent.id, "", "log_service_contact", c->customer_id, "service_contact",
                                      c->id, std::string(model::to_string(c->type)) + " " + model::to_string(c->status)});
    tx.commit();
    // Only what was committed is reported as queued for delivery.
    m_queued = std::move(queued);
    return ticket_id;
}

void RetentionService::validate_next_step(const OfferWork& w, Timestamp now) const {
    using model::NextStepKind;
    const auto& s = w.next_step;
    const bool concrete = s.kind == NextStepKind::office || s.kind == NextStepKind::appointment ||
                          s.kind == NextStepKind::courier;
    if (w.outcome == model::OfferStatus::accepted && !concrete)
        throw Error(ErrorKind::invalid, "an accepted offer closes with a concrete next step: office, appointment or "
                                        "courier (\"come to any office\" fails 80% of the time)");
    if (s.kind == NextStepKind::none) return;
    if (s.at == 0) throw Error(ErrorKind::invalid, std::string("the ") + model::to_string(s.kind) + " needs a date (--at)");
    const model::Date today = local_time(now, m_timezone).date, day = local_time(s.at, m_timezone).date;
    if (day < today) throw Error(ErrorKind::invalid, "the next step's date is in the past");
    if ((s.kind == NextStepKind::office || s.kind == NextStepKind::courier) && s.address.empty())
        throw Error(ErrorKind::invalid, std::string("the ") + model::to_string(s.kind) + " needs an exact address (--address)");
    if (s.kind == NextStepKind::office && day - today > m_config.offers.office_within_days)
        throw Error(ErrorKind::invalid, "an office visit must be within " +
                                            std::to_string(m_config.offers.office_within_days) + " days");
}

StatusAssessment RetentionService::status_with_satisfaction(const CustomerHistory& h, Timestamp now) const {
    // The card's index: contacts, reviews and surveys as retention.satisfaction weighs them.
    const auto satisfaction = satisfaction_index(h.contacts, h.feedback, m_config.satisfaction,
                                                 m_config.value.satisfaction_warning_below, now);
    return assess_status(h, m_config, now, satisfaction.index);
}

void RetentionService::require_override(const model::Offer& o, const OfferWork& w, Timestamp now) {
    // Declining or postponing never needs a reason: only going on with a sale the rules hold back does.
    if (w.outcome != model::OfferStatus::accepted && w.outcome != model::OfferStatus::in_progress) return;
    if (!util::trim(w.override_reason).empty()) return;
    const auto h = load_history(o.customer_id, now);
    const auto status = status_with_satisfaction(h, now);
    const auto e = check_offer(o, h, status, situation_of(h, m_timezone, now), m_config.offers);
    if (e.eligible) return;
    throw Error(ErrorKind::invalid, "the rules hold offer #" + std::to_string(o.id) + " back now (" + e.rule + ": " + e.reason +
                                        "); say why you go on (an override reason), or decline or postpone it");
}

model::Offer RetentionService::work_offer(Id offer_id, const OfferWork& w, Timestamp now) {
    m_queued.clear();
    auto o = m_store.offer(offer_id);
    if (!o) throw Error(ErrorKind::not_found, "no offer #" + std::to_string(offer_id));
    if (w.expected_version && *w.expected_version != o->version)
        throw Error(ErrorKind::conflict, "offer #" + std::to_string(offer_id) + " was changed at another seat meanwhile (it is " +
                                             model::to_string(o->status) + " now)");
    if (!model::is_open(o->status))
        throw Error(ErrorKind::invalid, "offer #" + std::to_string(offer_id) + " is already " + model::to_string(o->status));
    if (w.outcome == model::OfferStatus::planned || w.outcome == model::OfferStatus::suppressed ||
        w.outcome == model::OfferStatus::expired)
        throw Error(ErrorKind::invalid, "an offer is worked to in_progress, accepted, declined or postponed");
    const model::Agent agent = acting(w.agent_id);
    access::require(agent, access::Action::work_offer);
    validate_next_step(w, now);
    require_override(*o, w, now);
    o->status = w.outcome;
    o->outcome = w.said;
    o->next_step = w.next_step;
    actions::ContactDraft contact{o->customer_id, o->channel, model::Direction::outbound, "", offer_note(*o, w)};
    if (w.during_inbound_call) {
        contact.channel = model::Channel::phone;
        contact.direction = model::Direction::inbound;
    }
    contact.summary = contact.details.english([this](long long t) { return retention::format_local(t, m_timezone); });
    actions::AgentActions act(m_store, agent, m_routes);
    act.record_offer_work(*o, std::move(contact), now);
    m_queued = act.queued();
    return *o;
}

std::vector<ContactView> RetentionService::due(Id agent_id, model::Date day, Timestamp now) {
    std::vector<ContactView> out;
    std::map<Id, CustomerHistory> seen;
    for (const auto& c : m_store.contacts_due(agent_id, day)) {
        auto it = seen.find(c.customer_id);
        if (it == seen.end()) {
            CustomerHistory h;
            h.customer.id = c.customer_id;
            h.preferences = m_store.preferences_for(c.customer_id);
            h.interactions = m_store.interactions_since(
                c.customer_id, now - static_cast<Timestamp>(m_config.offers.no_sales_call_after_inbound_days + 2) * day_seconds);
            it = seen.emplace(c.customer_id, std::move(h)).first;
        }
        ContactView v;
        v.contact = c;
        v.channel = m_config.contacts.channels.at(c.type);
        v.due_today = true;
        v.eligibility = check_channel(v.channel, c.type == model::ContactType::new_idea, it->second.preferences,
                                      situation_of(it->second, m_timezone, now), m_config.offers);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<OfferView> RetentionService::due_offers(Id agent_id, Timestamp now) {
    std::vector<OfferView> out;
    std::map<Id, std::pair<CustomerHistory, StatusAssessment>> seen;
    for (Id id : m_store.open_offer_ids(agent_id)) {
        auto o = m_store.offer(id);
        if (!o || (o->valid_from && o->valid_from > now) || (o->valid_until && o->valid_until < now)) continue;
        auto it = seen.find(o->customer_id);
        if (it == seen.end()) {
            auto h = load_history(o->customer_id, now);
            auto status = status_with_satisfaction(h, now);
            it = seen.emplace(o->customer_id, std::make_pair(std::move(h), std::move(status))).first;
        }
        const auto& [h, status] = it->second;
        out.push_back({*o, h.customer.display_name(), check_offer(*o, h, status, situation_of(h, m_timezone, now), m_config.offers)});
    }
    return out;
}

}  // namespace kartoteka::desk
