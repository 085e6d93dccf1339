#pragma once
/// Contact preferences from several places (issue 3; DOMAIN.md "Contact preferences"): the local store's,
/// which agents edit at the desk (F4), and those of connectors that provide them, typically the marketing
/// or consent system that owns them. A call centre must never call someone because one system has not
/// heard of a refusal another one recorded, so a refusal from any source wins:
///   - do_not_call, written_only and calls_themselves are set when any source sets them;
///   - unsubscribed channels are the union of every source's;
///   - allowed channels are those every restricting source allows (a source with an empty list allows
///     all); when their lists do not overlap no channel is allowed, and as the model's empty list means
///     "all", each channel one of them leaves out is then listed as unsubscribed instead;
///   - quiet hours come from the highest-priority source that has any, with that source's time zone
///     (some quiet hours win over none; two intervals cannot be joined into one);
///   - the preferred channel, the time zone without quiet hours and the irritants come from the
///     highest-priority source that has them; a preferred channel the merged refusals forbid is dropped.
/// The local store takes part with the card's local priority when it has a stored row (version > 0).
/// card.provenance names the sources of each part: "preferences.do_not_call" -> "local, consent",
/// "preferences.unsubscribed.sms" -> "consent", "preferences.allowed_channels", "preferences.quiet_hours",
/// "preferences.preferred_channel", "preferences.timezone", "preferences.irritants"; "preferences" lists
/// every source that had preferences for the customer.
#include <map>
#include <string>
#include <vector>

#include "card/card.h"
#include "connector/identity_merge.h"

namespace kartoteka::connector {

/// One source's preferences and its priority.
struct PreferenceLayer {
    std::string source;
    int priority = 0;
    model::ContactPreferences preferences;
};

/// The layers combined by the rules above; `provenance` gets the "preferences.*" keys. customer_id,
/// version and updated_at are left at their defaults: they belong to the local row, not to a merge.
model::ContactPreferences combine_preferences(std::vector<PreferenceLayer> layers,
                                              std::map<std::string, std::string>& provenance);

/// Merges the local card's preferences with those of `parts` into card.preferences (keeping the local
/// row's customer_id, version and updated_at, so an agent's edit is still checked against the row they
/// read) and refuses the card's own offers and planned contacts that the merged preferences forbid,
/// naming the source in the reason. Nothing changes when no part has preferences. Call it before other
/// sources' offers are appended: card.retention.offers is parallel to the local offers.
void merge_preferences(card::Card& card, int local_priority, const std::vector<Contribution>& parts);

}  // namespace kartoteka::connector
