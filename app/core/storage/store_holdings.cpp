// Store: what customers hold and the ratings they gave (issue 20). Numbers are masked again on the
// way in, whoever wrote them: a whole account number must never reach a table.
#include <soci/soci.h>

#include "privacy/account_number_mask.h"
#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Feedback;
using model::Holding;
using model::Id;

Id Store::insert_holding(Holding& h) {
    return guarded("save holding", [&] {
        std::string kind = model::to_string(h.kind), status = model::to_string(h.status),
                    number = privacy::mask_account_number(h.number),
                    currency = h.balance ? h.balance->currency : std::string();
        long long minor = h.balance ? h.balance->minor : 0;
        soci::indicator minor_ind = h.balance ? soci::i_ok : soci::i_null;
        session() << "INSERT INTO holdings(customer_id, kind, product, number, balance_minor, currency, status, opened, "
                     "closed, as_of, source_system, external_id) VALUES(:c, :k, :p, :n, :b, :cu, :s, :o, :cl, :a, :ss, :e) "
                     "RETURNING id",
            soci::use(h.customer_id), soci::use(kind), soci::use(h.product), soci::use(number),
            soci::use(minor, minor_ind), soci::use(currency), soci::use(status), soci::use(h.opened),
            soci::use(h.closed), soci::use(h.as_of), soci::use(h.source_system), soci::use(h.external_id),
            soci::into(h.id);
        h.number = number;
        return h.id;
    });
}

std::vector<Holding> Store::holdings_for(Id customer_id) {
    return guarded("read holdings", [&] {
        std::vector<Holding> out;
        Holding h;
        std::string kind, status, currency;
        long long minor = 0;
        soci::indicator minor_ind = soci::i_ok;
        soci::statement st =
            (session().prepare << "SELECT id, customer_id, kind, product, number, balance_minor, currency, status, opened, "
                                  "closed, as_of, source_system, external_id FROM holdings WHERE customer_id = :c "
                                  "ORDER BY kind, product, id",
             soci::into(h.id), soci::into(h.customer_id), soci::into(kind), soci::into(h.product), soci::into(h.number),
             soci::into(minor, minor_ind), soci::into(currency), soci::into(status), soci::into(h.opened),
             soci::into(h.closed), soci::into(h.as_of), soci::into(h.source_system), soci::into(h.external_id),
             soci::use(customer_id));
        st.execute();
        while (st.fetch()) {
            h.kind = enum_or(kind, model::HoldingKind::account);
            h.status = enum_or(status, model::HoldingStatus::active);
            if (minor_ind == soci::i_ok) h.balance = model::Balance{minor, currency};
            else h.balance.reset();
            out.push_back(h);
        }
        return out;
    });
}

Id Store::insert_feedback(Feedback& f) {
    return guarded("save feedback", [&] {
        std::string channel = model::to_string(f.channel);
        session() << "INSERT INTO feedback(customer_id, channel, score, text, at, source_system, external_id) "
                     "VALUES(:c, :ch, :s, :t, :a, :ss, :e) RETURNING id",
            soci::use(f.customer_id), soci::use(channel), soci::use(f.score), soci::use(f.text), soci::use(f.at),
            soci::use(f.source_system), soci::use(f.external_id), soci::into(f.id);
        return f.id;
    });
}

std::vector<Feedback> Store::feedback_for(Id customer_id) {
    return guarded("read feedback", [&] {
        std::vector<Feedback> out;
        Feedback f;
        std::string channel;
        soci::statement st =
            (session().prepare << "SELECT id, customer_id, channel, score, text, at, source_system, external_id "
                                  "FROM feedback WHERE customer_id = :c ORDER BY at DESC, id DESC",
             soci::into(f.id), soci::into(f.customer_id), soci::into(channel), soci::into(f.score), soci::into(f.text),
             soci::into(f.at), soci::into(f.source_system), soci::into(f.external_id), soci::use(customer_id));
        st.execute();
        while (st.fetch()) {
            f.channel = enum_or(channel, model::FeedbackChannel::survey);
            out.push_back(f);
        }
        return out;
    });
}

}  // namespace kartoteka::storage
