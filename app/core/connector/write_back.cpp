#include "connector/write_back.h"

#include <algorithm>
#include <optional>
#include <set>

#include "connector/card_assembler.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

Capability capability_for(const std::string& kind) {
    if (kind == "interaction") return Capability::accept_interaction;
    if (kind == "offer_outcome") return Capability::accept_offer_outcome;
    if (kind == "escalation") return Capability::accept_escalation;
    return Capability::accept_ticket;
}

}  // namespace

OutboxDeliverer::OutboxDeliverer(storage::Store& store, Outbox& outbox, std::vector<Source> sources,
                                 OutboxPolicy policy, util::Clock clock)
    : m_store(store), m_outbox(outbox), m_sources(std::move(sources)), m_policy(policy), m_clock(std::move(clock)) {}

OutboxDeliverer::Report OutboxDeliverer::deliver_due() {
    Report report;
    const model::Timestamp now = m_clock();
    model::Id last = 0;
    std::set<std::string> failing;
    // Bounded: a pass takes at most this many rows, so a large backlog cannot hold a seat's delivery
    // thread for minutes; the next pass goes on where this one stopped.
    // On PostgreSQL the claim's row lock lives as long as the transaction around the delivery. On
    // SQLite (one seat's file) there is no transaction: an open read would have to be upgraded to a
    // write after the network call, and fails if the agent saved something meanwhile.
    const bool shared = m_store.database().dialect() == storage::Dialect::postgresql;
    for (int n = 0; n < 500; ++n) {
        std::optional<storage::Store::Transaction> tx;
        if (shared) tx.emplace(m_store);
        auto item = m_outbox.claim_next(now, last);
        if (!item) break;
        last = item->id;
        // A backend that just failed is not asked again in this pass: a hung one would otherwise cost
        // a full timeout per waiting row. Its rows stay due, untouched, for the next pass.
        if (failing.count(item->target)) continue;
        const int before = report.retrying;
        deliver_one(*item, report);
        if (report.retrying != before) failing.insert(item->target);  // down or slow, not one bad record
        if (tx) tx->commit();
    }
    if (!failing.empty())
        util::logger()->debug("outbox pass: {} delivered, {} to retry, {} given up; rows for failing targets left for "
                              "the next pass", report.delivered, report.retrying, report.failed);
    return report;
}

void OutboxDeliverer::deliver_one(const OutboxItem& item, Report& report) {
    auto source = std::find_if(m_sources.begin(), m_sources.end(), [&](const Source& s) { return s.name == item.target; });
    const model::Timestamp now = m_clock();
    const int attempt = item.attempts + 1;
    // The log names the row by id, target and kind: never its payload or the customer it is about.
    auto fail = [&](const std::string& error, bool retryable) {
        const bool give_up = !retryable || attempt >= m_policy.max_attempts;
        const long long wait = std::min(static_cast<long long>(m_policy.backoff_s) << std::min(item.attempts, 16), 3600LL);
        m_outbox.mark_failed_attempt(item.id, error, give_up, now + wait);
        ++(give_up ? report.failed : report.retrying);
        if (give_up)
            util::logger()->error("outbox #{} to {} ({}): given up after attempt {} ({}); waits for "
                                  "`kartoteka-cli outbox retry {}`: {}",
                                  item.id, item.target, item.kind, attempt, retryable ? "attempts used up" : "not retryable",
                                  item.id, util::redact(error));
        else
            util::logger()->warn("outbox #{} to {} ({}): attempt {} of {} failed, next in {} s: {}", item.id, item.target,
                                 item.kind, attempt, m_policy.max_attempts, wait, util::redact(error));
    };
    if (source == m_sources.end()) return fail("no enabled connector named '" + item.target + "'", false);
    Delivery d{item.kind, item.idempotency_key, item.payload, {}};
    if (auto c = m_store.customer(item.customer_id)) d.customer = lookup_for(*c);
    try {
        const auto remote = source->connector->deliver(d, std::chrono::steady_clock::now() + m_policy.timeout);
        m_outbox.mark_delivered(item.id, remote, m_clock());
        ++report.delivered;
        util::logger()->info("outbox #{} to {} ({}): delivered on attempt {}", item.id, item.target, item.kind, attempt);
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

WriteBackRoutes routes_for(const std::vector<Source>& sources) {
    WriteBackRoutes r{owner_for(sources, "interaction"), owner_for(sources, "offer_outcome"),
                      owner_for(sources, "complaint"), {}, owner_for(sources, "escalation")};
    for (const auto& s : sources)
        if (s.card_numbers == CardNumbers::clear) r.clear_card_numbers.insert(s.name);
    return r;
}

}  // namespace kartoteka::connector
