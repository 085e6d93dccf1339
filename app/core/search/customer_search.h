#pragma once
/// Finding a customer from whatever the agent typed: a phone in any notation, an email, a name prefix,
/// a local id ("#42" or "42") or a backend reference ("billing:B-00042").
#include <string>
#include <vector>

#include "model/customer.h"
#include "phone/phone_normalizer.h"
#include "storage/store.h"

namespace kartoteka::search {

enum class MatchedBy { phone, email, id, reference, name };
const char* to_string(MatchedBy m) noexcept;

struct Hit {
    model::Customer customer;
    MatchedBy matched_by = MatchedBy::name;
};

class CustomerSearch {
public:
    CustomerSearch(storage::Store& store, const phone::PhoneNormalizer& phones) : m_store(store), m_phones(phones) {}

    /// At most `limit` hits, best reading of the query first. Empty query: no hits.
    std::vector<Hit> find(const std::string& query, int limit = 20);
    /// Customers with exactly this phone (any notation); empty when the text is no valid number.
    std::vector<model::Id> by_phone(const std::string& text);

private:
    void add(std::vector<Hit>& hits, model::Id id, MatchedBy how, int limit);

    storage::Store& m_store;
    const phone::PhoneNormalizer& m_phones;
};

}  // namespace kartoteka::search
