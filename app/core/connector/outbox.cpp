#include "connector/outbox.h"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <random>

#include "error.h"
#include "privacy/card_number_mask.h"
#include "storage/soci_error_text.h"
#include "util/log.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

const std::string kSelect =
    "SELECT id, idempotency_key, target, kind, customer_id, local_ref, payload, status, attempts, next_attempt_at, "
    "last_error, remote_id, created_at, delivered_at FROM outbox ";

/// Integer columns come back as int or long long depending on the backend and the declared type.
long long integer_at(const soci::row& r, std::size_t i) {
    switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    // SQLite declares no type for an aggregate (COUNT, MIN): SOCI hands it over as text or a double.
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    default: return r.get<long long>(i);
    }
}

OutboxItem from_row(const soci::row& r) {
    OutboxItem i;
    i.id = integer_at(r, 0);
    i.idempotency_key = r.get<std::string>(1);
    i.target = r.get<std::string>(2);
    i.kind = r.get<std::string>(3);
    i.customer_id = integer_at(r, 4);
    i.local_ref = r.get<std::string>(5);
    i.payload = r.get<std::string>(6);
    i.status = outbox_status_from(r.get<std::string>(7)).value_or(OutboxStatus::failed);
    i.attempts = static_cast<int>(integer_at(r, 8));
    i.next_attempt_at = integer_at(r, 9);
    i.last_error = r.get<std::string>(10);
    i.remote_id = r.get<std::string>(11);
    i.created_at = integer_at(r, 12);
    i.delivered_at = integer_at(r, 13);
    return i;
}

template <class F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const soci::soci_error& e) {
        throw Error(ErrorKind::storage, std::string("outbox: cannot ") + what + ": " + storage::soci_error_text(e));
    }
}

}  // namespace

const char* to_string(OutboxStatus s) noexcept {
    switch (s) {
    case OutboxStatus::pending: return "pending";
    case OutboxStatus::delivered: return "delivered";
    case OutboxStatus::failed: return "failed";
    }
    return "?";
}

std::optional<OutboxStatus> outbox_status_from(const std::string& text) {
    for (auto s : {OutboxStatus::pending, OutboxStatus::delivered, OutboxStatus::failed})
        if (text == to_string(s)) return s;
    return std::nullopt;
}

namespace {

/// Free text as the backend gets it: masked before the JSON is made, since inside JSON a line break
/// between digit groups is the two characters \n and would hide the number from the rule.
std::string text_for(const std::string& text, CardNumbers card_numbers) {
    return card_numbers == CardNumbers::clear ? text : privacy::mask_card_numbers(text);
}

}  // namespace

std::string interaction_payload(const model::Interaction& i, CardNumbers card_numbers) {
    return nlohmann::json{{"channel", model::to_string(i.channel)}, {"direction", model::to_string(i.direction)},
                          {"at", util::format_iso(i.occurred_at)}, {"summary", text_for(i.summary, card_numbers)},
                          {"agent_name", i.agent_name}, {"local_id", i.id}}
        .dump();
}

std::string offer_outcome_payload(const model::Offer& o, CardNumbers card_numbers) {
    return nlohmann::json{{"offer_id", o.external_id.empty() ? std::to_string(o.id) : o.external_id},
                          {"product", o.product}, {"status", model::to_string(o.status)},
                          {"outcome", text_for(o.outcome, card_numbers)}, {"local_id", o.id}}
        .dump();
}

std::string complaint_payload(const model::Ticket& t, CardNumbers card_numbers) {
    return nlohmann::json{{"subject", text_for(t.subject, card_numbers)},
                          {"description", text_for(t.description, card_numbers)}, {"problem_type", t.problem_type},
                          {"severity", t.severity}, {"created_at", util::format_iso(t.created_at)}, {"local_id", t.id}}
        .dump();
}

std::string escalation_payload(const model::SlaEvent& e, const model::Ticket& t, const std::string& target,
                               const std::string& owner, const std::string& escalated_to, CardNumbers card_numbers) {
    return nlohmann::json{{"event", model::to_string(e.kind)},
                          {"deadline", model::to_string(e.target)},
                          {"happened_at", util::format_iso(e.at)},
                          {"ticket_id", t.source_system == target ? t.external_id : std::string()},
                          {"local_ticket_id", t.id},
                          {"subject", text_for(t.subject, card_numbers)},
                          {"problem_type", t.problem_type},
                          {"severity", t.severity},
                          {"owner", owner},
                          {"escalated_to", escalated_to}}
        .dump();
}

std::string new_idempotency_key() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> nibble(0, 15);
    std::string k;
    for (int i = 0; i < 32; ++i) k += "0123456789abcdef"[nibble(rd)];
    return k;
}

model::Id Outbox::enqueue(OutboxItem& item, model::Timestamp now) {
    return guarded("save", [&] {
        if (item.idempotency_key.empty()) item.idempotency_key = new_idempotency_key();
        item.status = OutboxStatus::pending;
        item.created_at = now;
        item.next_attempt_at = now;
        std::string status = to_string(item.status);
        m_store.session() << "INSERT INTO outbox(idempotency_key, target, kind, customer_id, local_ref, payload, status, "
                             "next_attempt_at, created_at) VALUES(:k, :t, :kind, :c, :l, :p, :s, :n, :cr) RETURNING id",
            soci::use(item.idempotency_key), soci::use(item.target), soci::use(item.kind), soci::use(item.customer_id),
            soci::use(item.local_ref), soci::use(item.payload), soci::use(status), soci::use(item.next_attempt_at),
            soci::use(item.created_at), soci::into(item.id);
        return item.id;
    });
}

std::optional<OutboxItem> Outbox::get(model::Id id) {
    return guarded("read", [&]() -> std::optional<OutboxItem> {
        soci::rowset<soci::row> rs = (m_store.session().prepare << (kSelect + "WHERE id = :id"), soci::use(id));
        for (const auto& r : rs) return from_row(r);
        return std::nullopt;
    });
}

std::vector<OutboxItem> Outbox::list(std::optional<OutboxStatus> status, int limit) {
    return guarded("list", [&] {
        std::vector<OutboxItem> out;
        std::string s = status ? to_string(*status) : "";
        soci::rowset<soci::row> rs =
            (m_store.session().prepare << (kSelect + "WHERE (:s = '' OR status = :s2) ORDER BY id DESC LIMIT :l"),
             soci::use(s), soci::use(s), soci::use(limit));
        for (const auto& r : rs) out.push_back(from_row(r));
        return out;
    });
}

std::vector<OutboxItem> Outbox::due(model::Timestamp now, int limit) {
    return guarded("list due", [&] {
        std::vector<OutboxItem> out;
        soci::rowset<soci::row> rs = (m_store.session().prepare
                                          << (kSelect + "WHERE status = 'pending' AND next_attempt_at <= :n ORDER BY id LIMIT :l"),
                                      soci::use(now), soci::use(limit));
        for (const auto& r : rs) out.push_back(from_row(r));
        return out;
    });
}

std::optional<OutboxItem> Outbox::claim_next(model::Timestamp now, model::Id after_id) {
    return guarded("claim", [&]() -> std::optional<OutboxItem> {
        const bool shared = m_store.database().dialect() == storage::Dialect::postgresql;
        soci::rowset<soci::row> rs =
            (m_store.session().prepare << (kSelect + "WHERE status = 'pending' AND next_attempt_at <= :n AND id > :a "
                                                     "ORDER BY id LIMIT 1" +
                                           (shared ? " FOR UPDATE SKIP LOCKED" : "")),
             soci::use(now), soci::use(after_id));
        for (const auto& r : rs) return from_row(r);
        return std::nullopt;
    });
}

long long Outbox::pending_count() {
    return guarded("count", [&] {
        long long n = 0;
        m_store.session() << "SELECT COUNT(*) FROM outbox WHERE status = 'pending'", soci::into(n);
        return n;
    });
}

std::map<std::string, OutboxBacklog> Outbox::backlog() {
    return guarded("count", [&] {
        std::map<std::string, OutboxBacklog> out;
        soci::rowset<soci::row> rs =
            (m_store.session().prepare << "SELECT target, status, COUNT(*), MIN(next_attempt_at) FROM outbox "
                                          "WHERE status IN ('pending', 'failed') GROUP BY target, status");
        for (const auto& r : rs) {
            auto& b = out[r.get<std::string>(0)];
            const long long n = integer_at(r, 2);
            if (r.get<std::string>(1) == "failed") {
                b.failed = n;
            } else {
                b.pending = n;
                b.next_attempt_at = integer_at(r, 3);
            }
        }
        return out;
    });
}

void Outbox::mark_delivered(model::Id id, const std::string& remote_id, model::Timestamp now) {
    guarded("mark delivered", [&] {
        m_store.session() << "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, remote_id = :r, "
                             "delivered_at = :n, last_error = '' WHERE id = :id",
            soci::use(remote_id), soci::use(now), soci::use(id);
    });
}

void Outbox::mark_failed_attempt(model::Id id, const std::string& error, bool give_up, model::Timestamp next_at) {
    guarded("mark failed", [&] {
        std::string status = give_up ? "failed" : "pending";
        m_store.session() << "UPDATE outbox SET status = :s, attempts = attempts + 1, last_error = :e, "
                             "next_attempt_at = :n WHERE id = :id",
            soci::use(status), soci::use(error), soci::use(next_at), soci::use(id);
    });
}

void Outbox::retry(model::Id id, model::Timestamp now) {
    auto item = get(id);
    if (!item) throw Error(ErrorKind::not_found, "no outbox entry #" + std::to_string(id));
    if (item->status == OutboxStatus::delivered)
        throw Error(ErrorKind::invalid, "outbox entry #" + std::to_string(id) + " was delivered already");
    guarded("retry", [&] {
        m_store.session() << "UPDATE outbox SET status = 'pending', next_attempt_at = :n WHERE id = :id", soci::use(now),
            soci::use(id);
    });
    util::logger()->info("outbox #{} to {} ({}): queued again by hand (was {}, {} attempts)", id, item->target, item->kind,
                         to_string(item->status), item->attempts);
}

}  // namespace kartoteka::connector
