#pragma once
/// A complaint ticket with its history (DOMAIN.md "Complaints and response norms"). The SLA engine
/// computes deadlines from the events, so the history is the truth and the status a summary of it.
#include <string>
#include <vector>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

struct TicketEvent {
    Id id = 0;
    Id ticket_id = 0;
    TicketEventKind kind = TicketEventKind::created;
    Timestamp at = 0;
    Id agent_id = 0;
    std::string note;
};

struct Ticket {
    Id id = 0;
    Id customer_id = 0;
    std::string problem_type;     ///< key into the SLA policies ("billing", "delivery", ...)
    int severity = 3;             ///< 1 trifle .. 5 end of the world, as the customer sees it
    TicketCause cause = TicketCause::unknown;
    Id owner_id = 0;              ///< a named owner at once (001)
    TicketStatus status = TicketStatus::open;
    std::string subject;
    std::string description;
    std::string calendar;         ///< business calendar id; empty = the policy's
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    Timestamp first_response_at = 0;
    Timestamp resolved_at = 0;
    std::string source_system;
    std::string external_id;
    int version = 0;
    std::vector<TicketEvent> events;  ///< oldest first; filled when asked for
};

}  // namespace kartoteka::model
