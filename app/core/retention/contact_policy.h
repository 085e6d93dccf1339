#pragma once
/// Whether an outbound contact or offer may go ahead now (DOMAIN.md "Contact preferences", "Offers"):
/// written-only and do-not-call customers get no calls, nothing in quiet hours (in the customer's own
/// time zone), no unsubscribed channel, no sales call the day after their own inbound call, no offer
/// for a product they already have. Every refusal names the rule; nothing is dropped silently.
#include <optional>
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "retention/customer_history.h"
#include "retention/lifecycle_rules.h"
#include "util/message.h"

namespace kartoteka::retention {

struct Eligibility {
    bool eligible = true;
    std::string rule;    ///< the refusing rule: written_only, do_not_call, quiet_hours, ... ; empty if eligible
    std::string reason;  ///< the fact behind it, for the agent, in English (CLI, JSON, log)
    util::Message why = {};   ///< the same fact as a template and values, for a translated screen
    /// Allowed, but the agent must know first (a returned customer is extremely sensitive); empty if none.
    util::Message caution = {};
};

/// Wall-clock reading of an instant in a time zone.
struct LocalTime {
    model::Date date = 0;     ///< local calendar date (days since 1970-01-01)
    int minute_of_day = 0;    ///< 0..1439
};

/// @throws Error{invalid} when `timezone` is not an IANA zone name.
LocalTime local_time(model::Timestamp t, const std::string& timezone);
/// "2026-11-24 14:05" on the wall clock of `timezone`; "" for 0 (no time).
std::string format_local(model::Timestamp t, const std::string& timezone);
/// The instant a wall-clock reading in a time zone stands for (the inverse of local_time). A reading
/// that a daylight-saving change skips or repeats takes the earlier instant.
/// @throws Error{invalid} when `timezone` is not an IANA zone name.
model::Timestamp utc_of(const LocalTime& local, const std::string& timezone);

/// True when `minute` falls in the quiet interval; from > to wraps past midnight (22:00-08:00).
bool in_quiet_hours(const model::QuietHours& quiet, int minute);

/// What the checks need beyond the preferences.
struct ContactSituation {
    model::Timestamp now = 0;
    std::string default_timezone;  ///< used when the preferences name no zone: customer_zone's fallback
    std::vector<model::Timestamp> inbound_calls;  ///< the customer's own inbound phone calls (any order)
};

/// The zone the customer's clock keeps at `now`: the one their preferences name; else their primary
/// phone's country's, when that country keeps one time (util::zone_of_country: a +44 number is
/// Europe/London, a +7 one could be any of Russia's eleven); else the centre's. Quiet hours and
/// "may we call now" are read on it.
std::string customer_zone(const model::Customer& customer, const model::ContactPreferences& prefs,
                          const std::string& centre_zone, model::Timestamp now);

/// What the preferences alone refuse on `channel`, at any hour: written-only, do-not-call and
/// calls-themselves for calls, an unsubscribed channel, a channel outside the allowed ones.
Eligibility check_preferences(model::Channel channel, const model::ContactPreferences& prefs);

/// May we reach the customer on `channel` now? `sales` = a sales call (the day-after-inbound rule).
Eligibility check_channel(model::Channel channel, bool sales, const model::ContactPreferences& prefs,
                          const ContactSituation& situation, const config::OfferRules& rules);

/// May this offer be worked now: open, valid, relevant, allowed for this customer and channel?
Eligibility check_offer(const model::Offer& offer, const CustomerHistory& h, const StatusAssessment& status,
                        const ContactSituation& situation, const config::OfferRules& rules);

/// No sales offer while a complaint is open or waiting for the customer: a customer with an
/// unanswered complaint hears a sales pitch as not being listened to (001, 003). Eligible when none is.
Eligibility check_complaints(const std::vector<model::Ticket>& tickets);

/// True for the channels that reach a person at a moment (calls, SMS), which quiet hours hold back;
/// e-mail and letters wait in an inbox and are not held.
bool interrupts(model::Channel channel);

/// The holding the customer still owns (model::is_owned on `today`) whose product is `product`, compared
/// case-folded and trimmed; nullptr when none is.
const model::Holding* held_product(const std::string& product, const std::vector<model::Holding>& holdings,
                                   model::Date today);
/// The refusal for an offer of a product the customer holds: rule already_has_product, the reason
/// naming the holding (its number masked). Such an offer is suppressed, not just refused (001).
Eligibility already_held(const model::Holding& holding);

/// The customer's inbound phone calls among the interactions.
std::vector<model::Timestamp> inbound_calls(const std::vector<model::Interaction>& interactions);

}  // namespace kartoteka::retention
