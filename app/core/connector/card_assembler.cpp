#include "connector/card_assembler.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <thread>

#include "connector/identity_merge.h"
#include "util/log.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

using Clock = std::chrono::steady_clock;
using Outcome = CardAssembler::Outcome;

}  // namespace

card::SourceStatus status_of(Failure f) {
    switch (f) {
    case Failure::timed_out: return card::SourceStatus::timed_out;
    case Failure::bad_data: return card::SourceStatus::bad_data;
    case Failure::down:
    case Failure::rejected: return card::SourceStatus::down;
    }
    return card::SourceStatus::down;
}

namespace {

/// Runs one source's fetch and turns every way it can end into an Outcome.
Outcome run_fetch(Connector& connector, const Lookup& lookup, Deadline deadline) {
    const auto started = Clock::now();
    Outcome o;
    try {
        o.record = connector.fetch(lookup, deadline);
        o.status = card::SourceStatus::ok;
    } catch (const ConnectorError& e) {
        o.status = status_of(e.failure());
        o.detail = util::valid_utf8(e.what());  // it may quote a backend's bytes; the card is JSON
        o.failure = e.failure();
        o.retryable = e.retryable();
    } catch (const std::exception& e) {  // a connector bug must not take the card down
        o.status = card::SourceStatus::down;
        o.detail = util::valid_utf8(std::string("unexpected error: ") + e.what());
    }
    o.latency_ms = util::ms_since(started);
    o.done = true;
    return o;
}

/// One line per settled source for IT: which source, how it ended, how long it took. The detail is a
/// backend's or a driver's text, so it is redacted; the lookup (phone, e-mail) is never logged.
void log_outcome(const std::string& source, const Outcome& o) {
    const auto log = util::logger();
    if (o.status == card::SourceStatus::ok) {
        log->debug("source {}: answered in {} ms", source, o.latency_ms);
    } else if (o.failure) {
        log->warn("source {}: {} after {} ms ({}): {}", source, to_string(*o.failure), o.latency_ms,
                  o.retryable ? "retryable" : "not retryable", util::redact(o.detail));
    } else if (o.status == card::SourceStatus::timed_out) {  // the card stopped waiting for it
        log->warn("source {}: timed_out after {} ms: {}", source, o.latency_ms, o.detail);
    } else {
        log->error("source {}: failed after {} ms: {}", source, o.latency_ms, util::redact(o.detail));
    }
}

}  // namespace

/// Shared with the worker threads, which may outlive an assemble() that stopped waiting for them.
struct CardAssembler::Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Outcome> outcomes;
};

CardAssembler::CardAssembler(std::vector<Source> sources, int local_priority, const phone::PhoneNormalizer& phones,
                             util::Clock clock)
    : m_sources(std::move(sources)), m_local_priority(local_priority), m_phones(phones),
      m_clock(std::move(clock)),
      // Two per source lets a new card's fetch start while the last card's stalled one runs out its
      // deadline; the queue behind them is small and skips fetches whose deadline has passed.
      m_workers(std::make_unique<FetchPool>(std::clamp<std::size_t>(2 * m_sources.size(), 2, 16))) {}

CardAssembler::~CardAssembler() = default;

std::optional<CardAssembler::Cached> CardAssembler::cached(const std::string& key) {
    std::lock_guard lock(m_cache_mutex);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) return std::nullopt;
    return it->second;
}

void CardAssembler::remember(const std::string& key, const SourceRecord& record, model::Timestamp at) {
    std::lock_guard lock(m_cache_mutex);
    if (m_cache.size() >= 2000) m_cache.clear();  // a bounded memory of recent callers is enough
    m_cache[key] = {record, at};
}

namespace {
std::string ref_of(const model::Customer& c, const std::string& system) {
    for (const auto& r : c.refs)
        if (r.system == system) return r.external_id;
    return {};
}
}  // namespace

card::Card CardAssembler::build(const std::optional<card::Card>& local, const Lookup& lookup,
                                const std::vector<Outcome>& settled) {
    std::vector<Contribution> parts;
    std::vector<card::SourceState> states;
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const auto& s = m_sources[i];
        const Outcome& o = settled[i];
        card::SourceState st{s.name, o.status, 0, o.latency_ms, o.detail};
        if (o.status == card::SourceStatus::ok) {
            st.as_of = m_clock();
            // The source answered; records it could not read are left out and said so here.
            st.detail = skipped_summary(o.record->skipped);
            parts.push_back({s.name, s.priority, *o.record});
        } else if (o.status != card::SourceStatus::pending) {
            if (auto c = cached(s.name + "\n" + lookup.key())) {  // the last good answer, saying since when
                st.detail = std::string(card::to_string(o.status)) + ": " + o.detail;
                st.status = card::SourceStatus::stale;
                st.as_of = c->as_of;
                parts.push_back({s.name, s.priority, c->record});
            }
        }
        states.push_back(std::move(st));
    }
    std::vector<std::string> rejected;
    card::Card c = merge_card(local, m_local_priority, std::move(parts), lookup, m_phones, &rejected);
    if (!local) c.sources.push_back({"local", card::SourceStatus::ok, m_clock(), 0, "not in the local store"});
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const Outcome& o = settled[i];
        if (o.status != card::SourceStatus::ok || !o.record) continue;
        for (const auto& other : o.record->also_matched)
            c.matches.push_back({0, m_sources[i].name, ref_of(other, m_sources[i].name), other.display_name()});
    }
    for (auto& st : states) {
        if (std::find(rejected.begin(), rejected.end(), st.name) != rejected.end()) {
            st.status = card::SourceStatus::bad_data;
            st.detail = "its customer record matches none of this customer's phones, emails or references";
        }
        c.sources.push_back(std::move(st));
    }
    return c;
}

std::vector<std::size_t> CardAssembler::settle_next(Shared& shared, const std::vector<Deadline>& deadlines,
                                                    std::vector<Outcome>& settled, Clock::time_point started) {
    std::unique_lock lock(shared.mutex);
    const auto pending = [&](std::size_t i) { return settled[i].status == card::SourceStatus::pending; };
    Deadline next = Deadline::max();
    for (std::size_t i = 0; i < settled.size(); ++i)
        if (pending(i)) next = std::min(next, deadlines[i]);
    shared.changed.wait_until(lock, next, [&] {
        for (std::size_t i = 0; i < settled.size(); ++i)
            if (pending(i) && shared.outcomes[i].done) return true;
        return false;
    });
    std::vector<std::size_t> fresh;
    const auto now = Clock::now();
    for (std::size_t i = 0; i < settled.size(); ++i) {
        if (!pending(i)) continue;
        if (shared.outcomes[i].done) {
            settled[i] = shared.outcomes[i];
        } else if (now >= deadlines[i]) {
            settled[i].status = card::SourceStatus::timed_out;
            settled[i].latency_ms = util::ms_since(started);
            settled[i].detail = "no answer within " + std::to_string(m_sources[i].timeout.count()) + " ms";
        } else {
            continue;
        }
        fresh.push_back(i);
    }
    return fresh;
}

card::Card CardAssembler::assemble(std::optional<card::Card> local, const Lookup& lookup, const Update& on_update) {
    const auto started = Clock::now();
    const std::size_t n = m_sources.size();
    auto shared = std::make_shared<Shared>();
    shared->outcomes.resize(n);
    std::vector<Deadline> deadlines(n);
    for (std::size_t i = 0; i < n; ++i) {
        deadlines[i] = started + m_sources[i].timeout;
        // A fetch that overruns its deadline finishes into `shared`, which it keeps alive; one that
        // waited in the queue past its deadline is not started at all (the card has marked it).
        m_workers->post([shared, i, connector = m_sources[i].connector, lookup, deadline = deadlines[i]] {
            Outcome o;
            if (Clock::now() < deadline) o = run_fetch(*connector, lookup, deadline);
            o.done = true;
            std::lock_guard lock(shared->mutex);
            shared->outcomes[i] = std::move(o);
            shared->changed.notify_all();
        });
    }
    std::vector<Outcome> settled(n);
    card::Card current = build(local, lookup, settled);
    if (on_update) on_update(current);
    for (std::size_t open = n; open > 0;) {
        const auto fresh = settle_next(*shared, deadlines, settled, started);
        open -= fresh.size();
        for (auto i : fresh) {
            log_outcome(m_sources[i].name, settled[i]);
            if (settled[i].status == card::SourceStatus::ok)
                remember(m_sources[i].name + "\n" + lookup.key(), *settled[i].record, m_clock());
        }
        if (fresh.empty()) continue;
        current = build(local, lookup, settled);
        if (on_update) on_update(current);
    }
    return current;
}

Lookup lookup_for(const model::Customer& customer) {
    Lookup l;
    if (!customer.phones.empty()) l.phone = customer.phones.front();
    if (!customer.emails.empty()) l.email = customer.emails.front();
    l.refs = customer.refs;
    return l;
}

}  // namespace kartoteka::connector
