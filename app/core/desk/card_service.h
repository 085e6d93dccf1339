#pragma once
/// The card for a caller, end to end: the local store first, then every configured source through
/// the CardAssembler. The desk's open_card stands on this; benchmarks and connector tests use it
/// directly to measure assembly without the desk's audit and access policy.
#include <mutex>
#include <optional>
#include <string>

#include "card/card.h"
#include "config/retention_config.h"
#include "connector/card_assembler.h"
#include "storage/store.h"

namespace kartoteka::desk {

/// The card as the local store knows it.
class CardLoader {
public:
    CardLoader(storage::Store& store, int timeline_page) : m_store(store), m_page(timeline_page) {}
    /// The retention rules' configuration and the centre's time zone; defaults until set.
    void set_retention(const config::RetentionConfig& rules, const std::string& centre_timezone) {
        m_retention = rules;
        m_timezone = centre_timezone;
    }
    /// The centre's currency (locale.currency) and the caller-id rules that tell a customer's country,
    /// for the card's money in the customer's currency; the centre's currency for all until set.
    void set_money(const std::string& centre_currency, const phone::PhoneNormalizer* phones) {
        m_currency = centre_currency;
        m_phones = phones;
    }
    /// The card as the local store knows it; nullopt when there is no such customer.
    std::optional<card::Card> load(model::Id customer_id, model::Timestamp now);

private:
    storage::Store& m_store;
    int m_page;
    config::RetentionConfig m_retention;
    std::string m_timezone = "Europe/Moscow";
    std::string m_currency;
    const phone::PhoneNormalizer* m_phones = nullptr;
};

class CardService {
public:
    /// `store` is used under this service's lock only (a soci session is single-threaded).
    CardService(storage::Store& store, connector::CardAssembler& assembler, const phone::PhoneNormalizer& phones,
                int timeline_page, util::Clock clock);

    /// The retention rules the local part of each card is evaluated with (defaults until set).
    void set_retention(const config::RetentionConfig& rules, const std::string& centre_timezone) {
        m_retention = rules;
        m_timezone = centre_timezone;
    }

    /// The card of the customer with this phone (any caller-id notation phone::PhoneNormalizer::parse
    /// reads); nullopt when neither the store nor any source knows it. @throws Error{invalid} for a
    /// non-number (the number masked in the message), Error{not_found} for a withheld caller id.
    std::optional<card::Card> by_phone(const std::string& phone, const connector::CardAssembler::Update& on_update = {});
    /// The card of a stored customer, refreshed from the sources; nullopt for an unknown id.
    std::optional<card::Card> by_id(model::Id id, const connector::CardAssembler::Update& on_update = {});
    /// Every stored customer with this E.164 number, oldest first.
    std::vector<model::Id> local_ids(const std::string& e164);

private:
    std::optional<card::Card> load_local(model::Id id);

    std::mutex m_store_mutex;
    storage::Store& m_store;
    connector::CardAssembler& m_assembler;
    const phone::PhoneNormalizer& m_phones;
    int m_page;
    util::Clock m_clock;
    config::RetentionConfig m_retention;
    std::string m_timezone = "Europe/Moscow";
};

/// True when some source (or the store) knew the customer: a name, a phone, an email or a reference.
bool knows_customer(const card::Card& c);

}  // namespace kartoteka::desk
