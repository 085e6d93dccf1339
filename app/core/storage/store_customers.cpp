// Store: customers, their phones, emails, backend references and name keys.
#include <soci/soci.h>

#include <algorithm>

#include "error.h"
#include "storage/store.h"
#include "storage/search_keys.h"
#include "storage/store_util.h"
#include "util/translit.h"
#include "util/text.h"

namespace kartoteka::storage {

using model::Customer;
using model::Id;

std::vector<std::string> name_keys(const Customer& c) {
    std::vector<std::string> keys;
    auto add = [&keys](const std::string& k) {
        std::string f = util::fold_case(util::trim(k));
        if (!f.empty() && std::find(keys.begin(), keys.end(), f) == keys.end()) keys.push_back(std::move(f));
    };
    add(c.last_name + " " + c.first_name + " " + c.middle_name);
    add(c.first_name + " " + c.last_name);
    add(c.first_name);
    add(c.middle_name);
    add(c.company);
    return keys;
}

Id Store::insert_customer(Customer& c, model::Timestamp now) {
    return guarded("insert customer", [&] {
        Transaction tx(*this);
        if (c.created_at == 0) c.created_at = now;
        // no_orders = 1 until the first order writes the customer's facts (schema 18).
        const std::string country = country_currency(c.phones);
        session() << "INSERT INTO customers(first_name, middle_name, last_name, company, language, "
                     "manager_id, created_at, updated_at, country_currency, no_orders) VALUES(:f, :m, :l, :c, :lang, "
                     ":mgr, :cr, :up, :cc, 1) RETURNING id",
            soci::use(c.first_name), soci::use(c.middle_name), soci::use(c.last_name), soci::use(c.company),
            soci::use(c.language), soci::use(c.manager_id), soci::use(c.created_at), soci::use(now),
            soci::use(country), soci::into(c.id);
        write_customer_keys(c);
        tx.commit();
        return c.id;
    });
}

void Store::update_customer(const Customer& c, model::Timestamp now) {
    guarded("update customer", [&] {
        Transaction tx(*this);
        const std::string country = country_currency(c.phones);
        session() << "UPDATE customers SET first_name=:f, middle_name=:m, last_name=:l, company=:c, "
                     "language=:lang, manager_id=:mgr, updated_at=:up, country_currency=:cc, version=version+1 "
                     "WHERE id=:id",
            soci::use(c.first_name), soci::use(c.middle_name), soci::use(c.last_name), soci::use(c.company),
            soci::use(c.language), soci::use(c.manager_id), soci::use(now), soci::use(country), soci::use(c.id);
        delete_customer_keys(c.id);
        write_customer_keys(c);
        tx.commit();
    });
}

void Store::set_pinned_note(Id customer_id, const std::string& note, model::Timestamp now) {
    guarded("save pinned note", [&] {
        soci::statement st = (session().prepare << "UPDATE customers SET pinned_note=:n, updated_at=:up, version=version+1 "
                                                   "WHERE id=:id",
                              soci::use(note), soci::use(now), soci::use(customer_id));
        st.execute(true);
        expect_one_row(st, "customer", customer_id);
    });
}

void Store::delete_customer_keys(Id id) {
    for (const char* table : {"customer_phones", "customer_emails", "customer_refs", "customer_name_keys"})
        session() << "DELETE FROM " << table << " WHERE customer_id = :id", soci::use(id);
}

void Store::write_customer_keys(const Customer& c) {
    soci::session& s = session();
    for (std::size_t i = 0; i < c.phones.size(); ++i) {
        int pos = static_cast<int>(i);
        const std::string rev = phone_digits_rev(c.phones[i]);
        s << "INSERT INTO customer_phones(customer_id, e164, position, digits_rev) VALUES(:c, :p, :i, :r)",
            soci::use(c.id), soci::use(c.phones[i]), soci::use(pos), soci::use(rev);
    }
    for (std::size_t i = 0; i < c.emails.size(); ++i) {
        int pos = static_cast<int>(i);
        std::string email = util::fold_case(c.emails[i]);
        const std::string local = email_local_part(email);
        s << "INSERT INTO customer_emails(customer_id, email, position, local_part) VALUES(:c, :e, :i, :l)",
            soci::use(c.id), soci::use(email), soci::use(pos), soci::use(local);
    }
    for (const auto& ref : c.refs)
        s << "INSERT INTO customer_refs(customer_id, system, external_id) VALUES(:c, :s, :e)",
            soci::use(c.id), soci::use(ref.system), soci::use(ref.external_id);
    for (const std::string& key : name_keys(c)) {
        const std::string latin = util::latin_key(key);
        s << "INSERT INTO customer_name_keys(customer_id, name_key, latin_key) VALUES(:c, :k, :l)", soci::use(c.id),
            soci::use(key), soci::use(latin);
    }
}

// The reads on the search and screen-pop paths, prepared once per connection: a name search reads up to
// twenty customers with their phones, emails and references, and compiling those four statements anew
// for each one cost more than running them (issue 8: 2 ms median, 10 ms p99 at 1M customers).
struct Store::Prepared {
    explicit Prepared(soci::session& s)
        : by_phone((s.prepare << "SELECT DISTINCT customer_id FROM customer_phones WHERE e164 = :v ORDER BY customer_id",
                    soci::into(phone_id), soci::use(phone_key))),
          customer_row((s.prepare << "SELECT id, first_name, middle_name, last_name, company, language, manager_id, "
                                     "created_at, pinned_note FROM customers WHERE id = :id",
                        soci::into(row.id), soci::into(row.first_name), soci::into(row.middle_name),
                        soci::into(row.last_name), soci::into(row.company), soci::into(row.language),
                        soci::into(row.manager_id), soci::into(row.created_at), soci::into(row.pinned_note),
                        soci::use(key))),
          phones((s.prepare << "SELECT e164 FROM customer_phones WHERE customer_id = :id ORDER BY position",
                  soci::into(text), soci::use(key))),
          emails((s.prepare << "SELECT email FROM customer_emails WHERE customer_id = :id ORDER BY position",
                  soci::into(text), soci::use(key))),
          refs((s.prepare << "SELECT system, external_id FROM customer_refs WHERE customer_id = :id ORDER BY system",
                soci::into(text), soci::into(text2), soci::use(key))),
          // A half-open range on the folded key uses the index in both dialects (PostgreSQL's column is
          // COLLATE "C"), unlike LIKE, which SQLite only indexes under case_sensitive_like.
          by_name((s.prepare << "SELECT customer_id FROM customer_name_keys WHERE name_key >= :lo AND name_key < :hi "
                                "ORDER BY name_key, customer_id LIMIT :n",
                   soci::into(name_id), soci::use(name_lo), soci::use(name_hi), soci::use(name_limit))),
          // The search box's other readings (migration 13), the same half-open range on their own keys.
          by_latin((s.prepare << "SELECT customer_id FROM customer_name_keys WHERE latin_key >= :lo AND latin_key < :hi "
                                 "ORDER BY latin_key, customer_id LIMIT :n",
                    soci::into(name_id), soci::use(name_lo), soci::use(name_hi), soci::use(name_limit))),
          by_ending((s.prepare << "SELECT customer_id FROM customer_phones WHERE digits_rev >= :lo AND digits_rev < :hi "
                                  "ORDER BY digits_rev, customer_id LIMIT :n",
                     soci::into(name_id), soci::use(name_lo), soci::use(name_hi), soci::use(name_limit))),
          by_local((s.prepare << "SELECT customer_id FROM customer_emails WHERE local_part >= :lo AND local_part < :hi "
                                 "ORDER BY local_part, customer_id LIMIT :n",
                    soci::into(name_id), soci::use(name_lo), soci::use(name_hi), soci::use(name_limit))) {}

    std::string phone_key;
    Id phone_id = 0;
    soci::statement by_phone;

    Id key = 0;  ///< the customer read by the next four
    Customer row;
    std::string text, text2;
    soci::statement customer_row, phones, emails, refs;

    std::string name_lo, name_hi;
    int name_limit = 0;
    Id name_id = 0;
    soci::statement by_name, by_latin, by_ending, by_local;
};

Store::Store(Database& db) : m_db(db) {}
Store::~Store() = default;

Store::Prepared& Store::prepared() {
    if (!m_prepared) m_prepared = std::make_unique<Prepared>(session());
    return *m_prepared;
}

namespace {

std::vector<std::string> fetch_all(soci::statement& st, const std::string& value) {
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(value);
    return out;
}

}  // namespace

std::optional<Customer> Store::customer(Id id) {
    return guarded("read customer", [&]() -> std::optional<Customer> {
        Prepared& p = prepared();
        p.key = id;
        // Every prepared read is stepped to its end: a statement left mid-result would keep SQLite's
        // read snapshot open on this connection (later reads would not see other seats' writes).
        p.customer_row.execute();
        if (!p.customer_row.fetch()) return std::nullopt;
        Customer c;
        c.id = p.row.id;
        c.first_name = p.row.first_name;
        c.middle_name = p.row.middle_name;
        c.last_name = p.row.last_name;
        c.company = p.row.company;
        c.language = p.row.language;
        c.manager_id = p.row.manager_id;
        c.created_at = p.row.created_at;
        c.pinned_note = p.row.pinned_note;
        while (p.customer_row.fetch()) {
        }
        c.phones = fetch_all(p.phones, p.text);
        c.emails = fetch_all(p.emails, p.text);
        p.refs.execute();
        while (p.refs.fetch()) c.refs.push_back({p.text, p.text2});
        return c;
    });
}

std::vector<Id> Store::customers_by_phone(const std::string& e164) {
    return guarded("find by phone", [&] {
        Prepared& p = prepared();
        p.phone_key = e164;
        std::vector<Id> out;
        p.by_phone.execute();
        while (p.by_phone.fetch()) out.push_back(p.phone_id);
        return out;
    });
}

std::vector<Id> Store::customers_by_email(const std::string& email_lower) {
    return guarded("find by email", [&] {
        return fetch_ids(session(), "SELECT DISTINCT customer_id FROM customer_emails WHERE email = :v ORDER BY customer_id",
                         email_lower);
    });
}

std::optional<Id> Store::customer_by_ref(const std::string& system, const std::string& external_id) {
    return guarded("find by reference", [&]() -> std::optional<Id> {
        Id id = 0;
        session() << "SELECT customer_id FROM customer_refs WHERE system = :s AND external_id = :e",
            soci::into(id), soci::use(system), soci::use(external_id);
        if (!session().got_data()) return std::nullopt;
        return id;
    });
}

namespace {

/// Customers of one of Prepared's key-range statements [lo, hi): at most `rows` keys read and `limit`
/// customers kept.
template <typename P>
std::vector<Id> key_range(P& p, soci::statement& st, const std::string& lo, const std::string& hi, int rows, int limit) {
    p.name_lo = lo;
    p.name_hi = hi;
    p.name_limit = rows;
    std::vector<Id> out;
    st.execute();  // stepped to its end, deduplicated: one customer has several keys (see Store::customer)
    while (st.fetch())
        if (static_cast<int>(out.size()) < limit && std::find(out.begin(), out.end(), p.name_id) == out.end())
            out.push_back(p.name_id);
    return out;
}

const std::string kAfterEveryPrefix = "\xF4\x8F\xBF\xBF";  ///< U+10FFFF: above any text that starts with the prefix
}  // namespace

std::vector<Id> Store::customers_by_name_prefix(const std::string& prefix, int limit) {
    // limit * 4 keys: one customer has several; deduplicated in key_range.
    return guarded("search by name", [&] {
        return key_range(prepared(), prepared().by_name, prefix, prefix + kAfterEveryPrefix, limit * 4, limit);
    });
}

std::vector<Id> Store::customers_by_latin_prefix(const std::string& key, int limit) {
    return guarded("search by Latin name", [&] {
        return key_range(prepared(), prepared().by_latin, key, key + kAfterEveryPrefix, limit * 4, limit);
    });
}

std::vector<Id> Store::customers_by_phone_ending(const std::string& digits, int limit) {
    // ':' follows '9': every longer number with this ending sorts below it. A customer's two numbers may
    // share an ending, hence limit * 2.
    const std::string rev = phone_digits_rev(digits);
    return guarded("search by last digits", [&] {
        return key_range(prepared(), prepared().by_ending, rev, rev + ":", limit * 2, limit);
    });
}

std::vector<Id> Store::customers_by_email_local(const std::string& local, int limit) {
    return guarded("search by e-mail name", [&] {
        return key_range(prepared(), prepared().by_local, local, local + kAfterEveryPrefix, limit * 2, limit);
    });
}

long long Store::customer_count() {
    return guarded("count customers", [&] {
        long long n = 0;
        session() << "SELECT COUNT(*) FROM customers", soci::into(n);
        return n;
    });
}

}  // namespace kartoteka::storage
