#pragma once
/// How the customer wants to be contacted (DOMAIN.md "Contact preferences"). Enforced by the core
/// before any outbound task is offered to an agent.
#include <optional>
#include <set>
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

/// Local wall-clock interval in minutes since midnight; from > to wraps past midnight (22:00-08:00).
struct QuietHours {
    int from_minute = 0;
    int to_minute = 0;
    bool enabled() const { return from_minute != to_minute; }
};

struct ContactPreferences {
    Id customer_id = 0;
    std::set<Channel> allowed_channels;       ///< empty = every channel allowed
    std::optional<Channel> preferred_channel;
    bool written_only = false;                ///< no calls, only written proposals
    bool do_not_call = false;
    bool calls_themselves = false;            ///< wants to be left alone; always calls us
    QuietHours quiet_hours;
    std::string timezone;                     ///< IANA name for quiet hours; empty = the centre's
    std::set<Channel> unsubscribed;           ///< per-channel unsubscribe: always possible (003)
    std::string irritants;                    ///< free text: what irritates them
    Timestamp updated_at = 0;
    int version = 0;
};

}  // namespace kartoteka::model
