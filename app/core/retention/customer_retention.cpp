#include "retention/customer_retention.h"

namespace kartoteka::retention {

ContactSituation situation_of(const CustomerHistory& h, const std::string& centre_timezone, model::Timestamp now) {
    return {now, customer_zone(h.customer, {}, centre_timezone, now), inbound_calls(h.interactions)};
}

CustomerRetention assess(const CustomerHistory& h, const config::RetentionConfig& rules,
                         const std::string& centre_timezone, model::Timestamp now) {
    CustomerRetention r;
    r.satisfaction = satisfaction_index(h.contacts, h.feedback, rules.satisfaction,
                                        rules.value.satisfaction_warning_below, now);
    r.status = assess_status(h, rules, now, r.satisfaction.index);
    r.value = assess_value(h, r.status, rules, now);
    r.grade = grade_view(r.value, rules.grades);
    const auto here = situation_of(h, centre_timezone, now);
    for (const auto& o : h.offers) r.offers.push_back(check_offer(o, h, r.status, here, rules.offers));
    const model::Date today = local_time(now, centre_timezone).date;
    for (const auto& c : h.contacts) {
        ContactView v;
        v.contact = c;
        v.channel = rules.contacts.channels.at(c.type);
        v.due_today = c.status == model::ContactStatus::planned && c.due <= today;
        if (c.status == model::ContactStatus::planned)
            v.eligibility = check_channel(v.channel, c.type == model::ContactType::new_idea, h.preferences, here,
                                          rules.offers);
        r.contacts.push_back(std::move(v));
    }
    return r;
}

}  // namespace kartoteka::retention
