// The search keys of migration 13 (issue 18, m5): reversed phone digits, e-mail local parts, Latin keys.
#include "storage/search_keys.h"

#include <algorithm>
#include <vector>

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

}  // namespace

void run_migration_code(int version, soci::session& s, Dialect dialect) {
    if (version == 13) fill_latin_keys(s, dialect);
}

}  // namespace kartoteka::storage
