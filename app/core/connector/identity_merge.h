#pragma once
/// One customer from several systems (issue 3 "Identity"): records are the same person when they share
/// an E.164 phone, a lower-cased email or a backend id cross-reference; conflicting fields go to the
/// source with the highest configured priority, and the card keeps which source each value came from.
#include <optional>
#include <string>
#include <vector>

#include "card/card.h"
#include "connector/connector.h"
#include "phone/phone_normalizer.h"

namespace kartoteka::connector {

/// One source's answer, ready to merge.
struct Contribution {
    std::string source;
    int priority = 0;
    SourceRecord record;
};

/// True when the two customers are the same person by phone, email or a shared backend reference.
/// Phones and emails must already be normalized (normalize_customer).
bool same_person(const model::Customer& a, const model::Customer& b);

/// Phones to E.164 (dropping what is not a phone number), emails trimmed and lower-cased, duplicates
/// removed, order kept.
void normalize_customer(model::Customer& c, const phone::PhoneNormalizer& phones);

/// Merges the contributions into the local card (or an empty one when the store does not know the
/// customer). The identity starts from the local customer and what the card was looked up by (the
/// caller's phone); contributions whose customer is not the same person are left out and their names
/// returned in `rejected`. Source states are not touched.
card::Card merge_card(const std::optional<card::Card>& local, int local_priority, std::vector<Contribution> parts,
                      const Lookup& lookup, const phone::PhoneNormalizer& phones,
                      std::vector<std::string>* rejected = nullptr);

}  // namespace kartoteka::connector
