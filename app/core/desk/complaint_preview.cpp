// Desk: what F3 shows before a complaint is saved (issue 18): a repeat of a complaint still open, and
// the norms the new one would get. The window only presents this; the rule lives here.
#include <algorithm>

#include "access/permissions.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/store.h"
#include "util/text.h"

namespace kartoteka::desk {

ComplaintPreview Desk::complaint_preview(model::Id customer_id, const std::string& problem_type, int severity) {
    access::require(agent(), access::Action::open_complaint);
    const std::string type = util::trim(problem_type);
    ComplaintPreview out;
    with_store([&](storage::Store& s) {
        if (customer_id <= 0 || !s.customer(customer_id))
            throw Error(ErrorKind::not_found, "no customer #" + std::to_string(customer_id));
        for (auto& t : s.tickets_for(customer_id)) {
            const bool open = t.status == model::TicketStatus::open || t.status == model::TicketStatus::waiting_customer;
            if (open && t.problem_type == type) out.same_problem.push_back(std::move(t));
        }
    });
    std::sort(out.same_problem.begin(), out.same_problem.end(),
              [](const model::Ticket& a, const model::Ticket& b) {
                  return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
              });
    // The same resolution and calendar arithmetic the card's countdowns use, for a ticket opened now.
    std::lock_guard lock(m_sla_mutex);
    load_sla_rules();
    out.policy = m_policies->resolve(type, severity);
    auto* cal = m_calendars->find(out.policy.calendar);
    if (!cal) return out;  // a policy naming no known calendar: targets without deadlines
    const model::Timestamp now = m_clock();
    if (out.policy.first_response > 0) out.first_response_due = cal->add(now, out.policy.first_response);
    if (out.policy.resolution > 0) out.resolution_due = cal->add(now, out.policy.resolution);
    return out;
}

}  // namespace kartoteka::desk
