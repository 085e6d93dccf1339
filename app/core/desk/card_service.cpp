#include "desk/card_service.h"

#include <chrono>

#include "card/card_review.h"
#include "desk/retention_service.h"
#include "error.h"

namespace kartoteka::desk {

using connector::CardAssembler;
using connector::Lookup;
using connector::lookup_for;

std::optional<card::Card> CardLoader::load(model::Id customer_id, model::Timestamp now) {
    const auto started = std::chrono::steady_clock::now();
    auto customer = m_store.customer(customer_id);
    if (!customer) return std::nullopt;
    card::Card c;
    c.customer = std::move(*customer);
    // The full retention rules, not lifecycle_from_events: a return needs a new order, statuses come
    // from the order history too, and offers and contacts carry their eligibility.
    RetentionService rules(m_store, m_retention, m_timezone);
    auto history = rules.load_history(customer_id, now, true);
    c.retention = rules.assess(history, now);
    c.status = c.retention.status.record;
    const std::string region = m_phones && !c.customer.phones.empty() ? m_phones->region_of(c.customer.phones.front()) : "";
    c.orders = card::summarize_orders(history.orders, card::customer_currency(history.orders, region, m_currency), m_currency);
    c.interactions = m_store.interactions_for(customer_id, m_page);
    c.offers = history.offers;
    c.preferences = history.preferences;
    c.tickets = std::move(history.tickets);
    c.contacts = history.contacts;
    c.holdings = history.holdings;
    c.feedback = history.feedback;
    const auto took = std::chrono::steady_clock::now() - started;
    c.sources.push_back({"local", card::SourceStatus::ok, now,
                         static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()), ""});
    card::review_card(c, m_retention, now);
    return c;
}




CardService::CardService(storage::Store& store, CardAssembler& assembler, const phone::PhoneNormalizer& phones,
                         int timeline_page, util::Clock clock)
    : m_store(store), m_assembler(assembler), m_phones(phones), m_page(timeline_page),
      m_clock(std::move(clock)) {}

std::optional<card::Card> CardService::load_local(model::Id id) {
    CardLoader loader(m_store, m_page);
    loader.set_retention(m_retention, m_timezone);
    return loader.load(id, m_clock());
}

std::vector<model::Id> CardService::local_ids(const std::string& e164) {
    std::lock_guard lock(m_store_mutex);
    return m_store.customers_by_phone(e164);
}

std::optional<card::Card> CardService::by_phone(const std::string& phone, const CardAssembler::Update& on_update) {
    const phone::CallerId caller = m_phones.parse(phone);
    // A withheld id is a known answer, not bad input: nobody can be looked up, and the host says why.
    if (caller.is_withheld()) throw Error(ErrorKind::not_found, "no card: the caller's number is withheld");
    // The message shows the notation's shape (a stray leading space, a scheme) but not the number.
    if (!caller.is_number())
        throw Error(ErrorKind::invalid, "'" + phone::mask_caller_id(phone) + "' is not a valid phone number (default region " +
                                            m_phones.default_region() + ": " + caller.why + ")");
    const std::string& e164 = caller.e164;
    std::optional<card::Card> local;
    {
        std::lock_guard lock(m_store_mutex);
        auto ids = m_store.customers_by_phone(e164);
        if (!ids.empty()) local = load_local(ids.front());
    }
    Lookup lookup;
    if (local) lookup = lookup_for(local->customer);
    lookup.phone = e164;
    card::Card c = m_assembler.assemble(std::move(local), lookup, on_update);
    if (!knows_customer(c)) return std::nullopt;
    card::review_card(c, m_retention, m_clock());
    return c;
}

std::optional<card::Card> CardService::by_id(model::Id id, const CardAssembler::Update& on_update) {
    std::optional<card::Card> local;
    {
        std::lock_guard lock(m_store_mutex);
        local = load_local(id);
    }
    if (!local) return std::nullopt;
    const Lookup lookup = lookup_for(local->customer);
    card::Card c = m_assembler.assemble(std::move(local), lookup, on_update);
    card::review_card(c, m_retention, m_clock());
    return c;
}

bool knows_customer(const card::Card& c) {
    const auto& k = c.customer;
    return k.id != 0 || !k.refs.empty() || !k.last_name.empty() || !k.first_name.empty() || !k.emails.empty();
}

}  // namespace kartoteka::desk
