// Store: the retention report's aggregates (issue 19). The report for a year of a million customers
// must answer in under a second, so nothing here reads every customer or every history: customers are
// counted per currency and period from index ranges (customer_order_facts keeps each one's currency and
// creation, migrations 14 and 15), each loss carries its own figures (loss_facts, migration 15), and
// orders are counted by window only for what those cannot tell (orders in several currencies).
// Every number put into the SQL text is an integer formatted here; text values are bound.
#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <unordered_map>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Timestamp;

namespace {

constexpr std::size_t batch = 400;       // windows per statement

std::string n(long long v) { return std::to_string(v); }

/// `WITH w(k, c, f, t) AS (VALUES ...)` for windows [first, last): k is the index in `windows`.
std::string windows_cte(const std::vector<retention::OrderWindow>& windows, std::size_t first, std::size_t last) {
    std::string sql = "WITH w(k, c, f, t) AS (VALUES ";
    for (std::size_t i = first; i < last; ++i) {
        const auto& w = windows[i];
        if (i == first)  // the first row's types decide the column types (PostgreSQL)
            sql += "(CAST(" + n(static_cast<long long>(i)) + " AS BIGINT), CAST(" + n(w.customer_id) +
                   " AS BIGINT), CAST(" + n(w.from) + " AS BIGINT), CAST(" + n(w.to) + " AS BIGINT))";
        else
            sql += ", (" + n(static_cast<long long>(i)) + ", " + n(w.customer_id) + ", " + n(w.from) + ", " + n(w.to) + ")";
    }
    return sql + ") ";
}

/// "t1 t2 ..." (any order) as ascending times. from_chars, not strtoll: a year of a million customers
/// has about a million of these numbers, and strtoll's locale handling was a quarter of the report's
/// own CPU time.
std::vector<Timestamp> times_of(const std::string& text) {
    std::vector<Timestamp> out;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        while (p < end && *p == ' ') ++p;
        Timestamp t = 0;
        const auto [next, error] = std::from_chars(p, end, t);
        if (error != std::errc{}) break;
        out.push_back(t);
        p = next;
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Every loss that matters to [from, to) with its stored figures. Fetched a few thousand rows at a time:
/// a year of a million customers has a few hundred thousand.
void read_losses(soci::session& s, Timestamp from, Timestamp to, std::vector<retention::LossFact>& out) {
    constexpr std::size_t rows = 2000;
    std::vector<long long> id(rows), at(rows), back(rows), one(rows), orders(rows), amount(rows), first(rows),
        first_amount(rows), year_before(rows), year_after(rows), complaints(rows);
    std::vector<std::string> currency(rows), reason(rows), recent(rows);
    soci::statement st =
        (s.prepare << "SELECT customer_id, currency, at, reason, back, CASE WHEN one_currency THEN 1 ELSE 0 END, "
                      "orders_before, amount_before, first_before, recent, first_amount, year_before, year_after, "
                      "complaints FROM loss_facts WHERE at < " + n(to) + " AND (back = 0 OR back >= " + n(from) + ")",
         soci::into(id), soci::into(currency), soci::into(at), soci::into(reason), soci::into(back), soci::into(one),
         soci::into(orders), soci::into(amount), soci::into(first), soci::into(recent), soci::into(first_amount),
         soci::into(year_before), soci::into(year_after), soci::into(complaints));
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < id.size(); ++i) {
            retention::LossFact l;
            l.customer_id = id[i];
            l.currency = std::move(currency[i]);
            l.at = at[i];
            l.reason = std::move(reason[i]);
            l.back = back[i];
            l.one_currency = one[i] != 0;
            l.orders_before = orders[i];
            l.amount_before = amount[i];
            l.first_before = first[i];
            l.recent = times_of(recent[i]);
            l.first_amount = first_amount[i];
            l.year_before = year_before[i];
            l.year_after = year_after[i];
            l.complaints = complaints[i];
            out.push_back(std::move(l));
        }
        for (auto* v : {&id, &at, &back, &one, &orders, &amount, &first, &first_amount, &year_before, &year_after, &complaints})
            v->resize(rows);
        for (auto* v : {&currency, &reason, &recent}) v->resize(rows);
    }
}

void read_refusals(soci::session& s, Timestamp to, std::vector<retention::RefusalFact>& out) {
    retention::RefusalFact r;
    soci::statement st =
        // The currency looked up per refusal (a few thousand): a join let PostgreSQL hash all the facts.
        (s.prepare << "SELECT e.customer_id, COALESCE((SELECT f.currency FROM customer_order_facts f WHERE f.customer_id "
                      "= e.customer_id), ''), MIN(e.at) FROM lifecycle_events e WHERE e.kind = 'do_not_retain' AND e.at < " +
                          n(to) + " GROUP BY e.customer_id",
         soci::into(r.customer_id), soci::into(r.currency), soci::into(r.at));
    st.execute();
    while (st.fetch()) out.push_back(r);
}

/// The currency texts customer_order_facts holds ('' among them when `with_empty`), found by walking
/// its (currency, ...) index value to value rather than reading every row.
std::vector<std::string> fact_currencies(soci::session& s, bool with_empty) {
    std::vector<std::string> out;
    std::string c;
    soci::indicator ind = soci::i_ok;
    std::string sql = "SELECT MIN(currency) FROM customer_order_facts";
    if (!with_empty) sql += " WHERE currency > ''";
    s << sql, soci::into(c, ind);
    while (s.got_data() && ind == soci::i_ok) {
        out.push_back(c);
        const std::string after = c;
        s << "SELECT MIN(currency) FROM customer_order_facts WHERE currency > :c", soci::use(after), soci::into(c, ind);
    }
    return out;
}

/// Customers counted from an index range: `sql` with :a, :b and (when given) :c, a currency, bound.
long long range_count(soci::session& s, const std::string& sql, const std::string* currency, Timestamp a, Timestamp b) {
    long long count = 0;
    if (!currency) s << sql, soci::use(a, "a"), soci::use(b, "b"), soci::into(count);
    else s << sql, soci::use(*currency, "c"), soci::use(a, "a"), soci::use(b, "b"), soci::into(count);
    return count;
}

/// Customers by the highest bucket reached, leaving out those lost (a loss not followed by an order)
/// or refused: they are not sleeping, they are gone. The database marks them (customer_order_facts.gone,
/// migration 17), so every figure is one range of a partial index per currency and bucket.
void read_sleeping(soci::session& s, Timestamp now, const std::vector<int>& days, std::vector<retention::SleepingCount>& out) {
    if (days.empty()) return;
    constexpr Timestamp none = std::numeric_limits<Timestamp>::min();
    for (const auto& currency : fact_currencies(s, true))
        for (std::size_t i = 0; i < days.size(); ++i) {
            const Timestamp upper = now - days[i] * 86400LL;
            const Timestamp lower = i + 1 < days.size() ? now - days[i + 1] * 86400LL : none;
            const long long c = range_count(s, "SELECT COUNT(*) FROM customer_order_facts WHERE currency = :c AND "
                                               "gone = 0 AND last_order_at > :a AND last_order_at <= :b", &currency, lower, upper);
            if (c != 0) out.push_back({currency, days[i], c});
        }
}

/// The currency texts of the customers without orders whose country's currency is not the centre's
/// (schema 18's partial index, walked value to value).
std::vector<std::string> orderless_currencies(soci::session& s, const std::string& centre) {
    std::vector<std::string> out;
    std::string c;
    soci::indicator ind = soci::i_ok;
    std::string after;
    for (;;) {
        s << "SELECT MIN(country_currency) FROM customers WHERE no_orders = 1 AND country_currency > :c",
            soci::use(after), soci::into(c, ind);
        if (!s.got_data() || ind != soci::i_ok) break;
        if (c != centre) out.push_back(c);
        after = c;
    }
    return out;
}

/// Customer -> their country's currency, for the customers without orders abroad (few: leads from
/// the other countries a centre serves).
std::unordered_map<model::Id, std::string> orderless_abroad(soci::session& s, const std::string& centre) {
    std::unordered_map<model::Id, std::string> out;
    for (const auto& currency : orderless_currencies(s, centre)) {
        long long id = 0;
        soci::statement st = (s.prepare << "SELECT id FROM customers WHERE no_orders = 1 AND country_currency = :c",
                              soci::use(currency), soci::into(id));
        st.execute();
        while (st.fetch()) out.emplace(id, currency);
    }
    return out;
}

}  // namespace

std::vector<retention::CreatedCount> Store::customers_created(const std::vector<Timestamp>& starts, Timestamp to,
                                                              const std::string& centre_currency) {
    return guarded("count customers", [&] {
        std::vector<retention::CreatedCount> out;
        if (starts.empty()) return out;
        constexpr Timestamp ever = std::numeric_limits<Timestamp>::min();
        // All customers from customers(created_at); the other currencies' share from the facts, taken off
        // the centre's (''), then the customers without orders abroad, from theirs (schema 18).
        auto add = [&](const std::string& currency, const std::string& sql) {
            const std::string* c_bound = currency.empty() ? nullptr : &currency;
            const long long before = range_count(session(), sql, c_bound, ever, starts.front());
            out.push_back({currency, true, 0, before});
            if (!currency.empty()) out.push_back({"", true, 0, -before});
            for (std::size_t i = 0; i < starts.size(); ++i) {
                const long long c =
                    range_count(session(), sql, c_bound, starts[i], i + 1 < starts.size() ? starts[i + 1] : to);
                out.push_back({currency, false, starts[i], c});
                if (!currency.empty()) out.push_back({"", false, starts[i], -c});
            }
        };
        add("", "SELECT COUNT(*) FROM customers WHERE created_at >= :a AND created_at < :b");
        for (const auto& currency : fact_currencies(session(), false))
            add(currency, "SELECT COUNT(*) FROM customer_order_facts WHERE currency = :c AND created_at >= :a AND "
                          "created_at < :b");
        for (const auto& currency : orderless_currencies(session(), centre_currency))
            add(currency, "SELECT COUNT(*) FROM customers WHERE no_orders = 1 AND country_currency = :c AND "
                          "created_at >= :a AND created_at < :b");
        return out;
    });
}

retention::RetentionFacts Store::retention_facts(Timestamp from, Timestamp to, Timestamp now,
                                                 const std::vector<int>& bucket_days, const std::string& centre_currency) {
    return guarded("read losses", [&] {
        retention::RetentionFacts f;
        read_losses(session(), from, to, f.losses);
        read_refusals(session(), to, f.refusals);
        read_sleeping(session(), now, bucket_days, f.sleeping);
        // A customer without orders is counted in their country's currency, as customers_created does.
        const auto abroad = orderless_abroad(session(), centre_currency);
        if (!abroad.empty()) {
            for (auto& l : f.losses)
                if (l.currency.empty() && l.orders_before == 0 && l.back == 0)
                    if (auto it = abroad.find(l.customer_id); it != abroad.end()) l.currency = it->second;
            for (auto& r : f.refusals)
                if (r.currency.empty())
                    if (auto it = abroad.find(r.customer_id); it != abroad.end()) r.currency = it->second;
        }
        return f;
    });
}

void Store::count_order_windows(std::vector<retention::OrderWindow>& windows, const std::string& centre_currency) {
    guarded("read orders", [&] {
        for (std::size_t first = 0; first < windows.size(); first += batch) {
            const std::size_t last = std::min(windows.size(), first + batch);
            long long k = 0, orders = 0, amount = 0, first_at = 0;
            std::string centre_a = centre_currency, centre_b = centre_currency;
            soci::statement st =
                (session().prepare << windows_cte(windows, first, last) +
                                          "SELECT w.k, COUNT(o.id), CAST(COALESCE(SUM(o.amount), 0) AS BIGINT), "
                                          "COALESCE(MIN(o.placed_at), 0) FROM w LEFT JOIN customer_order_facts cf ON "
                                          "cf.customer_id = w.c LEFT JOIN orders o ON o.customer_id = w.c AND o.placed_at "
                                          ">= w.f AND o.placed_at <= w.t AND COALESCE(NULLIF(o.currency, ''), :a) = "
                                          "COALESCE(NULLIF(cf.currency, ''), :b) GROUP BY w.k",
                 soci::into(k), soci::into(orders), soci::into(amount), soci::into(first_at), soci::use(centre_a),
                 soci::use(centre_b));
            st.execute();
            while (st.fetch()) {
                auto& w = windows[static_cast<std::size_t>(k)];
                w.orders = orders;
                w.amount = amount;
                w.first_at = first_at;
            }
        }
    });
}

void Store::count_complaint_windows(std::vector<retention::OrderWindow>& windows) {
    guarded("read complaints", [&] {
        for (std::size_t first = 0; first < windows.size(); first += batch) {
            const std::size_t last = std::min(windows.size(), first + batch);
            long long k = 0, count = 0;
            soci::statement st =
                (session().prepare << windows_cte(windows, first, last) +
                                          "SELECT w.k, COUNT(t.id) FROM w LEFT JOIN tickets t ON t.customer_id = w.c AND "
                                          "t.created_at >= w.f AND t.created_at <= w.t GROUP BY w.k",
                 soci::into(k), soci::into(count));
            st.execute();
            while (st.fetch()) windows[static_cast<std::size_t>(k)].orders = count;
        }
    });
}

}  // namespace kartoteka::storage
