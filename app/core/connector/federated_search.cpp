#include "connector/federated_search.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

#include "connector/card_assembler.h"
#include "connector/identity_merge.h"
#include "util/log.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

using Clock = std::chrono::steady_clock;

/// One source's find_customers, every way it can end turned into an answer.
SearchAnswer run_find(Connector& connector, const Lookup& lookup, Deadline deadline, const phone::PhoneNormalizer& phones) {
    const auto started = Clock::now();
    SearchAnswer a;
    try {
        a.customers = connector.find_customers(lookup, deadline);
        for (auto& c : a.customers) normalize_customer(c, phones);
        a.status = card::SourceStatus::ok;
    } catch (const ConnectorError& e) {
        a.status = status_of(e.failure());
        a.detail = util::valid_utf8(e.what());
    } catch (const std::exception& e) {  // a connector bug must not take the search down
        a.status = card::SourceStatus::down;
        a.detail = util::valid_utf8(std::string("unexpected error: ") + e.what());
    }
    a.latency_ms = util::ms_since(started);
    return a;
}

bool can(const Connector& c, Capability cap) { return c.capabilities().count(cap) > 0; }

}  // namespace

FederatedSearch::FederatedSearch(std::vector<Source> sources, const phone::PhoneNormalizer& phones)
    : m_sources(std::move(sources)), m_phones(phones),
      m_pool(std::clamp<std::size_t>(2 * m_sources.size(), 2, 16)) {}

FederatedSearch::~FederatedSearch() = default;

std::vector<std::size_t> FederatedSearch::able(const Lookup& lookup) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const Connector& c = *m_sources[i].connector;
        const bool yes = (!lookup.phone.empty() && can(c, Capability::lookup_by_phone)) ||
                         (!lookup.email.empty() && can(c, Capability::lookup_by_email)) ||
                         (!lookup.name.empty() && can(c, Capability::lookup_by_name)) ||
                         (!lookup.ref_for(m_sources[i].name).empty() && can(c, Capability::lookup_by_id));
        if (yes) out.push_back(i);
    }
    return out;
}

void FederatedSearch::ask(const std::vector<std::size_t>& asked, const Lookup& lookup,
                          const std::function<void(SearchAnswer&&)>& on_answer) {
    // Shared with the pool's threads, which may finish after this call stopped waiting for them.
    struct Shared {
        std::mutex mutex;
        std::condition_variable changed;
        std::vector<std::optional<SearchAnswer>> answers;
    };
    auto shared = std::make_shared<Shared>();
    shared->answers.resize(asked.size());
    const auto started = Clock::now();
    std::vector<Deadline> deadlines;
    for (std::size_t k = 0; k < asked.size(); ++k) {
        const Source& s = m_sources[asked[k]];
        deadlines.push_back(started + s.timeout);
        m_pool.post([shared, k, connector = s.connector, lookup, deadline = deadlines.back(), &phones = m_phones] {
            SearchAnswer a;  // one that waited in the queue past its deadline is not asked at all
            if (Clock::now() < deadline) a = run_find(*connector, lookup, deadline, phones);
            std::lock_guard lock(shared->mutex);
            shared->answers[k] = std::move(a);
            shared->changed.notify_all();
        });
    }
    std::vector<bool> reported(asked.size(), false);
    for (std::size_t open = asked.size(); open > 0;) {
        std::vector<SearchAnswer> fresh;
        {
            std::unique_lock lock(shared->mutex);
            Deadline next = Deadline::max();
            for (std::size_t k = 0; k < asked.size(); ++k)
                if (!reported[k]) next = std::min(next, deadlines[k]);
            shared->changed.wait_until(lock, next, [&] {
                for (std::size_t k = 0; k < asked.size(); ++k)
                    if (!reported[k] && shared->answers[k]) return true;
                return false;
            });
            const auto now = Clock::now();
            for (std::size_t k = 0; k < asked.size(); ++k) {
                if (reported[k]) continue;
                const Source& s = m_sources[asked[k]];
                if (shared->answers[k] && shared->answers[k]->status != card::SourceStatus::pending) {
                    fresh.push_back(std::move(*shared->answers[k]));
                } else if (shared->answers[k] || now >= deadlines[k]) {
                    SearchAnswer late;
                    late.status = card::SourceStatus::timed_out;
                    late.latency_ms = util::ms_since(started);
                    late.detail = "no answer within " + std::to_string(s.timeout.count()) + " ms";
                    fresh.push_back(std::move(late));
                } else {
                    continue;
                }
                fresh.back().source = s.name;
                reported[k] = true;
                --open;
            }
        }
        for (auto& a : fresh) {
            if (a.status != card::SourceStatus::ok)
                util::logger()->warn("search: source {} {} after {} ms: {}", a.source, card::to_string(a.status),
                                     a.latency_ms, util::redact(a.detail));
            on_answer(std::move(a));
        }
    }
}

void merge_hits(std::vector<search::Hit>& hits, const std::string& source, std::vector<model::Customer> found,
                search::MatchedBy how, int limit) {
    for (auto& c : found) {
        auto same = std::find_if(hits.begin(), hits.end(), [&c](const search::Hit& h) {
            return (c.id != 0 && h.customer.id == c.id) || same_person(h.customer, c);
        });
        if (same != hits.end()) {
            if (same->source != source &&
                std::find(same->also_in.begin(), same->also_in.end(), source) == same->also_in.end())
                same->also_in.push_back(source);
            continue;
        }
        if (static_cast<int>(hits.size()) >= limit) continue;
        search::Hit h;
        h.matched_by = how;
        h.source = source;
        for (const auto& r : c.refs)
            if (r.system == source) h.ref = r;
        h.customer = std::move(c);
        hits.push_back(std::move(h));
    }
}

}  // namespace kartoteka::connector
