#include "access/permissions.h"

#include "error.h"

namespace kartoteka::access {

const char* to_string(Action a) noexcept {
    switch (a) {
    case Action::view_card: return "view a customer's card";
    case Action::log_contact: return "log a contact";
    case Action::open_complaint: return "open a complaint";
    case Action::update_ticket: return "update a ticket";
    case Action::work_offer: return "work an offer";
    case Action::edit_preferences: return "edit contact preferences";
    case Action::log_service_contact: return "log a planned service contact";
    case Action::view_sla_board: return "view the SLA board";
    case Action::view_reports: return "view reports";
    case Action::view_audit: return "read the audit log";
    case Action::administer: return "administer Kartoteka";
    case Action::record_deal: return "record a new deal";
    case Action::plan_retention: return "plan win-back offers and service contacts";
    case Action::record_lifecycle: return "record a loss or a return";
    case Action::mark_do_not_retain: return "mark a customer do-not-retain";
    case Action::retry_write_back: return "retry failed write-backs";
    case Action::manage_tickets: return "reassign, escalate or re-prioritise a ticket";
    case Action::manage_callbacks: return "manage other agents' callbacks";
    }
    return "?";
}

bool allowed(model::Role role, Action a) noexcept {
    using model::Role;
    switch (role) {
    case Role::admin: return true;
    case Role::supervisor: return a != Action::administer;
    case Role::operator_:
        // Inbound operators hear "we are leaving" and take the first order back: they record losses and
        // returns. Do-not-retain takes sides with staff against a customer: a supervisor's call (003).
        return a == Action::view_card || a == Action::log_contact || a == Action::open_complaint ||
               a == Action::update_ticket || a == Action::work_offer || a == Action::edit_preferences ||
               a == Action::record_deal || a == Action::record_lifecycle;
    case Role::service:
        // Service staff make the planned contacts; a problem raised on one opens a complaint.
        return a == Action::view_card || a == Action::log_contact || a == Action::open_complaint ||
               a == Action::log_service_contact || a == Action::edit_preferences;
    }
    return false;
}

void require(const model::Agent& agent, Action action) {
    if (!agent.active)
        throw Error(ErrorKind::forbidden, "agent '" + agent.login + "' is deactivated and may not " + to_string(action));
    if (!allowed(agent.role, action))
        throw Error(ErrorKind::forbidden, "agent '" + agent.login + "' (" + model::to_string(agent.role) +
                                              ") may not " + to_string(action));
}

}  // namespace kartoteka::access
