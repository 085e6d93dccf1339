#pragma once
/// The escalator (issue 19): SLA warnings and breaches recorded as they happen, on one seat at a time,
/// and told to the people concerned. Calls over the desk's public door (with_store, agent, now); they
/// belong with the desk's other use cases and may move into desk::Desk when its header is next opened.
#include <chrono>
#include <string>
#include <vector>

#include "desk/desk.h"
#include "model/notification.h"

namespace kartoteka::desk {

/// What one escalator pass did.
struct EscalationRun {
    bool on_duty = false;                   ///< this seat holds the escalator's lease (else another seat runs it)
    std::vector<model::SlaEvent> recorded;  ///< warnings and breaches newly recorded, with their escalation
    int notified = 0;                       ///< notifications written
};

/// One pass as `seat` (a unique name: "login@host:pid"): takes or renews the store's escalator lease for
/// `lease`; while this seat has it, evaluates every open ticket now, records each warning and breach
/// that has happened (once, whether or not anyone has a board open) and notifies the owner, and for a
/// breach the owner's team lead (or a supervisor: Desk::escalation_target). Any active agent's seat may
/// run it: the duty is the centre's. @throws Error{forbidden} for an unknown or disabled login.
EscalationRun run_escalator(Desk& desk, const std::string& seat, std::chrono::seconds lease = std::chrono::seconds(90));
/// The signed-in agent's notifications, newest first.
std::vector<model::Notification> notifications(Desk& desk, bool unread_only, int limit = 50);
/// Marks the signed-in agent's notifications up to this id read; how many were unread.
int mark_notifications_read(Desk& desk, model::Id up_to);

}  // namespace kartoteka::desk
