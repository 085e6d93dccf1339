// Store: planned service contacts.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;
using model::ServiceContact;

namespace {

constexpr const char* contact_columns =
    "SELECT id, customer_id, type, due, assignee_id, status, outcome, done_at, satisfaction, free_text, problems "
    "FROM service_contacts ";

template <typename... Keys>
std::vector<ServiceContact> select_contacts(soci::session& s, const std::string& where, const Keys&... keys) {
    std::vector<ServiceContact> out;
    ServiceContact c;
    std::string type, status;
    soci::statement st(s);
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.customer_id));
    st.exchange(soci::into(type));
    st.exchange(soci::into(c.due));
    st.exchange(soci::into(c.assignee_id));
    st.exchange(soci::into(status));
    st.exchange(soci::into(c.outcome));
    st.exchange(soci::into(c.done_at));
    st.exchange(soci::into(c.answers.satisfaction));
    st.exchange(soci::into(c.answers.free_text));
    st.exchange(soci::into(c.answers.problems));
    (st.exchange(soci::use(keys)), ...);
    st.alloc();
    st.prepare(contact_columns + where);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        c.type = enum_or(type, model::ContactType::how_are_you);
        c.status = enum_or(status, model::ContactStatus::planned);
        out.push_back(c);
    }
    return out;
}

}  // namespace

Id Store::insert_contact(ServiceContact& c) {
    return guarded("save service contact", [&] {
        std::string type = model::to_string(c.type), status = model::to_string(c.status);
        session() << "INSERT INTO service_contacts(customer_id, type, due, assignee_id, status, outcome, done_at, "
                     "satisfaction, free_text, problems) VALUES(:c, :t, :d, :a, :s, :o, :da, :sa, :f, :p) RETURNING id",
            soci::use(c.customer_id), soci::use(type), soci::use(c.due), soci::use(c.assignee_id), soci::use(status),
            soci::use(c.outcome), soci::use(c.done_at), soci::use(c.answers.satisfaction),
            soci::use(c.answers.free_text), soci::use(c.answers.problems), soci::into(c.id);
        return c.id;
    });
}

std::vector<ServiceContact> Store::contacts_for(Id customer_id) {
    return guarded("read service contacts", [&] {
        return select_contacts(session(), "WHERE customer_id = :c ORDER BY due, id", customer_id);
    });
}

std::vector<ServiceContact> Store::contacts_due(Id assignee_id, model::Date day) {
    return guarded("read due contacts", [&] {
        if (assignee_id == 0)
            return select_contacts(session(), "WHERE status = 'planned' AND due <= :d ORDER BY due, id", day);
        return select_contacts(session(),
                               "WHERE assignee_id = :a AND status = 'planned' AND due <= :d ORDER BY due, id",
                               assignee_id, day);
    });
}

std::optional<ServiceContact> Store::contact(Id id) {
    return guarded("read service contact", [&]() -> std::optional<ServiceContact> {
        auto v = select_contacts(session(), "WHERE id = :i", id);
        if (v.empty()) return std::nullopt;
        return v.front();
    });
}

void Store::close_contact(const ServiceContact& c) {
    guarded("save service contact", [&] {
        std::string status = model::to_string(c.status);
        // Only a contact still planned can be closed: two seats logging the same call is a conflict for
        // the second, never two outcomes (and two complaints) for one contact.
        soci::statement st =
            (session().prepare << "UPDATE service_contacts SET status=:s, outcome=:o, done_at=:d, satisfaction=:sa, "
                                  "free_text=:f, problems=:p, assignee_id=:a, due=:du WHERE id=:id AND status='planned'",
             soci::use(status), soci::use(c.outcome), soci::use(c.done_at), soci::use(c.answers.satisfaction),
             soci::use(c.answers.free_text), soci::use(c.answers.problems), soci::use(c.assignee_id),
             soci::use(c.due), soci::use(c.id));
        st.execute(true);
        if (st.get_affected_rows() == 0)
            throw Error(ErrorKind::conflict, "planned contact #" + std::to_string(c.id) +
                                                 " was logged by someone else meanwhile; reload the list");
    });
}

}  // namespace kartoteka::storage
