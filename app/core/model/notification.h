#pragma once
/// What the centre told one agent (issue 19): an SLA warning or breach of a ticket they own, or one
/// escalated to them as team lead or supervisor. Kept as data (kind, target, ticket), not as a
/// sentence, so each window says it in its own language.
#include "model/sla_event.h"
#include "types.h"

namespace kartoteka::model {

struct Notification {
    Id id = 0;
    Id agent_id = 0;          ///< whose window shows it
    Timestamp created_at = 0;
    SlaEventKind kind = SlaEventKind::breach;
    SlaTarget target = SlaTarget::first_response;
    Timestamp happened_at = 0;  ///< when the warning point or the deadline was reached
    Id ticket_id = 0;
    Id customer_id = 0;
    Id owner_id = 0;
    bool escalated = false;   ///< told as the owner's lead (or a supervisor), not as the owner
    Timestamp read_at = 0;    ///< 0 = not read yet
};

}  // namespace kartoteka::model
