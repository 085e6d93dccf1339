// Desk: federated search (issue 15). The local store's hits at once, then every connector that can
// look a customer up by what was typed, each one's hits joining as it answers.
#include <algorithm>

#include "access/permissions.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/store.h"

namespace kartoteka::desk {
namespace {

using Kind = search::Reading::Kind;

/// What the backends are asked by, and what a hit of theirs is then "found by".
connector::Lookup lookup_of(const search::Reading& r, search::MatchedBy& how) {
    connector::Lookup l;
    switch (r.kind) {
    case Kind::none: break;
    case Kind::phone: l.phone = r.value, how = search::MatchedBy::phone; break;
    case Kind::email: l.email = r.value, how = search::MatchedBy::email; break;
    case Kind::reference: l.refs = {{r.system, r.value}}, how = search::MatchedBy::reference; break;
    case Kind::name: l.name = r.value, how = search::MatchedBy::name; break;
    }
    return l;
}

}  // namespace

connector::FederatedSearch& Desk::federated() {
    const auto& srcs = sources();
    std::lock_guard lock(m_mutex);
    if (!m_federated) m_federated = std::make_unique<connector::FederatedSearch>(srcs, m_phones);
    return *m_federated;
}

void Desk::link_local(const std::string& source, std::vector<model::Customer>& customers) {
    with_store([&](storage::Store& s) {
        for (auto& c : customers)
            for (const auto& r : c.refs)
                if (r.system == source)
                    if (auto id = s.customer_by_ref(r.system, r.external_id)) c.id = *id;
    });
}

SearchResult Desk::search_all(const std::string& query, int limit, const SearchUpdate& on_update) {
    access::require(agent(), access::Action::view_card);  // a disabled or unknown login finds no one
    SearchResult result;
    with_store([&](storage::Store& s) { result.hits = search::CustomerSearch(s, m_phones).find(query, limit, &result.tried);
    });
    search::MatchedBy how = search::MatchedBy::name;
    const auto reading = search::read_query(query, m_phones);
    const connector::Lookup lookup = lookup_of(reading, how);
    connector::FederatedSearch* fed = nullptr;
    std::vector<std::size_t> asked;
    if (reading.kind != Kind::none) {
        try {
            fed = &federated();
            asked = fed->able(lookup);
        } catch (const Error& e) {  // a connector badly configured: the local hits still come
            SearchSource broken;
            broken.name = "connectors";
            broken.status = card::SourceStatus::down;
            broken.detail = safe_message(e);
            result.sources.push_back(std::move(broken));
        }
    }
    for (auto i : asked) {
        SearchSource pending;
        pending.name = fed->sources()[i].name;
        result.sources.push_back(std::move(pending));
    }
    result.complete = asked.empty();
    if (on_update) on_update(result);
    if (asked.empty()) return result;
    std::size_t open = asked.size();
    fed->ask(asked, lookup, [&](connector::SearchAnswer&& a) {
        auto st = std::find_if(result.sources.begin(), result.sources.end(),
                               [&a](const SearchSource& s) { return s.name == a.source; });
        st->status = a.status;
        st->latency_ms = a.latency_ms;
        st->detail = a.detail;
        st->found = static_cast<int>(a.customers.size());
        if (!a.customers.empty()) {
            link_local(a.source, a.customers);
            connector::merge_hits(result.hits, a.source, std::move(a.customers), how, limit);
        }
        result.complete = --open == 0;
        if (on_update) on_update(result);
    });
    return result;
}

std::vector<search::Hit> Desk::search(const std::string& query, int limit) { return search_all(query, limit).hits; }

}  // namespace kartoteka::desk
