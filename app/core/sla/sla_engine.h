#pragma once
/// The SLA engine (issue 4): a pure function of a ticket's event history, its policy, a business
/// calendar and an injected "now" (GUIDE rule 3). Changing a ticket's problem type, severity or calendar
/// needs nothing special: evaluate it again with the new policy and the same history.
#include <cstdint>
#include <vector>

#include "model/sla_event.h"
#include "model/ticket.h"
#include "sla/business_calendar.h"
#include "sla/sla_policy.h"

namespace kartoteka::sla {

/// Worst first: the order a board sorts by.
enum class State { breached, warning, paused, ok, met };
const char* to_string(State s) noexcept;

/// One target's clock as of "now".
struct TargetStatus {
    model::SlaTarget target = model::SlaTarget::first_response;
    int cycle = 0;                  ///< next-response cycle number (each customer message awaiting an answer starts one)
    State state = State::ok;
    std::int64_t allowed = 0;       ///< working seconds the policy allows
    std::int64_t used = 0;          ///< working seconds used, pauses excluded
    std::int64_t remaining = 0;     ///< allowed - used; negative when overdue
    model::Timestamp started_at = 0;
    model::Timestamp deadline = 0;  ///< when it breaches(d) if nothing pauses it; 0 while paused or met
    model::Timestamp warning_at = 0;   ///< 0 = not reached
    model::Timestamp breached_at = 0;  ///< 0 = not reached
    model::Timestamp stopped_at = 0;   ///< met (or ended by resolve/close); 0 = still running
};

/// The SLA picture of one ticket.
struct TicketSla {
    model::Id ticket_id = 0;
    State state = State::ok;             ///< worst of the targets still running or paused
    std::vector<TargetStatus> targets;   ///< the current clock of each target the policy has
    std::vector<model::SlaEvent> events; ///< every warning and breach up to now, oldest first
    bool has_deadline = false;           ///< a running target exists
    model::Timestamp next_deadline = 0;  ///< earliest deadline of the running targets
    std::int64_t to_next_deadline = 0;   ///< working seconds left to it; negative = overdue by
    bool ever_breached = false;          ///< any target breached at any time (breach rate)
};

/// Evaluates tickets. Stateless apart from the calendar's cache; `now` is always passed in.
class SlaEngine {
public:
    /// Replays the ticket's events (ignoring those after now) against the policy in `calendar`.
    /// Clocks: first response from creation to the first agent reply; next response, after that, from
    /// the first customer message (or reopen) that awaits an answer to the agent's next reply, and not
    /// at all while no customer message waits; resolution from creation to resolved, resumed on reopen.
    /// Waiting for the customer pauses every running clock until the customer replies (or the ticket
    /// is reopened).
    static TicketSla evaluate(const model::Ticket& ticket, const Policy& policy, BusinessCalendar& calendar,
                              model::Timestamp now);
    /// The same into an existing result, reusing its storage (the board's hot path).
    static void evaluate(const model::Ticket& ticket, const Policy& policy, BusinessCalendar& calendar,
                         model::Timestamp now, TicketSla& out);
};

}  // namespace kartoteka::sla
