#pragma once
/// A warning or breach of a ticket's SLA target, recorded durably once and escalated to the owner's
/// team lead (issue 4). The SLA engine computes them; the store keeps them (sla_events table).
#include <optional>
#include <string_view>

#include "types.h"

namespace kartoteka::model {

/// The norms a ticket is measured against.
enum class SlaTarget { first_response, next_response, resolution };
enum class SlaEventKind { warning, breach };

struct SlaEvent {
    Id id = 0;
    Id ticket_id = 0;
    SlaTarget target = SlaTarget::first_response;
    SlaEventKind kind = SlaEventKind::breach;
    int cycle = 0;             ///< which next-response cycle (0 for the other targets)
    Timestamp at = 0;          ///< when the warning point or the deadline was reached
    Id owner_id = 0;           ///< the ticket's owner at that time
    Id escalated_to = 0;       ///< the owner's team lead; 0 when the team has none
    Timestamp recorded_at = 0; ///< when Kartoteka noticed and stored it
};

inline const char* to_string(SlaTarget v) noexcept {
    switch (v) {
    case SlaTarget::first_response: return "first_response";
    case SlaTarget::next_response: return "next_response";
    case SlaTarget::resolution: return "resolution";
    }
    return "resolution";
}

inline const char* to_string(SlaEventKind v) noexcept { return v == SlaEventKind::warning ? "warning" : "breach"; }

inline std::optional<SlaTarget> parse_sla_target(std::string_view s) noexcept {
    if (s == "first_response") return SlaTarget::first_response;
    if (s == "next_response") return SlaTarget::next_response;
    if (s == "resolution") return SlaTarget::resolution;
    return std::nullopt;
}

inline std::optional<SlaEventKind> parse_sla_event_kind(std::string_view s) noexcept {
    if (s == "warning") return SlaEventKind::warning;
    if (s == "breach") return SlaEventKind::breach;
    return std::nullopt;
}

}  // namespace kartoteka::model
