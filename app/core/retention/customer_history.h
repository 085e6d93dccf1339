#pragma once
/// Everything the retention rules read about one customer. The rules are pure functions of this, the
/// configuration and an injected "now", so they are tested without a database.
#include <optional>
#include <vector>

#include "model/customer.h"
#include "model/holding.h"
#include "model/interaction.h"
#include "model/lifecycle.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/service_contact.h"
#include "model/ticket.h"
#include "model/value_traits.h"

namespace kartoteka::retention {

struct CustomerHistory {
    model::Customer customer;
    std::vector<model::Order> orders;               ///< any order; the rules sort and filter by time
    std::vector<model::LifecycleEvent> events;      ///< lost / returned / do-not-retain records
    std::vector<model::Interaction> interactions;   ///< recent ones are enough (signal window)
    std::vector<model::ServiceContact> contacts;
    std::vector<model::Offer> offers;
    model::ContactPreferences preferences;
    model::ValueTraits traits;
    std::vector<model::Ticket> tickets;             ///< complaints; open ones hold sales offers back
    std::vector<model::Holding> holdings;   ///< what they hold: offers for these are suppressed (001)
    std::vector<model::Feedback> feedback;  ///< ratings from reviews and surveys (and backends' contacts)
};

}  // namespace kartoteka::retention
