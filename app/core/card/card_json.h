#pragma once
/// The card as JSON (CLI `card --json`, the screen-pop endpoint). Top-level keys: customer, status,
/// value, interactions, offers, preferences, tickets, contacts, sources.
#include <nlohmann/json.hpp>

#include "card/card.h"

namespace kartoteka::card {

nlohmann::json to_json(const Card& card);
nlohmann::json to_json(const model::Customer& customer);
nlohmann::json to_json(const model::Ticket& ticket);

}  // namespace kartoteka::card
