#pragma once
/// The lifecycle records an agent makes (DOMAIN.md "Lifecycle status"): a loss with its date, reason and
/// who lost the customer; a return, which counts only once a new order is in the history; a
/// do-not-retain decision. The status itself stays computed by retention::assess_status from these
/// records and the orders, so each action checks the record against that reading before storing it.
#include <string>

#include "config/retention_config.h"
#include "model/agent.h"
#include "model/lifecycle.h"
#include "storage/store.h"

namespace kartoteka::actions {

struct LossDraft {
    model::Id customer_id = 0;
    model::LossReason reason = model::LossReason::other;
    model::Id lost_by = 0;       ///< the employee who lost the customer (000); required
    model::Timestamp at = 0;     ///< when the customer left; 0 = now
    std::string note;            ///< which competitor, which rule...; required when the reason is `other`
};

struct ReturnDraft {
    model::Id customer_id = 0;
    model::Id won_back_by = 0;   ///< who won them back; 0 = the customer came back unprompted
    std::string note;
};

struct DoNotRetainDraft {
    model::Id customer_id = 0;
    std::string reason;          ///< what they did: broke the law, abused or threatened staff, blackmail (003)
};

class LifecycleActions {
public:
    /// Each action checks the agent's role (access::require) and writes the record and its audit entry
    /// in one transaction. `rules` is the configuration the status is read with.
    LifecycleActions(storage::Store& store, model::Agent agent, config::RetentionConfig rules)
        : m_store(store), m_agent(std::move(agent)), m_rules(std::move(rules)) {}

    /// Records that the customer was lost. @throws Error{not_found} for an unknown customer;
    /// Error{invalid} without who lost them, for a date in the future or before the customer's last
    /// order (that order would already count as their return), for a loss still open (no order since
    /// it), or for reason `other` without a note; Error{forbidden} when the agent's role may not.
    model::LifecycleEvent record_loss(const LossDraft& draft, model::Timestamp now);

    /// Records who won back a lost customer, dated by the first order after the loss: only an order
    /// makes a return (000), so without one this is refused (Error{invalid}), as it is for a customer
    /// never lost or a return already recorded.
    model::LifecycleEvent record_return(const ReturnDraft& draft, model::Timestamp now);

    /// Marks the customer do-not-retain, decided by this agent (supervisors and admins): final, no
    /// offers or win-back from now on. @throws Error{invalid} without a reason or when already marked.
    model::LifecycleEvent mark_do_not_retain(const DoNotRetainDraft& draft, model::Timestamp now);

private:
    model::Customer require_customer(model::Id id);
    model::LifecycleEvent store(model::LifecycleEvent event, const char* action, const std::string& detail,
                                model::Timestamp now);

    storage::Store& m_store;
    model::Agent m_agent;
    config::RetentionConfig m_rules;
};

}  // namespace kartoteka::actions
