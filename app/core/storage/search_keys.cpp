// The search keys of migration 13 (issue 18, m5): reversed phone digits, e-mail local parts, Latin keys.
#include "storage/search_keys.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "card/card.h"
#include "phone/phone_normalizer.h"
#include "util/translit.h"

namespace kartoteka::storage {

std::string phone_digits_rev(const std::string& e164) {
    std::string out;
    for (auto it = e164.rbegin(); it != e164.rend(); ++it)
        if (*it >= '0' && *it <= '9') out += *it;
    return out;
}

std::string email_local_part(const std::string& email) {
    const auto at = email.find('@');
    return at == std::string::npos ? std::string() : email.substr(0, at);
}

std::string country_currency(const std::vector<std::string>& phones) {
    if (phones.empty()) return "";
    // Parsing a number for its region costs about 12 us: a million customers written in bulk would spend
    // 12 s on it. Most calling codes tell the currency alone (one region, or regions of one currency:
    // +44 is GB, GG, JE and IM, all pounds); only the others (+7: RU and KZ, +1) are parsed.
    thread_local std::unordered_map<std::string, std::optional<std::string>> by_code;
    const auto [code, regions] = phone::PhoneNormalizer::calling_code_of_e164(phones.front());
    auto it = by_code.find(code);
    if (it == by_code.end()) {
        std::optional<std::string> shared;
        for (const auto& region : regions) {
            const std::string currency = card::currency_of_region(region);
            if (shared && *shared != currency) {
                shared.reset();
                break;
            }
            shared = currency;
        }
        it = by_code.emplace(code, std::move(shared)).first;
    }
    if (it->second) return *it->second;
    return card::currency_of_region(phone::PhoneNormalizer::region_of_e164(phones.front()));
}

namespace {

/// Every stored name key's Latin key. Keys repeat across customers (a centre has many Ивановы), so each
/// distinct key is computed once, the pairs go into a scratch table in batches, and one UPDATE joins it.
void fill_latin_keys(soci::session& s, Dialect dialect) {
    std::vector<std::string> keys;
    {
        std::string k;
        soci::statement st = (s.prepare << "SELECT DISTINCT name_key FROM customer_name_keys WHERE latin_key = ''",
                              soci::into(k));
        st.execute();
        while (st.fetch()) keys.push_back(k);
    }
    if (keys.empty()) return;
    const char* collate = dialect == Dialect::postgresql ? " COLLATE \"C\"" : "";
    s << "CREATE TEMP TABLE latin_map (name_key TEXT" << collate << " PRIMARY KEY, latin_key TEXT" << collate
      << " NOT NULL)";
    constexpr std::size_t batch = 5000;
    for (std::size_t from = 0; from < keys.size(); from += batch) {
        std::vector<std::string> names(keys.begin() + static_cast<std::ptrdiff_t>(from),
                                       keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), from + batch)));
        std::vector<std::string> latin;
        latin.reserve(names.size());
        for (const auto& n : names) latin.push_back(util::latin_key(n));
        s << "INSERT INTO latin_map(name_key, latin_key) VALUES(:n, :l)", soci::use(names), soci::use(latin);
    }
    s << "UPDATE customer_name_keys SET latin_key = m.latin_key FROM latin_map m "
         "WHERE m.name_key = customer_name_keys.name_key";
    s << "DROP TABLE latin_map";
}

/// The customers without orders (the only ones the report reads it for; the others get it at their next
/// write), each from their primary phone. Few in a working store; batched all the same.
void fill_country_currency(soci::session& s) {
    std::vector<long long> ids;
    std::vector<std::string> currencies;
    {
        long long id = 0;
        std::string e164;
        soci::statement st = (s.prepare << "SELECT c.id, p.e164 FROM customers c JOIN customer_phones p ON "
                                           "p.customer_id = c.id AND p.position = 0 WHERE c.no_orders = 1",
                              soci::into(id), soci::into(e164));
        st.execute();
        while (st.fetch()) {
            std::string currency = country_currency({e164});
            if (currency.empty()) continue;
            ids.push_back(id);
            currencies.push_back(std::move(currency));
        }
    }
    constexpr std::size_t batch = 5000;
    for (std::size_t from = 0; from < ids.size(); from += batch) {
        const auto first = static_cast<std::ptrdiff_t>(from);
        const auto last = static_cast<std::ptrdiff_t>(std::min(ids.size(), from + batch));
        std::vector<long long> id_part(ids.begin() + first, ids.begin() + last);
        std::vector<std::string> currency_part(currencies.begin() + first, currencies.begin() + last);
        s << "UPDATE customers SET country_currency = :c WHERE id = :i", soci::use(currency_part), soci::use(id_part);
    }
}

}  // namespace

void run_migration_code(int version, soci::session& s, Dialect dialect) {
    if (version == 13) fill_latin_keys(s, dialect);
    if (version == 18) fill_country_currency(s);
}

}  // namespace kartoteka::storage
