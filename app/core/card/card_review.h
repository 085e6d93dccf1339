#pragma once
/// The rules that depend on what every source said, run on the merged card (issue 20). The store's
/// part of the card is assessed when it is loaded (retention::assess); sources add holdings, ratings
/// and offers later, so after each merge:
///   - each holding gets its "as of" time (the backend's, else when it was fetched) and, when its
///     source is down and the card shows the last good read, is marked stale: never shown as current;
///   - the satisfaction index is recomputed from every rating on the card, weighted as configured;
///   - an open offer for a product the customer holds (or, by the store's rules, has bought) becomes
///     `suppressed`, its eligibility saying why (001);
///   - while any complaint on the card is open, a backend's included (the store's rules saw only the
///     stored tickets), every open offer the rules allowed is held back.
#include <string>

#include "card/card.h"
#include "config/retention_config.h"

namespace kartoteka::card {

void review_card(Card& card, const config::RetentionConfig& rules, model::Timestamp now);

/// How old a holding's balance is on this card, in seconds (0 when its time is unknown).
model::Timestamp holding_age(const Card& card, const model::Holding& holding);

/// "45 s", "12 min", "3 h 5 min", "2 d 4 h": an age as the CLI and the logs write it.
std::string age_text(model::Timestamp seconds);

}  // namespace kartoteka::card
