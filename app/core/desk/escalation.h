#pragma once
/// Inside the desk: who an escalation goes to, and recording what happened with its notifications;
/// shared by the board (desk.cpp), the ticket actions (ticket_desk.cpp) and the escalator.
#include <vector>

#include "connector/outbox.h"
#include "model/sla_event.h"
#include "sla/sla_board.h"

namespace kartoteka::storage { class Store; }

namespace kartoteka::desk::detail {

/// The owner's team lead while active and not the owner; otherwise the active supervisor with the
/// lowest id other than the owner; 0 when there is none.
model::Id escalation_target(const sla::Directory& dir, model::Id owner_id);

/// Records the board's warnings and breaches that happened by `now` (each once, escalated per
/// escalation_target) and, in the same transaction, a notification for each new one: to the owner,
/// and for a breach to the escalation target; and, when `routes.escalation` names a connector, an outbox
/// row for it (delivered later, like every write-back). Returns the new ones.
std::vector<model::SlaEvent> record_and_notify(storage::Store& store, const sla::Board& board, model::Timestamp now,
                                               const connector::WriteBackRoutes& routes = {});

}  // namespace kartoteka::desk::detail
