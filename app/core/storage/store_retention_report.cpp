// Store: the retention report's aggregates (issue 19). The report for a year of a million customers
// must answer in under a second, so nothing here reads every history: customers are counted per
// currency and quarter-hour of creation (customer_order_facts keeps each one's currency, migration 14),
// and orders are read only for the customers lost or won back in the range, by the windows asked.
// Every number put into the SQL text is an integer formatted here; text values are bound.
#include <soci/soci.h>

#include <algorithm>
#include <string>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Timestamp;

namespace {

constexpr Timestamp slot_seconds = 900;  // period boundaries fall on quarter-hours in every time zone in use
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

void read_losses(soci::session& s, Timestamp from, Timestamp to, std::vector<retention::LossFact>& out) {
    retention::LossFact l;
    // The first order after each loss; a loss followed by none (the customer's last order is not later)
    // needs no look into the orders.
    soci::statement st =
        (s.prepare << "SELECT x.customer_id, x.currency, x.at, x.reason, x.back FROM (SELECT e.customer_id, "
                      "COALESCE(f.currency, '') AS currency, e.at, e.reason, CASE WHEN f.last_order_at IS NULL OR "
                      "f.last_order_at <= e.at THEN 0 ELSE (SELECT MIN(o.placed_at) FROM orders o WHERE o.customer_id = "
                      "e.customer_id AND o.placed_at > e.at) END AS back FROM lifecycle_events e LEFT JOIN "
                      "customer_order_facts f ON f.customer_id = e.customer_id WHERE e.kind = 'lost' AND e.at < " +
                          n(to) + ") x WHERE x.back = 0 OR x.back >= " + n(from) + " ORDER BY x.customer_id, x.at",
         soci::into(l.customer_id), soci::into(l.currency), soci::into(l.at), soci::into(l.reason), soci::into(l.back));
    st.execute();
    while (st.fetch()) out.push_back(l);
}

void read_refusals(soci::session& s, Timestamp to, std::vector<retention::RefusalFact>& out) {
    retention::RefusalFact r;
    soci::statement st =
        (s.prepare << "SELECT e.customer_id, COALESCE(f.currency, ''), MIN(e.at) FROM lifecycle_events e LEFT JOIN "
                      "customer_order_facts f ON f.customer_id = e.customer_id WHERE e.kind = 'do_not_retain' AND e.at < " +
                          n(to) + " GROUP BY e.customer_id, f.currency",
         soci::into(r.customer_id), soci::into(r.currency), soci::into(r.at));
    st.execute();
    while (st.fetch()) out.push_back(r);
}

/// Customers by the highest bucket reached, leaving out those lost (a loss not followed by an order)
/// or refused: they are not sleeping, they are gone.
void read_sleeping(soci::session& s, Timestamp now, const std::vector<int>& days, std::vector<retention::SleepingCount>& out) {
    if (days.empty()) return;
    std::string bucket = "CASE";
    for (auto it = days.rbegin(); it != days.rend(); ++it)
        bucket += " WHEN f.last_order_at <= " + n(now - *it * 86400LL) + " THEN " + n(*it);
    bucket += " ELSE 0 END";
    retention::SleepingCount c;
    soci::statement st =
        (s.prepare << "SELECT COALESCE(f.currency, ''), " + bucket + ", COUNT(*) FROM customer_order_facts f WHERE "
                      "f.last_order_at <= " + n(now - days.front() * 86400LL) +
                          " AND NOT EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id = f.customer_id AND "
                          "(e.kind = 'do_not_retain' OR (e.kind = 'lost' AND e.at >= f.last_order_at)) AND e.at <= " +
                          n(now) + ") GROUP BY 1, 2",
         soci::into(c.currency), soci::into(c.bucket), soci::into(c.count));
    st.execute();
    while (st.fetch()) out.push_back(c);
}

}  // namespace

std::vector<retention::CreatedCount> Store::customers_created(Timestamp from, Timestamp to) {
    return guarded("count customers", [&] {
        std::vector<retention::CreatedCount> out;
        retention::CreatedCount c;
        int before = 0;
        const std::string slot = "(" + n(from) + " + ((c.created_at - " + n(from) + ") / " + n(slot_seconds) + ") * " +
                                 n(slot_seconds) + ")";
        soci::statement st =
            (session().prepare << "SELECT COALESCE(f.currency, ''), CASE WHEN c.created_at < " + n(from) +
                                      " THEN 1 ELSE 0 END, CASE WHEN c.created_at < " + n(from) + " THEN 0 ELSE " + slot +
                                      " END, COUNT(*) FROM customers c LEFT JOIN customer_order_facts f ON "
                                      "f.customer_id = c.id WHERE c.created_at < " + n(to) + " GROUP BY 1, 2, 3",
             soci::into(c.currency), soci::into(before), soci::into(c.slot), soci::into(c.count));
        st.execute();
        while (st.fetch()) {
            c.before = before != 0;
            out.push_back(c);
        }
        return out;
    });
}

retention::RetentionFacts Store::retention_facts(Timestamp from, Timestamp to, Timestamp now,
                                                 const std::vector<int>& bucket_days) {
    return guarded("read losses", [&] {
        retention::RetentionFacts f;
        read_losses(session(), from, to, f.losses);
        read_refusals(session(), to, f.refusals);
        read_sleeping(session(), now, bucket_days, f.sleeping);
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
