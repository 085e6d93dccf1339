#pragma once
/// What a customer holds (issue 20; DOMAIN.md "One customer card"): accounts, cards, subscriptions,
/// tariffs and services with their balance and status, so the agent can answer "what is my balance" and
/// "which tariff am I on" from the card, and offers for an owned product are suppressed (001).
#include <optional>
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

/// A balance in minor units with its ISO 4217 currency: never a double, so it is shown as the
/// backend sent it.
struct Balance {
    Money minor = 0;
    std::string currency;  ///< "RUB", "BGN", "EUR"; empty when the backend gives none
    bool operator==(const Balance&) const = default;
};

struct Holding {
    Id id = 0;
    Id customer_id = 0;
    HoldingKind kind = HoldingKind::account;
    std::string product;          ///< what offers name: "Gold card", "Tariff Unlimited 5G"
    /// The account, card or contract number as it may be shown: masked at the boundary where it comes
    /// in (privacy::mask_account_number), never kept whole.
    std::string number;
    std::optional<Balance> balance;  ///< nullopt: the holding has no balance (a tariff, a service)
    HoldingStatus status = HoldingStatus::active;
    Date opened = 0;              ///< 0 = unknown
    Date closed = 0;              ///< 0 = not closed
    Timestamp as_of = 0;          ///< when the backend read the balance; 0 = when it was fetched
    std::string source_system;
    std::string external_id;
    /// Filled on the card, never stored: the backend is down and this is the last good read, as of
    /// `as_of` (card::review_card).
    bool stale = false;
};

/// True for a holding the customer still has (not closed): the one offers must not be made for.
inline bool is_owned(const Holding& h, Date today) {
    return h.status != HoldingStatus::closed && (h.closed == 0 || h.closed > today);
}

/// One rating the customer gave (003): in a contact, a review or a survey, on a 1..5 scale.
struct Feedback {
    Id id = 0;
    Id customer_id = 0;
    FeedbackChannel channel = FeedbackChannel::survey;
    int score = 0;                ///< 1..5
    std::string text;             ///< what they wrote or said; free text, masked when shown
    Timestamp at = 0;
    std::string source_system;
    std::string external_id;
};

}  // namespace kartoteka::model
