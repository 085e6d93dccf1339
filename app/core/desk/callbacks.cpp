// The desk's callback and wrap-up use cases (issue 18): a callback at the time the customer asked for,
// owned by the agent who promised it, reminded once when due, reassigned only by a supervisor; and the
// disposition code a logged contact carries, checked against the centre's list.
#include <algorithm>

#include "access/permissions.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/store.h"
#include "util/text.h"

namespace kartoteka::desk {

namespace {

using model::Callback;
using model::CallbackStatus;
using model::Id;

constexpr model::Timestamp kGraceSeconds = 5 * 60;          // a time picked a minute ago is still "now"
constexpr model::Timestamp kFurthestSeconds = 366 * 86400;  // a year ahead is a plan, not a callback
constexpr std::size_t kMaxNote = 2000;

void audit_callback(storage::Store& s, model::Timestamp now, Id actor, const char* action, const Callback& c,
                    std::string detail) {
    audit::AuditLog(s).record({0, now, actor, "", action, c.customer_id, "callback", c.id, std::move(detail)});
}

/// Only the owner, or someone who manages callbacks, may close or see another agent's.
void require_owner_or_manager(const model::Agent& who, const Callback& c) {
    if (c.agent_id != who.id) access::require(who, access::Action::manage_callbacks);
}

Callback open_callback(storage::Store& s, Id id) {
    auto c = s.callback(id);
    if (!c) throw Error(ErrorKind::not_found, "no callback #" + std::to_string(id));
    if (c->status != CallbackStatus::open)
        throw Error(ErrorKind::conflict, "callback #" + std::to_string(id) + " is already " + model::to_string(c->status));
    return *c;
}

}  // namespace

Callback Desk::promise_callback(storage::Store& s, const model::Agent& by, const CallbackDraft& d) {
    access::require(by, access::Action::log_contact);
    const auto now = m_clock();
    if (d.due_at < now - kGraceSeconds)
        throw Error(ErrorKind::invalid, "the callback time " + util::format_iso(d.due_at) + " has already passed");
    if (d.due_at > now + kFurthestSeconds) throw Error(ErrorKind::invalid, "a callback is at most a year ahead");
    const std::string note = util::trim(d.note);
    if (note.size() > kMaxNote) throw Error(ErrorKind::invalid, "a callback's note is at most 2000 bytes");
    if (!s.customer(d.customer_id)) throw Error(ErrorKind::invalid, "no customer #" + std::to_string(d.customer_id));
    Callback c;
    c.customer_id = d.customer_id;
    c.agent_id = by.id;  // whoever promised it calls back, whoever the offer or the customer is assigned to
    c.due_at = d.due_at;
    c.note = note;
    c.created_by = by.id;
    c.created_at = now;
    c.offer_id = d.offer_id;
    c.interaction_id = d.interaction_id;
    storage::Store::Transaction tx(s);
    s.insert_callback(c);
    audit_callback(s, now, by.id, "schedule_callback", c, "due " + util::format_iso(c.due_at));
    tx.commit();
    return c;
}

Callback Desk::schedule_callback(const CallbackDraft& draft) {
    const auto by = agent();
    Callback c;
    with_store([&](storage::Store& s) { c = promise_callback(s, by, draft); });
    return c;
}

std::vector<CallbackView> Desk::views(storage::Store& s, std::vector<Callback> callbacks) {
    std::vector<CallbackView> out;
    out.reserve(callbacks.size());
    for (auto& c : callbacks) {
        auto customer = s.customer(c.customer_id);
        auto owner = s.agent(c.agent_id);
        out.push_back({std::move(c), customer ? customer->display_name() : std::string(),
                       owner ? owner->login : "#" + std::to_string(c.agent_id)});
    }
    return out;
}

std::vector<CallbackView> Desk::callbacks(Id agent_id, model::Timestamp from, model::Timestamp to) {
    const auto me = agent();
    access::require(me, access::Action::view_card);
    if (agent_id != me.id) access::require(me, access::Action::manage_callbacks);
    if (to <= from) throw Error(ErrorKind::invalid, "the range's end must be after its start");
    std::vector<CallbackView> out;
    with_store([&](storage::Store& s) { out = views(s, s.open_callbacks(agent_id, from, to)); });
    return out;
}

std::vector<CallbackView> Desk::due_callbacks(Id agent_id, model::Timestamp until) {
    // Overdue ones first: a promise missed an hour ago is still owed.
    return callbacks(agent_id, 0, until + 1);
}

std::vector<Callback> Desk::customer_callbacks(Id customer_id) {
    access::require(agent(), access::Action::view_card);
    std::vector<Callback> out;
    with_store([&](storage::Store& s) { out = s.callbacks_for(customer_id); });
    return out;
}

std::optional<Callback> Desk::callback(Id id) {
    access::require(agent(), access::Action::view_card);
    std::optional<Callback> out;
    with_store([&](storage::Store& s) { out = s.callback(id); });
    return out;
}

std::vector<CallbackView> Desk::callback_reminders() {
    const auto me = agent();
    access::require(me, access::Action::view_card);
    const auto now = m_clock();
    std::vector<CallbackView> out;
    with_store([&](storage::Store& s) {
        std::vector<Callback> claimed;
        for (auto& c : s.unreminded_callbacks(me.id, now + m_config.callbacks.remind_before_minutes * 60LL))
            if (s.claim_reminder(c.id, now)) {
                c.reminded_at = now;
                claimed.push_back(std::move(c));
            }
        out = views(s, std::move(claimed));
    });
    return out;
}

Callback Desk::close_callback(Id id, CallbackStatus status) {
    const auto me = agent();
    Callback c;
    with_store([&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        c = open_callback(s, id);
        require_owner_or_manager(me, c);
        c.status = status;
        c.closed_at = m_clock();
        s.update_callback(c);
        audit_callback(s, c.closed_at, me.id, status == CallbackStatus::done ? "complete_callback" : "cancel_callback", c, "");
        tx.commit();
    });
    return c;
}

Callback Desk::complete_callback(Id id) { return close_callback(id, CallbackStatus::done); }
Callback Desk::cancel_callback(Id id) { return close_callback(id, CallbackStatus::cancelled); }

Callback Desk::reassign_callback(Id id, const std::string& login) {
    const auto me = agent();
    access::require(me, access::Action::manage_callbacks);
    Callback c;
    with_store([&](storage::Store& s) {
        auto to = s.agent_by_login(login);
        if (!to) throw Error(ErrorKind::not_found, "no agent with the login '" + login + "'");
        if (!to->active) throw Error(ErrorKind::invalid, "agent '" + login + "' is disabled and cannot call back");
        storage::Store::Transaction tx(s);
        c = open_callback(s, id);
        const auto from = s.agent(c.agent_id);
        const std::string from_login = from ? from->login : "#" + std::to_string(c.agent_id);
        c.agent_id = to->id;
        c.reminded_at = 0;  // the new owner's window announces it
        s.update_callback(c);
        audit_callback(s, m_clock(), me.id, "reassign_callback", c, "from " + from_login + " to " + to->login);
        tx.commit();
    });
    return c;
}

// --- wrap-up -------------------------------------------------------------------------------------

void Desk::check_wrap_up(const WrapUp& draft) const {
    const auto& w = m_config.wrap_up;
    auto codes = [&w] {
        std::string out;
        for (const auto& d : w.dispositions) out += (out.empty() ? "" : ", ") + d.code;
        return out;
    };
    if (draft.disposition.empty()) {
        if (w.required && !w.dispositions.empty())
            throw Error(ErrorKind::invalid, "a logged contact needs a disposition: one of " + codes());
        return;
    }
    const auto* d = w.find(draft.disposition);
    if (!d) {
        if (w.dispositions.empty()) throw Error(ErrorKind::invalid, "this centre has no disposition codes (config wrap_up)");
        throw Error(ErrorKind::invalid, "'" + draft.disposition + "' is not a disposition: one of " + codes());
    }
    if (d->needs_callback && draft.callback_at == 0)
        throw Error(ErrorKind::invalid, "the disposition '" + d->code + "' needs a time to call back at");
}

}  // namespace kartoteka::desk
