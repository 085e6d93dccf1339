#pragma once
/// What happened to the relationship: losses, returns, do-not-retain decisions (DOMAIN.md
/// "Lifecycle status"). The status itself is computed from these events and the order history.
#include <optional>
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

struct LifecycleEvent {
    Id id = 0;
    Id customer_id = 0;
    LifecycleEventKind kind = LifecycleEventKind::lost;
    Timestamp at = 0;
    LossReason reason = LossReason::other;  ///< for kind == lost
    Id agent_id = 0;                        ///< lost: who lost them; returned: who won them back (0: nobody,
                                            ///< they came back unprompted); do_not_retain: who decided
    std::string note;
};

/// The lifecycle record as the card shows it.
struct LifecycleRecord {
    LifecycleStatus status = LifecycleStatus::active;
    Timestamp lost_at = 0;
    std::optional<LossReason> lost_reason;
    Id lost_by = 0;
    Timestamp returned_at = 0;  ///< the first order after the latest loss (only an order makes a return)
    Id returned_by = 0;         ///< who won them back, when a return record names them
    int times_lost = 0;
};

}  // namespace kartoteka::model
