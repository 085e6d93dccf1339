#pragma once
/// A planned outbound offer in the customer's queue (DOMAIN.md "Offers and win-back").
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

/// The concrete next step agreed on the call: an office at an exact address and date, an appointment,
/// a courier. "Come to any office" is not a next step (001).
struct NextStep {
    NextStepKind kind = NextStepKind::none;
    Timestamp at = 0;        ///< when: visit date, appointment time, courier slot
    std::string address;     ///< the exact office address or delivery address
    std::string note;
};

struct Offer {
    Id id = 0;
    Id customer_id = 0;
    std::string product;
    int priority = 0;             ///< higher first
    Channel channel = Channel::phone;
    Timestamp valid_from = 0;
    Timestamp valid_until = 0;    ///< 0 = open-ended
    OfferStatus status = OfferStatus::planned;
    OfferKind kind = OfferKind::regular;
    int discount_percent = 0;     ///< win-back ladder step (10/15/20 by default)
    Id assignee_id = 0;
    std::string outcome;          ///< what the customer said, in the agent's words
    std::string script;           ///< what to say with it: pitch, price, conditions (from the offer's source)
    NextStep next_step;
    Timestamp updated_at = 0;
    std::string source_system;
    std::string external_id;
    int version = 0;              ///< optimistic-locking counter
};

/// Still in the queue: an agent can work it. Accepted, declined, expired and suppressed offers are done.
inline bool is_open(OfferStatus s) {
    return s == OfferStatus::planned || s == OfferStatus::in_progress || s == OfferStatus::postponed;
}

}  // namespace kartoteka::model
