#include "card/card_review.h"

#include <algorithm>

#include "retention/contact_policy.h"
#include "util/time.h"

namespace kartoteka::card {
namespace {

const SourceState* state_of(const Card& card, const std::string& source) {
    for (const auto& s : card.sources)
        if (s.name == source) return &s;
    return nullptr;
}

/// As of when each balance is, and which are a down source's last good read.
void date_holdings(Card& card) {
    for (auto& h : card.holdings) {
        const SourceState* s = state_of(card, h.source_system);
        if (!s) continue;  // the store's own copy: its stored as_of says it
        h.stale = s->status == SourceStatus::stale;
        // The backend's own time when it gave one, never later than when we last heard from it.
        if (h.as_of == 0 || (s->as_of != 0 && h.as_of > s->as_of)) h.as_of = s->as_of;
    }
    std::stable_sort(card.holdings.begin(), card.holdings.end(), [](const auto& a, const auto& b) {
        return a.kind != b.kind ? a.kind < b.kind : a.product < b.product;
    });
}

void suppress_owned_offers(Card& card, model::Timestamp now) {
    auto& verdicts = card.retention.offers;
    for (std::size_t k = 0; k < card.offers.size(); ++k) {
        auto& offer = card.offers[k];
        if (!model::is_open(offer.status)) continue;
        if (const auto* held = retention::held_product(offer.product, card.holdings, util::date_of(now))) {
            // A backend's offer has no verdict yet (verdicts are the store's offers'): it gets this one.
            if (verdicts.size() <= k) verdicts.resize(k + 1);
            verdicts[k] = retention::already_held(*held);
        }
        if (k < verdicts.size() && verdicts[k].rule == "already_has_product")
            offer.status = model::OfferStatus::suppressed;
    }
}

/// Every open offer the rules allowed is held back while any of the card's complaints is open.
void hold_offers_for_complaints(Card& c) {
    const auto held = retention::check_complaints(c.tickets);
    if (held.eligible) return;
    for (std::size_t k = 0; k < c.offers.size() && k < c.retention.offers.size(); ++k)
        if (model::is_open(c.offers[k].status) && c.retention.offers[k].eligible) c.retention.offers[k] = held;
}

}  // namespace

void review_card(Card& card, const config::RetentionConfig& rules, model::Timestamp now) {
    card.reviewed_at = now;
    date_holdings(card);
    card.retention.satisfaction = retention::satisfaction_index(card.contacts, card.feedback, rules.satisfaction,
                                                                rules.value.satisfaction_warning_below, now);
    suppress_owned_offers(card, now);
    hold_offers_for_complaints(card);
}

model::Timestamp holding_age(const Card& card, const model::Holding& holding) {
    if (holding.as_of == 0 || card.reviewed_at == 0) return 0;
    return std::max<model::Timestamp>(0, card.reviewed_at - holding.as_of);
}

std::string age_text(model::Timestamp s) {
    if (s < 60) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min";
    if (s < 86400) return std::to_string(s / 3600) + " h" + (s % 3600 >= 60 ? " " + std::to_string(s % 3600 / 60) + " min" : "");
    return std::to_string(s / 86400) + " d" + (s % 86400 >= 3600 ? " " + std::to_string(s % 86400 / 3600) + " h" : "");
}

}  // namespace kartoteka::card
