#pragma once
/// Finding a customer from whatever the agent typed: a phone in any notation, an email, a name prefix,
/// a local id ("#42" or "42") or a backend reference ("billing:B-00042").
#include <optional>
#include <string>
#include <vector>

#include "model/customer.h"
#include "phone/phone_normalizer.h"
#include "storage/store.h"

namespace kartoteka::search {

enum class MatchedBy { phone, email, id, reference, name };
const char* to_string(MatchedBy m) noexcept;

struct Hit {
    model::Customer customer;  ///< id 0: only a backend knows them (opening the hit opens it like a pop)
    MatchedBy matched_by = MatchedBy::name;
    std::string source = "local";       ///< "local" or the connector that found them
    std::vector<std::string> also_in;   ///< further sources that know the same person
    std::optional<model::ExternalRef> ref;  ///< a backend's hit: their id there
    /// A synced copy (directory sync): from which backend and when it was copied; empty otherwise.
    std::optional<storage::SyncedCopy> synced;
};

/// How the search box's text reads for the backends (the local store reads it the same way).
struct Reading {
    enum class Kind { none, phone, email, reference, name };
    Kind kind = Kind::none;
    std::string value;   ///< E.164, a lower-case e-mail, the backend's id, or the name as typed
    std::string system;  ///< for a reference: the backend it names
};
Reading read_query(const std::string& raw, const phone::PhoneNormalizer& phones);

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
