#pragma once
/// The card as JSON (CLI `card --json`, the screen-pop endpoint). Top-level keys: customer, status,
/// value, interactions, offers, preferences, tickets, contacts, sources.
#include <nlohmann/json.hpp>

#include "card/card.h"

namespace kartoteka::card {

nlohmann::json to_json(const Card& card);
nlohmann::json to_json(const model::Customer& customer);
/// A ticket's own fields. The card's JSON adds `ref` ({"system", "id"}: the backend's own number, null
/// for a local ticket) and `sla` (see below).
nlohmann::json to_json(const model::Ticket& ticket);
/// {"state": ok|warning|breached|paused|met, "target": the clock shown (first_response, next_response,
/// resolution), "due_at": the next deadline as an ISO instant or null when no clock runs, "left_s":
/// working seconds to it, negative when overdue}.
nlohmann::json to_json(const sla::TicketSla& sla);
/// True for a ticket kept in the local store (its id is ours), false for one a backend sent.
bool is_local(const model::Ticket& ticket);

}  // namespace kartoteka::card
