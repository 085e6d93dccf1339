// Store: what the retention rules read in bulk (every customer's orders and losses for the churn
// report and the win-back run) and the value traits the orders cannot tell.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;

namespace {

std::vector<model::ValueTraits> select_traits(soci::session& s, const std::string& where, Id key) {
    std::vector<model::ValueTraits> out;
    model::ValueTraits t;
    int margin = 0, reference = 0, late = 0, demands = 0, rude = 0, hopper = 0;
    soci::indicator margin_ind = soci::i_ok;
    soci::statement st =
        (s.prepare << "SELECT customer_id, margin_percent, is_reference, pays_late, demands_too_much, rude, "
                      "supplier_hopper, updated_at FROM customer_traits " + where,
         soci::into(t.customer_id), soci::into(margin, margin_ind), soci::into(reference), soci::into(late),
         soci::into(demands), soci::into(rude), soci::into(hopper), soci::into(t.updated_at), soci::use(key));
    st.execute();
    while (st.fetch()) {
        t.margin_percent = margin_ind == soci::i_ok ? std::optional<int>(margin) : std::nullopt;
        t.reference = reference != 0;
        t.pays_late = late != 0;
        t.demands_too_much = demands != 0;
        t.rude = rude != 0;
        t.supplier_hopper = hopper != 0;
        out.push_back(t);
    }
    return out;
}

}  // namespace

model::ValueTraits Store::traits_for(Id customer_id) {
    return guarded("read value traits", [&] {
        auto v = select_traits(session(), "WHERE customer_id = :c", customer_id);
        if (!v.empty()) return v.front();
        model::ValueTraits t;
        t.customer_id = customer_id;
        return t;
    });
}

std::vector<model::ValueTraits> Store::all_traits() {
    return guarded("read value traits", [&] {
        return select_traits(session(), "WHERE customer_id > :c ORDER BY customer_id", Id{0});
    });
}

void Store::save_traits(const model::ValueTraits& t) {
    guarded("save value traits", [&] {
        int margin = t.margin_percent.value_or(0), reference = t.reference, late = t.pays_late,
            demands = t.demands_too_much, rude = t.rude, hopper = t.supplier_hopper;
        soci::indicator margin_ind = t.margin_percent ? soci::i_ok : soci::i_null;
        soci::transaction tx(session());
        session() << "DELETE FROM customer_traits WHERE customer_id = :c", soci::use(t.customer_id);
        session() << "INSERT INTO customer_traits(customer_id, margin_percent, is_reference, pays_late, "
                     "demands_too_much, rude, supplier_hopper, updated_at) VALUES(:c, :m, :r, :l, :d, :u, :h, :t)",
            soci::use(t.customer_id), soci::use(margin, margin_ind), soci::use(reference), soci::use(late),
            soci::use(demands), soci::use(rude), soci::use(hopper), soci::use(t.updated_at);
        tx.commit();
    });
}

std::vector<model::Customer> Store::all_customers_brief() {
    return guarded("read customers", [&] {
        std::vector<model::Customer> out;
        model::Customer c;
        soci::statement st = (session().prepare << "SELECT id, first_name, middle_name, last_name, company, language, "
                                                   "manager_id, created_at FROM customers ORDER BY id",
                              soci::into(c.id), soci::into(c.first_name), soci::into(c.middle_name),
                              soci::into(c.last_name), soci::into(c.company), soci::into(c.language),
                              soci::into(c.manager_id), soci::into(c.created_at));
        st.execute();
        while (st.fetch()) out.push_back(c);
        return out;
    });
}

std::vector<model::Order> Store::all_orders() {
    return guarded("read orders", [&] {
        std::vector<model::Order> out;
        model::Order o;
        soci::statement st = (session().prepare << "SELECT id, customer_id, placed_at, amount, product, source_system, "
                                                   "external_id, currency FROM orders ORDER BY customer_id, placed_at, id",
                              soci::into(o.id), soci::into(o.customer_id), soci::into(o.placed_at),
                              soci::into(o.amount), soci::into(o.product), soci::into(o.source_system),
                              soci::into(o.external_id), soci::into(o.currency));
        st.execute();
        while (st.fetch()) out.push_back(o);
        return out;
    });
}

std::vector<model::LifecycleEvent> Store::all_lifecycle_events() {
    return guarded("read lifecycle events",
                   [&] { return select_lifecycle_events(session(), "ORDER BY customer_id, at, id"); });
}

std::vector<model::Interaction> Store::interactions_since(Id customer_id, model::Timestamp since) {
    return guarded("read interactions", [&] {
        return select_interactions(session(), "WHERE customer_id = :c AND occurred_at >= :s "
                                              "ORDER BY occurred_at DESC, id DESC", customer_id, since);
    });
}

std::vector<Id> Store::open_offer_ids(Id assignee_id) {
    return guarded("read offers", [&] {
        const char* open = "status IN ('planned', 'in_progress', 'postponed')";
        if (assignee_id == 0)
            return fetch_ids(session(), (std::string("SELECT id FROM offers WHERE id > :a AND ") + open +
                                         " ORDER BY assignee_id, priority DESC, id").c_str(), assignee_id);
        return fetch_ids(session(), (std::string("SELECT id FROM offers WHERE assignee_id = :a AND ") + open +
                                     " ORDER BY priority DESC, id").c_str(), assignee_id);
    });
}

}  // namespace kartoteka::storage
