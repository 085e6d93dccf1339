#include "retention/contact_planner.h"

#include <algorithm>

#include "error.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

using model::ContactType;

model::ServiceContact make(model::Id customer, ContactType type, model::Date due, model::Id assignee) {
    model::ServiceContact c;
    c.customer_id = customer;
    c.type = type;
    c.due = due;
    c.assignee_id = assignee;
    return c;
}

/// Cross-sell and referral requests come from the customer's own manager; feedback and news from the
/// service team (004: the service call is deliberately not the manager's).
model::Id assignee_for(ContactType type, const CustomerHistory& h, const std::vector<model::Agent>& agents,
                       const config::ContactRules& rules) {
    if ((type == ContactType::new_idea || type == ContactType::become_part) && h.customer.manager_id != 0)
        return h.customer.manager_id;
    return pick_agent(agents, rules.service_role, h.customer.manager_id, h.customer.id);
}

}  // namespace

model::Id pick_agent(const std::vector<model::Agent>& agents, model::Role role, model::Id not_this, model::Id spread) {
    std::vector<model::Id> pool;
    for (const auto& a : agents)
        if (a.active && a.role == role && a.id != not_this) pool.push_back(a.id);
    if (pool.empty()) return 0;
    return pool[static_cast<std::size_t>(spread < 0 ? -spread : spread) % pool.size()];
}

std::vector<model::ServiceContact> plan_deal_contacts(model::Id customer_id, model::Date deal_day, model::Id manager,
                                                      const std::vector<model::Agent>& agents,
                                                      const config::ContactRules& rules) {
    const model::Id service = pick_agent(agents, rules.service_role, manager, customer_id);
    if (service == 0)
        throw Error(ErrorKind::invalid, std::string("no active ") + model::to_string(rules.service_role) +
                                            " agent other than the closing manager for the service call");
    return {make(customer_id, ContactType::welcome_letter, deal_day, manager),
            make(customer_id, ContactType::service_call, deal_day + rules.service_call_after_days, service)};
}

std::vector<model::ServiceContact> plan_periodic_contacts(const CustomerHistory& h, const StatusAssessment& status,
                                                          char tier, const std::vector<model::Agent>& agents,
                                                          const config::ContactRules& rules, model::Date today) {
    using model::LifecycleStatus;
    const auto s = status.record.status;
    if (s != LifecycleStatus::active && s != LifecycleStatus::at_risk && s != LifecycleStatus::returned) return {};
    const auto intervals = rules.periodic.find(tier);
    if (intervals == rules.periodic.end()) return {};
    model::Date began = util::date_of(h.customer.created_at);
    for (const auto& o : h.orders) began = std::max(began, std::min(today, util::date_of(o.placed_at)));
    std::vector<model::ServiceContact> out;
    for (const auto& [type, days] : intervals->second) {
        if (days <= 0) continue;
        model::Date last = began;
        bool pending = false;
        for (const auto& c : h.contacts) {
            if (c.type != type) continue;
            if (c.status == model::ContactStatus::planned) pending = true;
            last = std::max(last, c.status == model::ContactStatus::done && c.done_at ? util::date_of(c.done_at) : c.due);
        }
        if (pending) continue;  // one planned contact of a type at a time: never stack reminders
        // Nobody to assign to leaves it unassigned (everyone's list) rather than dropping it.
        out.push_back(make(h.customer.id, type, std::max(today, last + days), assignee_for(type, h, agents, rules)));
    }
    return out;
}

}  // namespace kartoteka::retention
