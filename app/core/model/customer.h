#pragma once
/// The customer: identity across systems. Phones are E.164 (normalized by phone::PhoneNormalizer),
/// emails lower-case; each backend's own id is kept as an ExternalRef so write-back finds its record.
#include <string>
#include <vector>

#include "types.h"

namespace kartoteka::model {

/// A backend system's own id for this customer ("billing" -> "B-00042").
struct ExternalRef {
    std::string system;
    std::string external_id;
    bool operator==(const ExternalRef&) const = default;
};

struct Customer {
    Id id = 0;
    std::string first_name;
    std::string middle_name;  ///< patronymic for Russian and Bulgarian customers; may be empty
    std::string last_name;
    std::string company;      ///< for business customers; may be empty
    std::vector<std::string> phones;  ///< E.164, first is primary
    std::vector<std::string> emails;  ///< lower-case, first is primary
    std::vector<ExternalRef> refs;
    std::string language;     ///< "ru", "bg", "en": the language to address them in
    Id manager_id = 0;        ///< the agent who closed the deal / owns the account; 0 = none
    Timestamp created_at = 0;
    /// Shown on top of the card for everyone ("say this first", VIP, legal hold); "" for none.
    std::string pinned_note;

    /// "Last First Middle" as a call-centre list shows it.
    std::string display_name() const;
};

/// One purchase. Lifecycle status and value are computed from these (DOMAIN.md "Value").
struct Order {
    Id id = 0;
    Id customer_id = 0;
    Timestamp placed_at = 0;
    Money amount = 0;             ///< minor units of `currency`
    std::string product;
    std::string source_system;
    std::string external_id;
    std::string currency = {};    ///< ISO 4217 ("EUR"); "" for the centre's own (locale.currency)
};

}  // namespace kartoteka::model
