#pragma once
/// What the orders cannot tell about a customer's worth: margin, reference status, payment and
/// behaviour flags (DOMAIN.md "Value": category A and "not worth winning back").
#include <optional>

#include "types.h"

namespace kartoteka::model {

struct ValueTraits {
    Id customer_id = 0;
    std::optional<int> margin_percent;  ///< nullopt = unknown (the margin criteria are then skipped)
    bool reference = false;             ///< "politically important" reference customer
    bool pays_late = false;
    bool demands_too_much = false;
    bool rude = false;
    bool supplier_hopper = false;       ///< hops between suppliers for small savings
    Timestamp updated_at = 0;
};

}  // namespace kartoteka::model
