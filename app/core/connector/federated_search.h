#pragma once
/// Federated search (issue 15): the search box asks every connector that can look a customer up by
/// what was typed (phone, e-mail, its own id, a name), in parallel on a pool of its own, so a slow
/// backend queried per keystroke never takes the threads a card's fetch needs. Each source answers
/// within its timeout_ms or is marked timed out; the hits are merged by identity as on the card.
#include <functional>
#include <string>
#include <vector>

#include "card/card.h"
#include "connector/connector.h"
#include "connector/fetch_pool.h"
#include "connector/registry.h"
#include "phone/phone_normalizer.h"
#include "search/customer_search.h"

namespace kartoteka::connector {

/// One source's answer to a search, or why it gave none.
struct SearchAnswer {
    std::string source;
    card::SourceStatus status = card::SourceStatus::pending;
    long latency_ms = 0;
    std::string detail;
    std::vector<model::Customer> customers;  ///< phones E.164, e-mails lower-case
};

class FederatedSearch {
public:
    /// `phones` must outlive the search.
    FederatedSearch(std::vector<Source> sources, const phone::PhoneNormalizer& phones);
    ~FederatedSearch();

    /// The sources that can look a customer up by this lookup; a reference asks only its own system.
    std::vector<std::size_t> able(const Lookup& lookup) const;
    /// Asks the `asked` sources in parallel; on_answer runs on the calling thread as each answers or
    /// passes its deadline. Returns when every one has. Never throws for a source's failure.
    void ask(const std::vector<std::size_t>& asked, const Lookup& lookup,
             const std::function<void(SearchAnswer&&)>& on_answer);
    const std::vector<Source>& sources() const { return m_sources; }

private:
    std::vector<Source> m_sources;
    const phone::PhoneNormalizer& m_phones;
    FetchPool m_pool;
};

/// Adds one source's customers to the hits: a customer already listed (the same local id, or the
/// same person by phone, e-mail or reference, as on the card) names the source in also_in; anyone
/// else becomes a hit of that source with its reference there, while there is room under `limit`.
void merge_hits(std::vector<search::Hit>& hits, const std::string& source, std::vector<model::Customer> found,
                search::MatchedBy how, int limit);

}  // namespace kartoteka::connector
