#include "connector/write_back.h"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <algorithm>

#include "connector/card_assembler.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

using nlohmann::json;

Capability capability_for(const std::string& kind) {
    if (kind == "interaction") return Capability::accept_interaction;
    if (kind == "offer_outcome") return Capability::accept_offer_outcome;
    return Capability::accept_ticket;
}

}  // namespace

OutboxItem Recorder::enqueue(const std::string& target, const std::string& kind, model::Id customer_id,
                             const std::string& local_ref, const std::string& payload) {
    OutboxItem item;
    item.target = target;
    item.kind = kind;
    item.customer_id = customer_id;
    item.local_ref = local_ref;
    item.payload = payload;
    m_outbox.enqueue(item, m_clock());
    return item;
}

OutboxItem Recorder::record_contact(model::Interaction& i, const std::string& target) {
    soci::transaction tx(m_store.session());
    m_store.insert_interaction(i);
    json p = {{"channel", model::to_string(i.channel)}, {"direction", model::to_string(i.direction)},
              {"at", util::format_iso(i.occurred_at)}, {"summary", i.summary}, {"agent_name", i.agent_name},
              {"local_id", i.id}};
    auto item = enqueue(target, "interaction", i.customer_id, "interaction:" + std::to_string(i.id), p.dump());
    tx.commit();
    return item;
}

OutboxItem Recorder::record_offer_outcome(model::Offer& o, const std::string& target) {
    soci::transaction tx(m_store.session());
    m_store.update_offer(o);
    json p = {{"offer_id", o.external_id.empty() ? std::to_string(o.id) : o.external_id}, {"product", o.product},
              {"status", model::to_string(o.status)}, {"outcome", o.outcome}, {"local_id", o.id}};
    auto item = enqueue(target, "offer_outcome", o.customer_id, "offer:" + std::to_string(o.id), p.dump());
    tx.commit();
    return item;
}

OutboxItem Recorder::record_complaint(model::Ticket& t, const std::string& target) {
    // The ticket and its outbox row commit together, as for contacts and offers: a process killed
    // between two commits left a ticket that never reached its backend (tests/crash found two in 200
    // kills). Store::Transaction, not soci's, because insert_ticket opens a nested one itself.
    storage::Store::Transaction tx(m_store);
    m_store.insert_ticket(t);
    json p = {{"subject", t.subject}, {"description", t.description}, {"problem_type", t.problem_type},
              {"severity", t.severity}, {"created_at", util::format_iso(t.created_at)}, {"local_id", t.id}};
    auto item = enqueue(target, "complaint", t.customer_id, "ticket:" + std::to_string(t.id), p.dump());
    tx.commit();
    return item;
}

OutboxDeliverer::OutboxDeliverer(storage::Store& store, Outbox& outbox, std::vector<Source> sources,
                                 OutboxPolicy policy, util::Clock clock)
    : m_store(store), m_outbox(outbox), m_sources(std::move(sources)), m_policy(policy), m_clock(std::move(clock)) {}

OutboxDeliverer::Report OutboxDeliverer::deliver_due() {
    Report report;
    for (const auto& item : m_outbox.due(m_clock())) deliver_one(item, report);
    return report;
}

void OutboxDeliverer::deliver_one(const OutboxItem& item, Report& report) {
    auto source = std::find_if(m_sources.begin(), m_sources.end(), [&](const Source& s) { return s.name == item.target; });
    const model::Timestamp now = m_clock();
    auto fail = [&](const std::string& error, bool retryable) {
        const bool give_up = !retryable || item.attempts + 1 >= m_policy.max_attempts;
        const long long wait = static_cast<long long>(m_policy.backoff_s) << std::min(item.attempts, 16);
        m_outbox.mark_failed_attempt(item.id, error, give_up, now + std::min(wait, 3600LL));
        ++(give_up ? report.failed : report.retrying);
    };
    if (source == m_sources.end()) return fail("no enabled connector named '" + item.target + "'", false);
    Delivery d{item.kind, item.idempotency_key, item.payload, {}};
    if (auto c = m_store.customer(item.customer_id)) d.customer = lookup_for(*c);
    try {
        const auto remote = source->connector->deliver(d, std::chrono::steady_clock::now() + m_policy.timeout);
        m_outbox.mark_delivered(item.id, remote, m_clock());
        ++report.delivered;
    } catch (const ConnectorError& e) {
        fail(e.what(), e.retryable());
    }
}

std::string owner_for(const std::vector<Source>& sources, const std::string& kind) {
    const Source* best = nullptr;
    for (const auto& s : sources)
        if (s.connector->capabilities().count(capability_for(kind)) && (!best || s.priority > best->priority)) best = &s;
    return best ? best->name : std::string();
}

}  // namespace kartoteka::connector
