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

/// How a hit was found; also each way a query was looked up (to tell the agent what was searched).
/// last_digits: the end of a number ("369-11-54"); latin: a name's Latin spelling ("Smirnova").
enum class MatchedBy { phone, email, id, reference, name, last_digits, latin };
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

/// A new customer's form filled from a search that found nobody: the number (international, so one read
/// in another served region stays that country's), the whole address, or a name's words in the order
/// Russian and Bulgarian lists write them (last, first, middle). A number's last digits fill nothing.
model::Customer prefill_from_query(const std::string& query, const phone::PhoneNormalizer& phones);

class CustomerSearch {
public:
    CustomerSearch(storage::Store& store, const phone::PhoneNormalizer& phones) : m_store(store), m_phones(phones) {}

    /// At most `limit` hits, best reading of the query first. Empty query: no hits. `tried`, when given,
    /// receives every way the query was looked up, in order (for "no customer matches ... by name, e-mail").
    std::vector<Hit> find(const std::string& query, int limit = 20, std::vector<MatchedBy>* tried = nullptr);
    /// Customers with exactly this phone (any notation); empty when the text is no valid number.
    std::vector<model::Id> by_phone(const std::string& text);

private:
    void add(std::vector<Hit>& hits, model::Id id, MatchedBy how, int limit);
    void find_typed(const std::string& q, int limit, std::vector<Hit>& hits, std::vector<MatchedBy>& ways);
    void find_digits(const std::string& q, const std::string& digits, int limit, std::vector<Hit>& hits,
                     std::vector<MatchedBy>& ways);
    void find_names(const std::string& q, int limit, std::vector<Hit>& hits, std::vector<MatchedBy>& ways);

    storage::Store& m_store;
    const phone::PhoneNormalizer& m_phones;
};

}  // namespace kartoteka::search
