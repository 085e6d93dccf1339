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
/// The card's holdings (issue 20), each {id, kind, product, number (masked), balance: {minor, amount
/// ("1234.56"), currency} or null, status, opened, closed, as_of, age_s, stale, source, external_id}.
nlohmann::json holdings_json(const Card& card);
/// The ratings besides the store's contacts: {channel, score, text (masked), at, source}.
nlohmann::json feedback_json(const Card& card);
/// {index, ratings, warning, warn_below, channels: [{channel, ratings, mean, weight}], inputs: [{channel,
/// score, at, source, text}], why: the lines an agent reads when asking why}.
nlohmann::json to_json(const retention::Satisfaction& satisfaction);
/// {grade, privileges: [{en, ru, bg}], next (null for A), next_adds: [...], missing: [...]}.
nlohmann::json to_json(const retention::GradeView& grade);
/// True for a ticket kept in the local store (its id is ours), false for one a backend sent.
bool is_local(const model::Ticket& ticket);

}  // namespace kartoteka::card
