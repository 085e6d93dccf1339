#pragma once
/// "My work" (issue 19): one list per agent of everything they are to do, sorted by when it is due,
/// each with whether it may be done now and why not. Planned contacts, callbacks the agent promised,
/// offers to work and the agent's own open complaints; a new kind of item adds a WorkKind and one
/// source in my_work.cpp. A call over the desk's public door, like the escalator's.
#include <string>
#include <vector>

#include "desk/desk.h"
#include "util/message.h"

namespace kartoteka::desk {

enum class WorkKind { planned_contact, callback, offer, complaint };
const char* to_string(WorkKind kind) noexcept;

struct WorkItem {
    WorkKind kind = WorkKind::planned_contact;
    model::Id id = 0;           ///< the planned contact's, callback's, offer's or ticket's id
    model::Id customer_id = 0;
    std::string customer_name;
    std::string what;           ///< contact type, the callback's note, product, complaint subject
    /// By when: a planned contact's day (its start in the centre's zone), the time a callback was agreed
    /// for, an offer's agreed next step or the end of its validity, a complaint's next SLA deadline;
    /// 0 = no time set (listed last).
    model::Timestamp due = 0;
    bool overdue = false;       ///< due before now (a planned contact: before today)
    bool may_now = true;        ///< may it be done now
    std::string rule;           ///< what refuses it (quiet_hours, do_not_call, ...); a complaint: its SLA state
    std::string why;            ///< the fact behind it, for the agent, in English (CLI, JSON)
    util::Message message = {};  ///< the same fact as a template, for a translated screen; may be empty
};

/// The signed-in agent's work at `now`, sorted by due (no time last, then by kind and id).
/// @throws Error{forbidden} for an unknown or disabled login.
std::vector<WorkItem> my_work(Desk& desk, model::Timestamp now);

}  // namespace kartoteka::desk
