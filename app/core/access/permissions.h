#pragma once
/// Who may do what, enforced in the core (not only hidden in the GUI): every host calls require() before
/// acting for an agent, so the CLI, the GUI and the screen pop obey the same rules.
#include <string>

#include "model/agent.h"

namespace kartoteka::access {

enum class Action {
    view_card,           ///< open a customer's card (every role; each view is audited)
    log_contact,         ///< record a contact in the timeline
    open_complaint,      ///< open a complaint ticket
    update_ticket,       ///< reply, pause, resolve, reassign a ticket
    work_offer,          ///< record an offer's outcome and next step
    edit_preferences,    ///< change contact preferences
    log_service_contact, ///< complete a planned service contact
    view_sla_board,      ///< the supervisor's SLA board
    view_reports,        ///< churn and other figures
    view_audit,          ///< read the audit log
    administer,          ///< seed data, manage agents
    record_deal,         ///< record a new deal (order) and plan its service contacts
    plan_retention,      ///< run the win-back ladder and the contact schedule, set value traits
    record_lifecycle,    ///< record that a customer was lost, or who won them back
    mark_do_not_retain,  ///< take the employee's side: no retention, no offers (supervisors and admins)
    retry_write_back,    ///< make failed write-backs due again (supervisors and admins)
    manage_tickets,      ///< reassign, escalate, change severity or problem type (supervisors and admins)
    manage_callbacks,    ///< reassign or close another agent's callbacks, read their lists (supervisors and admins)
};

const char* to_string(Action a) noexcept;
bool allowed(model::Role role, Action action) noexcept;

/// @throws Error{forbidden} naming the agent, their role and the action, when not allowed or when the
///         agent is inactive.
void require(const model::Agent& agent, Action action);

}  // namespace kartoteka::access
