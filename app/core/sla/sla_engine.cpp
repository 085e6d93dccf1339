#include "sla/sla_engine.h"

#include <algorithm>
#include <optional>

namespace kartoteka::sla {

const char* to_string(State s) noexcept {
    switch (s) {
    case State::breached: return "breached";
    case State::warning: return "warning";
    case State::paused: return "paused";
    case State::ok: return "ok";
    case State::met: return "met";
    }
    return "ok";
}

namespace {

using model::SlaTarget;
using model::Timestamp;
using model::TicketEventKind;

/// One target's clock while the history is replayed.
struct Clock {
    TargetStatus status;
    std::int64_t warn_after = 0;  ///< working seconds at which the warning point is reached
    Timestamp segment_start = 0;  ///< start of the running stretch not yet accounted
    bool running = false;
};

class Replay {
public:
    Replay(const Policy& p, BusinessCalendar& cal) : m_policy(p), m_cal(cal) {}

    void run(const model::Ticket& t, Timestamp now);
    void result(const model::Ticket& t, TicketSla& out);

private:
    void start(std::optional<Clock>& c, SlaTarget target, std::int64_t allowed, int cycle, Timestamp at);
    void accrue(Clock& c, Timestamp to);
    void stop(std::optional<Clock>& c, Timestamp at);
    void pause(Timestamp at);
    void resume(Timestamp at);
    void apply(const model::TicketEvent& e);
    /// A customer message now awaits an answer: starts a next-response cycle unless one is running.
    void owe_next_reply(Timestamp at);
    template <typename F> void each(F&& f) {
        for (auto* c : {&m_first, &m_next, &m_resolution})
            if (*c) f(**c);
    }

    const Policy& m_policy;
    BusinessCalendar& m_cal;
    std::optional<Clock> m_first, m_next, m_resolution;
    std::vector<Clock> m_finished_cycles;  ///< earlier next-response cycles, for their events
    // The clocks usually share their stretches (all start at creation, all pause together): the last
    // working-time lookup is remembered so they pay for it once.
    Timestamp m_memo_from = 0, m_memo_to = 0;
    std::int64_t m_memo_worked = -1;
    int m_cycle = 0;
    bool m_paused = false;
    bool m_resolved = false;
    bool m_answered = false;  ///< an agent has replied at least once (first response given)
};

void Replay::start(std::optional<Clock>& c, SlaTarget target, std::int64_t allowed, int cycle, Timestamp at) {
    if (allowed <= 0) return;
    Clock k;
    k.status.target = target;
    k.status.cycle = cycle;
    k.status.allowed = allowed;
    k.status.started_at = at;
    k.warn_after = allowed * m_policy.warning_percent / 100;
    k.segment_start = at;
    k.running = !m_paused;
    c = k;
}

void Replay::accrue(Clock& c, Timestamp to) {
    if (!c.running || to <= c.segment_start) return;
    auto& s = c.status;
    if (m_memo_worked < 0 || m_memo_from != c.segment_start || m_memo_to != to)
        m_memo_from = c.segment_start, m_memo_to = to, m_memo_worked = m_cal.between(c.segment_start, to);
    const std::int64_t w = m_memo_worked;
    // The moment a threshold was crossed is found by adding the missing working time to the stretch start.
    if (!s.warning_at && s.used + w >= c.warn_after && c.warn_after > s.used)
        s.warning_at = m_cal.add(c.segment_start, c.warn_after - s.used);
    if (!s.breached_at && s.used + w > s.allowed) s.breached_at = m_cal.add(c.segment_start, s.allowed - s.used);
    s.used += w;
    c.segment_start = to;
}

void Replay::stop(std::optional<Clock>& c, Timestamp at) {
    if (!c || c->status.stopped_at) return;
    accrue(*c, at);
    c->running = false;
    c->status.stopped_at = at;
}

void Replay::pause(Timestamp at) {
    if (m_paused) return;
    each([&](Clock& c) {
        accrue(c, at);
        c.running = false;
    });
    m_paused = true;
}

void Replay::resume(Timestamp at) {
    if (!m_paused) return;
    m_paused = false;
    each([&](Clock& c) {
        if (c.status.stopped_at) return;
        c.running = true;
        c.segment_start = at;
    });
}

void Replay::owe_next_reply(Timestamp at) {
    // Before the first reply the first-response clock covers the customer; while a message already
    // waits, the clock keeps running from the first unanswered one.
    if (!m_answered || m_resolved || (m_next && !m_next->status.stopped_at)) return;
    if (m_next) m_finished_cycles.push_back(*m_next);
    m_next.reset();
    start(m_next, SlaTarget::next_response, m_policy.next_response, ++m_cycle, at);
}

void Replay::apply(const model::TicketEvent& e) {
    switch (e.kind) {
    case TicketEventKind::created:
    case TicketEventKind::changed:
        break;  // clocks start with the ticket; a changed policy is simply evaluated again
    case TicketEventKind::agent_reply:
        // The reply answers whatever the customer was waiting for; the next clock starts only when the
        // customer writes again (Zendesk's next reply time; Zammad fixed the same bug, issue 3140).
        stop(m_first, e.at);
        stop(m_next, e.at);
        m_answered = true;
        break;
    case TicketEventKind::customer_reply:
        resume(e.at);
        owe_next_reply(e.at);
        break;
    case TicketEventKind::waiting_customer: pause(e.at); break;
    case TicketEventKind::resolved:
    case TicketEventKind::closed:
        resume(e.at);  // so the clocks are accounted consistently, then stopped
        stop(m_first, e.at), stop(m_next, e.at), stop(m_resolution, e.at);
        m_resolved = true;
        break;
    case TicketEventKind::reopened:
        if (!m_resolved) break;
        m_resolved = false;
        m_paused = false;
        if (m_resolution) {  // resolution time resumes where it stopped
            m_resolution->status.stopped_at = 0;
            m_resolution->running = true;
            m_resolution->segment_start = e.at;
        }
        owe_next_reply(e.at);  // the customer is back: an answer is owed again
        break;
    }
}

void Replay::run(const model::Ticket& t, Timestamp now) {
    // The clocks start when the ticket was created; a history without created_at starts at its first event.
    Timestamp created = t.created_at;
    for (const auto& e : t.events)
        if (e.kind == TicketEventKind::created || !created) created = created ? std::min(created, e.at) : e.at;
    if (!created || created > now) return;
    start(m_first, SlaTarget::first_response, m_policy.first_response, 0, created);
    start(m_resolution, SlaTarget::resolution, m_policy.resolution, 0, created);
    // Events arrive oldest first from the store; only an out-of-order history pays for a sorted copy
    // (a stable sort keeps same-second events in their recorded order).
    auto by_time = [](const model::TicketEvent& a, const model::TicketEvent& b) { return a.at < b.at; };
    std::vector<model::TicketEvent> sorted;
    const std::vector<model::TicketEvent>* events = &t.events;
    if (!std::is_sorted(t.events.begin(), t.events.end(), by_time)) {
        sorted = t.events;
        std::stable_sort(sorted.begin(), sorted.end(), by_time);
        events = &sorted;
    }
    for (const auto& e : *events) {
        if (e.at > now) break;
        apply(e);
    }
    each([&](Clock& c) { accrue(c, now); });
}

void finish_status(Clock& c, BusinessCalendar& cal, bool paused) {
    auto& s = c.status;
    s.remaining = s.allowed - s.used;
    if (s.stopped_at) s.state = s.breached_at ? State::breached : State::met;
    else if (s.breached_at) s.state = State::breached;
    else if (paused) s.state = State::paused;
    else if (s.warning_at) s.state = State::warning;
    else s.state = State::ok;
    if (!s.stopped_at && !paused) s.deadline = s.breached_at ? s.breached_at : cal.add(c.segment_start, s.remaining);
}

void add_events(const Clock& c, model::Id ticket, std::vector<model::SlaEvent>& out) {
    const auto& s = c.status;
    if (s.warning_at) out.push_back({0, ticket, s.target, model::SlaEventKind::warning, s.cycle, s.warning_at, 0, 0, 0});
    if (s.breached_at) out.push_back({0, ticket, s.target, model::SlaEventKind::breach, s.cycle, s.breached_at, 0, 0, 0});
}

void Replay::result(const model::Ticket& t, TicketSla& r) {
    // Filled in place so a board re-evaluating the same rows reuses their vectors' storage.
    r.targets.clear();
    r.events.clear();
    r.ticket_id = t.id;
    r.state = State::ok;
    r.has_deadline = false;
    r.next_deadline = 0;
    r.to_next_deadline = 0;
    r.ever_breached = false;
    bool any_active = false;
    r.targets.reserve(3);
    std::size_t crossings = 0;
    for (const auto& c : m_finished_cycles) crossings += (c.status.warning_at != 0) + (c.status.breached_at != 0);
    each([&](Clock&) { crossings += 2; });
    r.events.reserve(crossings);
    for (auto& c : m_finished_cycles) add_events(c, t.id, r.events);
    each([&](Clock& c) {
        finish_status(c, m_cal, m_paused);
        add_events(c, t.id, r.events);
        r.targets.push_back(c.status);
        const auto& s = c.status;
        if (s.breached_at) r.ever_breached = true;
        if (s.stopped_at) return;
        any_active = true;
        if (s.state < r.state) r.state = s.state;
        if (!m_paused && (!r.has_deadline || s.remaining < r.to_next_deadline)) {
            r.has_deadline = true;
            r.to_next_deadline = s.remaining;
            r.next_deadline = s.deadline;
        }
    });
    for (const auto& c : m_finished_cycles) r.ever_breached = r.ever_breached || c.status.breached_at;
    if (!any_active) r.state = m_resolved ? State::met : State::ok;
    std::sort(r.events.begin(), r.events.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
}

}  // namespace

TicketSla SlaEngine::evaluate(const model::Ticket& ticket, const Policy& policy, BusinessCalendar& calendar,
                              Timestamp now) {
    TicketSla out;
    evaluate(ticket, policy, calendar, now, out);
    return out;
}

void SlaEngine::evaluate(const model::Ticket& ticket, const Policy& policy, BusinessCalendar& calendar,
                         Timestamp now, TicketSla& out) {
    Replay replay(policy, calendar);
    replay.run(ticket, now);
    replay.result(ticket, out);
}

}  // namespace kartoteka::sla
