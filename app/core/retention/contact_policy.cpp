#include "retention/contact_policy.h"

#include <date/tz.h>

#include <cstdio>

#include "error.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

using model::Channel;

Eligibility refuse(std::string rule, std::string reason) { return {false, std::move(rule), std::move(reason)}; }

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
        return refuse("written_only", "the customer wants written proposals only, no calls");
    if (is_call(channel) && p.do_not_call) return refuse("do_not_call", "the customer asked not to be called");
    if (is_call(channel) && p.calls_themselves)
        return refuse("calls_themselves", "the customer wants to be left alone and calls us themselves");
    if (p.unsubscribed.count(channel)) return refuse("unsubscribed", "the customer unsubscribed from " + ch);
    if (!p.allowed_channels.empty() && !p.allowed_channels.count(channel))
        return refuse("channel_not_allowed", ch + " is not among the customer's allowed channels");
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

Eligibility check_channel(Channel channel, bool sales, const model::ContactPreferences& prefs,
                          const ContactSituation& s, const config::OfferRules& rules) {
    if (auto e = check_preferences(channel, prefs); !e.eligible) return e;
    const std::string tz = prefs.timezone.empty() ? s.centre_timezone : prefs.timezone;
    const LocalTime here = local_time(s.now, tz);
    // Letters go by post: there is no hour at which they disturb anyone.
    if (channel != Channel::letter && in_quiet_hours(prefs.quiet_hours, here.minute_of_day))
        return refuse("quiet_hours", "it is " + hhmm(here.minute_of_day) + " in " + tz + ", inside the quiet hours " +
                                         hhmm(prefs.quiet_hours.from_minute) + "-" + hhmm(prefs.quiet_hours.to_minute));
    if (sales && is_call(channel) && rules.no_sales_call_after_inbound_days > 0) {
        for (auto call : s.inbound_calls) {
            if (call > s.now) continue;
            const int days_after = here.date - local_time(call, tz).date;
            if (days_after >= 1 && days_after <= rules.no_sales_call_after_inbound_days)
                return refuse("day_after_inbound_call", "the customer called us on " +
                                                            util::format_date(local_time(call, tz).date) +
                                                            "; no sales call the day after");
        }
    }
    return {};
}

Eligibility check_offer(const model::Offer& o, const CustomerHistory& h, const StatusAssessment& status,
                        const ContactSituation& s, const config::OfferRules& rules) {
    using model::LifecycleStatus;
    if (!model::is_open(o.status)) return refuse("closed", std::string("the offer is ") + model::to_string(o.status));
    if (o.valid_from && s.now < o.valid_from)
        return refuse("not_yet_valid", "valid from " + util::format_iso(o.valid_from));
    if (o.valid_until && s.now > o.valid_until) return refuse("expired", "valid until " + util::format_iso(o.valid_until));
    if (status.record.status == LifecycleStatus::do_not_retain)
        return refuse("do_not_retain", "the customer is marked do-not-retain; no offers");
    if (status.record.times_lost >= 2 && status.record.status != LifecycleStatus::returned)
        return refuse("lost_twice", "the customer was lost twice and is not to be won back");
    if (const auto* held = held_product(o.product, h.holdings, util::date_of(s.now))) return already_held(*held);
    const std::string product = util::fold_case(o.product);
    for (const auto& order : h.orders)
        if (order.placed_at <= s.now && util::fold_case(order.product) == product)
            return refuse("already_has_product", "bought " + order.product + " on " +
                                                     util::format_date(util::date_of(order.placed_at)));
    return check_channel(o.channel, true, h.preferences, s, rules);
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
    if (h.opened) what += ", since " + util::format_date(h.opened);
    return refuse("already_has_product", "holds " + h.product + " (" + what + ")");
}

}  // namespace kartoteka::retention
