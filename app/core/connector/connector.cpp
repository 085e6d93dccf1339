#include "connector/connector.h"

namespace kartoteka::connector {

const char* to_string(Capability c) noexcept {
    switch (c) {
    case Capability::lookup_by_phone: return "lookup by phone";
    case Capability::lookup_by_email: return "lookup by email";
    case Capability::lookup_by_id: return "lookup by id";
    case Capability::interactions: return "interactions";
    case Capability::offers: return "offers";
    case Capability::preferences: return "preferences";
    case Capability::tickets: return "tickets";
    case Capability::accept_interaction: return "accepts new interaction";
    case Capability::accept_offer_outcome: return "accepts offer outcome";
    case Capability::accept_ticket: return "accepts new or updated ticket";
    }
    return "?";
}

const char* to_string(Failure f) noexcept {
    switch (f) {
    case Failure::down: return "down";
    case Failure::timed_out: return "timed_out";
    case Failure::bad_data: return "bad_data";
    case Failure::rejected: return "rejected";
    }
    return "?";
}

std::string Lookup::ref_for(const std::string& system) const {
    for (const auto& r : refs)
        if (r.system == system) return r.external_id;
    return {};
}

std::string Lookup::key() const {
    std::string k = phone + "|" + email;
    for (const auto& r : refs) k += "|" + r.system + ":" + r.external_id;
    return k;
}

}  // namespace kartoteka::connector
