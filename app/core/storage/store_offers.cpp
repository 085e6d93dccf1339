// Store: the offer queue and contact preferences, both edited concurrently from several seats and so
// saved with a version check.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Id;
using model::Offer;

namespace {

// Column list and binding shared by the offer reads, so they cannot drift apart.
constexpr const char* offer_columns =
    "SELECT id, customer_id, product, priority, channel, valid_from, valid_until, status, kind, discount_percent, "
    "assignee_id, outcome, next_step_kind, next_step_at, next_step_address, next_step_note, updated_at, "
    "source_system, external_id, version, script FROM offers ";

std::vector<Offer> select_offers(soci::session& s, const std::string& where, Id key) {
    std::vector<Offer> out;
    Offer o;
    std::string channel, status, kind, step;
    soci::statement st = (s.prepare << offer_columns + where, soci::into(o.id), soci::into(o.customer_id),
                          soci::into(o.product), soci::into(o.priority), soci::into(channel),
                          soci::into(o.valid_from), soci::into(o.valid_until), soci::into(status), soci::into(kind),
                          soci::into(o.discount_percent), soci::into(o.assignee_id), soci::into(o.outcome),
                          soci::into(step), soci::into(o.next_step.at), soci::into(o.next_step.address),
                          soci::into(o.next_step.note), soci::into(o.updated_at), soci::into(o.source_system),
                          soci::into(o.external_id), soci::into(o.version), soci::into(o.script), soci::use(key));
    st.execute();
    while (st.fetch()) {
        o.channel = enum_or(channel, model::Channel::phone);
        o.status = enum_or(status, model::OfferStatus::planned);
        o.kind = enum_or(kind, model::OfferKind::regular);
        o.next_step.kind = enum_or(step, model::NextStepKind::none);
        out.push_back(o);
    }
    return out;
}

std::string channels_text(const std::set<model::Channel>& channels) {
    std::vector<std::string> names;
    for (auto c : channels) names.emplace_back(model::to_string(c));
    return join_names(names);
}

std::set<model::Channel> channels_from(const std::string& text) {
    std::set<model::Channel> out;
    for (const auto& n : split_names(text))
        if (auto c = model::parse<model::Channel>(n)) out.insert(*c);
    return out;
}

}  // namespace

Id Store::insert_offer(Offer& o) {
    return guarded("save offer", [&] {
        std::string channel = model::to_string(o.channel), status = model::to_string(o.status),
                    kind = model::to_string(o.kind), step = model::to_string(o.next_step.kind);
        session() << "INSERT INTO offers(customer_id, product, priority, channel, valid_from, valid_until, status, "
                     "kind, discount_percent, assignee_id, outcome, next_step_kind, next_step_at, next_step_address, "
                     "next_step_note, updated_at, source_system, external_id, script) VALUES(:c, :p, :pr, :ch, :vf, :vu, "
                     ":st, :k, :d, :a, :o, :sk, :sa, :sad, :sn, :u, :ss, :e, :sc) RETURNING id",
            soci::use(o.customer_id), soci::use(o.product), soci::use(o.priority), soci::use(channel),
            soci::use(o.valid_from), soci::use(o.valid_until), soci::use(status), soci::use(kind),
            soci::use(o.discount_percent), soci::use(o.assignee_id), soci::use(o.outcome), soci::use(step),
            soci::use(o.next_step.at), soci::use(o.next_step.address), soci::use(o.next_step.note),
            soci::use(o.updated_at), soci::use(o.source_system), soci::use(o.external_id), soci::use(o.script),
            soci::into(o.id);
        return o.id;
    });
}

std::vector<Offer> Store::offers_for(Id customer_id) {
    return guarded("read offers", [&] {
        return select_offers(session(), "WHERE customer_id = :k ORDER BY priority DESC, id", customer_id);
    });
}

std::optional<Offer> Store::offer(Id id) {
    return guarded("read offer", [&]() -> std::optional<Offer> {
        auto v = select_offers(session(), "WHERE id = :k", id);
        if (v.empty()) return std::nullopt;
        return v.front();
    });
}

void Store::update_offer(Offer& o) {
    guarded("save offer", [&] {
        std::string status = model::to_string(o.status), step = model::to_string(o.next_step.kind),
                    channel = model::to_string(o.channel);
        soci::statement st =
            (session().prepare << "UPDATE offers SET status=:st, outcome=:o, next_step_kind=:sk, next_step_at=:sa, "
                                  "next_step_address=:sad, next_step_note=:sn, priority=:pr, channel=:ch, "
                                  "assignee_id=:a, valid_until=:vu, updated_at=:u, version=version+1 "
                                  "WHERE id=:id AND version=:v",
             soci::use(status), soci::use(o.outcome), soci::use(step), soci::use(o.next_step.at),
             soci::use(o.next_step.address), soci::use(o.next_step.note), soci::use(o.priority), soci::use(channel),
             soci::use(o.assignee_id), soci::use(o.valid_until), soci::use(o.updated_at), soci::use(o.id),
             soci::use(o.version));
        st.execute(true);
        expect_one_row(st, "offer", o.id);
        ++o.version;
    });
}

model::ContactPreferences Store::preferences_for(Id customer_id) {
    return guarded("read preferences", [&] {
        model::ContactPreferences p;
        p.customer_id = customer_id;
        std::string allowed, preferred, unsub;
        int written = 0, dnc = 0, themselves = 0;
        session() << "SELECT allowed_channels, preferred_channel, written_only, do_not_call, calls_themselves, "
                     "quiet_from, quiet_to, timezone, unsubscribed, irritants, updated_at, version FROM preferences "
                     "WHERE customer_id = :c",
            soci::into(allowed), soci::into(preferred), soci::into(written), soci::into(dnc), soci::into(themselves),
            soci::into(p.quiet_hours.from_minute), soci::into(p.quiet_hours.to_minute), soci::into(p.timezone),
            soci::into(unsub), soci::into(p.irritants), soci::into(p.updated_at), soci::into(p.version),
            soci::use(customer_id);
        if (!session().got_data()) return p;
        p.allowed_channels = channels_from(allowed);
        p.preferred_channel = model::parse<model::Channel>(preferred);
        p.written_only = written != 0;
        p.do_not_call = dnc != 0;
        p.calls_themselves = themselves != 0;
        p.unsubscribed = channels_from(unsub);
        return p;
    });
}

void Store::save_preferences(model::ContactPreferences& p) {
    guarded("save preferences", [&] {
        std::string allowed = channels_text(p.allowed_channels), unsub = channels_text(p.unsubscribed);
        std::string preferred = p.preferred_channel ? model::to_string(*p.preferred_channel) : "";
        int written = p.written_only, dnc = p.do_not_call, themselves = p.calls_themselves;
        if (p.version == 0) {
            // First save: a concurrent first save by another seat fails on the primary key, which is
            // the same conflict as a version mismatch.
            try {
                session() << "INSERT INTO preferences(customer_id, allowed_channels, preferred_channel, written_only, "
                             "do_not_call, calls_themselves, quiet_from, quiet_to, timezone, unsubscribed, irritants, "
                             "updated_at, version) VALUES(:c, :a, :p, :w, :d, :t, :qf, :qt, :tz, :u, :i, :up, 1)",
                    soci::use(p.customer_id), soci::use(allowed), soci::use(preferred), soci::use(written),
                    soci::use(dnc), soci::use(themselves), soci::use(p.quiet_hours.from_minute),
                    soci::use(p.quiet_hours.to_minute), soci::use(p.timezone), soci::use(unsub),
                    soci::use(p.irritants), soci::use(p.updated_at);
            } catch (const soci::soci_error&) {
                throw Error(ErrorKind::conflict, "preferences of customer " + std::to_string(p.customer_id) +
                                                     " were saved by someone else meanwhile; reload them");
            }
            p.version = 1;
            return;
        }
        soci::statement st =
            (session().prepare << "UPDATE preferences SET allowed_channels=:a, preferred_channel=:p, written_only=:w, "
                                  "do_not_call=:d, calls_themselves=:t, quiet_from=:qf, quiet_to=:qt, timezone=:tz, "
                                  "unsubscribed=:u, irritants=:i, updated_at=:up, version=version+1 "
                                  "WHERE customer_id=:c AND version=:v",
             soci::use(allowed), soci::use(preferred), soci::use(written), soci::use(dnc), soci::use(themselves),
             soci::use(p.quiet_hours.from_minute), soci::use(p.quiet_hours.to_minute), soci::use(p.timezone),
             soci::use(unsub), soci::use(p.irritants), soci::use(p.updated_at), soci::use(p.customer_id),
             soci::use(p.version));
        st.execute(true);
        expect_one_row(st, "preferences of customer", p.customer_id);
        ++p.version;
    });
}

}  // namespace kartoteka::storage
