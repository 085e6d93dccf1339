#pragma once
/// One contact with the customer in any channel, from any system: the timeline of the card.
#include <string>
#include <vector>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

struct Interaction {
    Id id = 0;
    Id customer_id = 0;
    Channel channel = Channel::phone;
    Direction direction = Direction::inbound;
    Timestamp occurred_at = 0;
    Id agent_id = 0;            ///< 0 when the backend did not say or it was not our agent
    std::string agent_name;     ///< as the source system named them, for agents we do not know
    std::string summary;        ///< as written; for an entry the program wrote, in English
    /// An entry the program wrote (an offer worked, a callback agreed) as a template and its values in
    /// JSON (util::Message::to_json), so each screen shows it in its own language with times on its
    /// clock; "" for what an agent typed. Kept as text here: the model does not depend on util.
    std::string details;
    std::string source_system;  ///< "local" for what was logged in Kartoteka
    std::string external_id;    ///< the id in the source system; empty for local records
    std::string disposition;    ///< the wrap-up code (config wrap_up.dispositions); empty when none was given
};

/// One page of a customer's timeline, newest first.
struct InteractionPage {
    std::vector<Interaction> items;
    long long total = 0;  ///< all the customer's interactions, for "showing 50 of 3,214"
};

}  // namespace kartoteka::model
