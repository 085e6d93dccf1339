#pragma once
/// A callback the customer asked for: "call me back tomorrow at 18:00". An instant (stored UTC, shown in
/// the centre's zone), owned by the agent who promised it (not by the offer's assignee or the customer's
/// manager: the customer expects the voice they spoke to), until it is done or cancelled.
#include <optional>
#include <string>
#include <string_view>

#include "types.h"

namespace kartoteka::model {

enum class CallbackStatus { open, done, cancelled };

inline const char* to_string(CallbackStatus s) noexcept {
    switch (s) {
    case CallbackStatus::open: return "open";
    case CallbackStatus::done: return "done";
    case CallbackStatus::cancelled: return "cancelled";
    }
    return "?";
}

inline std::optional<CallbackStatus> parse_callback_status(std::string_view text) noexcept {
    for (auto s : {CallbackStatus::open, CallbackStatus::done, CallbackStatus::cancelled})
        if (text == to_string(s)) return s;
    return std::nullopt;
}

struct Callback {
    Id id = 0;
    Id customer_id = 0;
    Id agent_id = 0;             ///< who calls back: the agent who promised it, or whom a supervisor gave it to
    Timestamp due_at = 0;        ///< the instant the customer asked for
    std::string note;            ///< what to call about, in the agent's words
    CallbackStatus status = CallbackStatus::open;
    Id created_by = 0;           ///< the agent who promised it (kept when it is reassigned)
    Timestamp created_at = 0;
    Id offer_id = 0;             ///< the offer postponed with "call back", if any
    Id interaction_id = 0;       ///< the logged contact it was promised in, if any
    Timestamp reminded_at = 0;   ///< when the owner's window announced it; 0 = not yet
    Timestamp closed_at = 0;     ///< when it was done or cancelled
    int version = 0;             ///< optimistic-locking counter
};

}  // namespace kartoteka::model
