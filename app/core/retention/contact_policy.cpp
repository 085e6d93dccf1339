#include "retention/contact_policy.h"

#include <date/tz.h>

#include <cstdio>

#include "error.h"
#include "phone/phone_normalizer.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

using model::Channel;

Eligibility refuse(std::string rule, util::Message why) {
    std::string reason = why.english();
    Eligibility e;
    e.eligible = false;
    e.rule = std::move(rule);
    e.reason = std::move(reason);
    e.why = std::move(why);
    return e;
}

std::string hhmm(int minute) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 24, minute % 60);
    return buf;
}

bool is_call(Channel c) { return c == Channel::phone; }

const date::time_zone* zone_of(const std::string& timezone) {
    try {
        return date::locate_zone(timezone);
    } catch (const std::exception&) {
        throw Error(ErrorKind::invalid, "unknown time zone '" + timezone + "' (expected an IANA name such as Europe/Sofia)");
    }
}

}  // namespace

Eligibility check_preferences(Channel channel, const model::ContactPreferences& p) {
    const std::string ch = model::to_string(channel);
    if (is_call(channel) && p.written_only)
        return refuse("written_only", {N_("the customer wants written proposals only, no calls"), {}});
    if (is_call(channel) && p.do_not_call) return refuse("do_not_call", {N_("the customer asked not to be called"), {}});
    if (is_call(channel) && p.calls_themselves)
        return refuse("calls_themselves", {N_("the customer wants to be left alone and calls us themselves"), {}});
    if (p.unsubscribed.count(channel)) return refuse("unsubscribed", {N_("the customer unsubscribed from {1}"), {ch}});
    if (!p.allowed_channels.empty() && !p.allowed_channels.count(channel))
        return refuse("channel_not_allowed", {N_("{1} is not among the customer's allowed channels"), {ch}});
    return {};
}

LocalTime local_time(model::Timestamp t, const std::string& timezone) {
    const date::time_zone* zone = zone_of(timezone);
    const auto local = zone->to_local(date::sys_seconds{std::chrono::seconds{t}});
    const auto day = date::floor<date::days>(local);
    LocalTime out;
    out.date = static_cast<model::Date>(day.time_since_epoch().count());
    out.minute_of_day = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
    return out;
}

std::string format_local(model::Timestamp t, const std::string& timezone) {
    if (!t) return "";
    const LocalTime local = local_time(t, timezone);
    return util::format_date(local.date) + " " + hhmm(local.minute_of_day);
}

model::Timestamp utc_of(const LocalTime& local, const std::string& timezone) {
    const date::time_zone* zone = zone_of(timezone);
    const date::local_seconds at{date::days{local.date} + std::chrono::minutes{local.minute_of_day}};
    return static_cast<model::Timestamp>(zone->to_sys(at, date::choose::earliest).time_since_epoch().count());
}

bool in_quiet_hours(const model::QuietHours& q, int minute) {
    if (!q.enabled()) return false;
    if (q.from_minute < q.to_minute) return minute >= q.from_minute && minute < q.to_minute;
    return minute >= q.from_minute || minute < q.to_minute;  // wraps past midnight
}

std::vector<model::Timestamp> inbound_calls(const std::vector<model::Interaction>& interactions) {
    std::vector<model::Timestamp> out;
    for (const auto& i : interactions)
        if (i.channel == Channel::phone && i.direction == model::Direction::inbound) out.push_back(i.occurred_at);
    return out;
}

std::string customer_zone(const model::Customer& customer, const model::ContactPreferences& prefs,
                          const std::string& centre_zone, model::Timestamp now) {
    if (!prefs.timezone.empty()) return prefs.timezone;
    if (!customer.phones.empty()) {
        const std::string zone = util::zone_of_country(phone::PhoneNormalizer::region_of_e164(customer.phones.front()), now);
        if (!zone.empty()) return zone;
    }
    return centre_zone;
}

Eligibility check_channel(Channel channel, bool sales, const model::ContactPreferences& prefs,
                          const ContactSituation& s, const config::OfferRules& rules) {
    if (auto e = check_preferences(channel, prefs); !e.eligible) return e;
    const std::string tz = prefs.timezone.empty() ? s.default_timezone : prefs.timezone;
    const LocalTime here = local_time(s.now, tz);
    // Quiet hours are about being disturbed: a call or an SMS at 13:00 is, an e-mail or a letter is not.
    if (interrupts(channel) && in_quiet_hours(prefs.quiet_hours, here.minute_of_day))
        return refuse("quiet_hours", {N_("it is {1} in {2}, inside the quiet hours {3}-{4}"),
                                        {hhmm(here.minute_of_day), tz, hhmm(prefs.quiet_hours.from_minute),
                                         hhmm(prefs.quiet_hours.to_minute)}});
    if (sales && is_call(channel) && rules.no_sales_call_after_inbound_days > 0) {
        for (auto call : s.inbound_calls) {
            if (call > s.now) continue;
            const int days_after = here.date - local_time(call, tz).date;
            if (days_after >= 1 && days_after <= rules.no_sales_call_after_inbound_days)
                return refuse("day_after_inbound_call", {N_("the customer called us on {1}; no sales call the day after"),
                                                            {util::format_date(local_time(call, tz).date)}});
        }
    }
    return {};
}

bool interrupts(Channel c) { return c == Channel::phone || c == Channel::sms || c == Channel::messenger; }

Eligibility check_complaints(const std::vector<model::Ticket>& tickets) {
    for (const auto& t : tickets) {
        if (t.status != model::TicketStatus::open && t.status != model::TicketStatus::waiting_customer) continue;
        const std::string number = t.external_id.empty() || t.source_system.empty() || t.source_system == "local"
                                       ? "#" + std::to_string(t.id)
                                       : t.source_system + " " + t.external_id;
        return refuse("open_complaint", {N_("complaint {1} is open; no sales offers until it is answered"), {number}});
    }
    return {};
}

Eligibility check_offer(const model::Offer& o, const CustomerHistory& h, const StatusAssessment& status,
                        const ContactSituation& s, const config::OfferRules& rules) {
    using model::LifecycleStatus;
    if (!model::is_open(o.status)) return refuse("closed", {N_("the offer is {1}"), {model::to_string(o.status)}});
    if (o.valid_from && s.now < o.valid_from)
        return refuse("not_yet_valid", {N_("valid from {1}"), {util::format_date(util::date_of(o.valid_from))}});
    if (o.valid_until && s.now > o.valid_until) return refuse("expired", {N_("valid until {1}"), {util::format_date(util::date_of(o.valid_until))}});
    if (status.record.status == LifecycleStatus::do_not_retain)
        return refuse("do_not_retain", {N_("the customer is marked do-not-retain; no offers"), {}});
    if (status.record.times_lost >= 2 && status.record.status != LifecycleStatus::returned)
        return refuse("lost_twice", {N_("the customer was lost twice and is not to be won back"), {}});
    if (auto e = check_complaints(h.tickets); !e.eligible) return e;
    if (const auto* held = held_product(o.product, h.holdings, util::date_of(s.now))) return already_held(*held);
    const std::string product = util::fold_case(o.product);
    for (const auto& order : h.orders)
        if (order.placed_at <= s.now && util::fold_case(order.product) == product)
            return refuse("already_has_product", {N_("bought {1} on {2}"),
                                                  {order.product, util::format_date(util::date_of(order.placed_at))}});
    auto e = check_channel(o.channel, true, h.preferences, s, rules);
    if (e.eligible && status.extra_sensitive)
        e.caution = {N_("returned customer, extremely sensitive until {1}: offer only what helps them"),
                     {util::format_date(util::date_of(status.sensitive_until))}};
    return e;
}

const model::Holding* held_product(const std::string& product, const std::vector<model::Holding>& holdings,
                                   model::Date today) {
    const std::string wanted = util::fold_case(util::trim(product));
    if (wanted.empty()) return nullptr;
    for (const auto& h : holdings)
        if (model::is_owned(h, today) && util::fold_case(util::trim(h.product)) == wanted) return &h;
    return nullptr;
}

Eligibility already_held(const model::Holding& h) {
    std::string what = model::to_string(h.kind);
    if (!h.number.empty()) what += " " + h.number;  // masked where it came in
    if (h.opened) return refuse("already_has_product", {N_("holds {1} ({2}, since {3})"), {h.product, what, util::format_date(h.opened)}});
    return refuse("already_has_product", {N_("holds {1} ({2})"), {h.product, what}});
}

}  // namespace kartoteka::retention
