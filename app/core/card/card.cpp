#include "card/card.h"

namespace kartoteka::card {

const char* to_string(SourceStatus s) noexcept {
    switch (s) {
    case SourceStatus::ok: return "ok";
    case SourceStatus::pending: return "pending";
    case SourceStatus::stale: return "stale";
    case SourceStatus::timed_out: return "timed_out";
    case SourceStatus::down: return "down";
    case SourceStatus::bad_data: return "bad_data";
    }
    return "?";
}

model::LifecycleRecord lifecycle_from_events(const std::vector<model::LifecycleEvent>& events) {
    using model::LifecycleEventKind;
    using model::LifecycleStatus;
    model::LifecycleRecord r;
    for (const auto& e : events) {  // oldest first
        switch (e.kind) {
        case LifecycleEventKind::lost:
            ++r.times_lost;
            r.lost_at = e.at;
            r.lost_reason = e.reason;
            r.lost_by = e.agent_id;
            r.status = r.times_lost >= 2 ? LifecycleStatus::lost_twice : LifecycleStatus::lost;
            break;
        case LifecycleEventKind::returned:
            r.returned_at = e.at;
            r.returned_by = e.agent_id;
            if (r.status == LifecycleStatus::lost) r.status = LifecycleStatus::returned;
            break;
        case LifecycleEventKind::do_not_retain: r.status = LifecycleStatus::do_not_retain; break;
        }
        if (r.status == LifecycleStatus::do_not_retain) break;  // final: nothing overrides it
    }
    return r;
}

std::string currency_of_region(const std::string& region) {
    // The countries whose customers a centre in this market serves; the euro area in full.
    static const std::map<std::string, std::string> table{
        {"RU", "RUB"}, {"BG", "EUR"}, {"GB", "GBP"}, {"US", "USD"}, {"UA", "UAH"}, {"BY", "BYN"}, {"KZ", "KZT"},
        {"RO", "RON"}, {"RS", "RSD"}, {"MD", "MDL"}, {"PL", "PLN"}, {"CZ", "CZK"}, {"HU", "HUF"}, {"TR", "TRY"},
        {"CH", "CHF"}, {"GE", "GEL"}, {"AM", "AMD"}, {"AZ", "AZN"}, {"UZ", "UZS"}, {"MK", "MKD"}, {"DK", "DKK"},
        {"SE", "SEK"}, {"NO", "NOK"}, {"GG", "GBP"}, {"JE", "GBP"}, {"IM", "GBP"}, {"DE", "EUR"}, {"FR", "EUR"}, {"IT", "EUR"}, {"ES", "EUR"}, {"NL", "EUR"},
        {"AT", "EUR"}, {"BE", "EUR"}, {"FI", "EUR"}, {"IE", "EUR"}, {"PT", "EUR"}, {"GR", "EUR"}, {"SK", "EUR"},
        {"SI", "EUR"}, {"LT", "EUR"}, {"LV", "EUR"}, {"EE", "EUR"}, {"HR", "EUR"}, {"LU", "EUR"}, {"MT", "EUR"},
        {"CY", "EUR"}};
    auto it = table.find(region);
    return it == table.end() ? "" : it->second;
}

std::string customer_currency(const std::vector<model::Order>& orders, const std::string& phone_region,
                              const std::string& centre_currency) {
    const model::Order* latest = nullptr;
    for (const auto& o : orders)
        if (!o.currency.empty() && (!latest || o.placed_at > latest->placed_at)) latest = &o;
    if (latest) return latest->currency;
    const std::string by_country = currency_of_region(phone_region);
    return by_country.empty() ? centre_currency : by_country;
}

OrderSummary summarize_orders(const std::vector<model::Order>& orders, const std::string& currency,
                              const std::string& centre_currency) {
    OrderSummary s;
    s.currency = currency.empty() ? centre_currency : currency;
    int in_currency = 0;
    for (const auto& o : orders) {
        ++s.orders;
        const std::string& c = o.currency.empty() ? centre_currency : o.currency;
        s.totals[c] += o.amount;
        if (c == s.currency) s.total += o.amount, ++in_currency;
        if (s.first_order_at == 0 || o.placed_at < s.first_order_at) s.first_order_at = o.placed_at;
        if (o.placed_at > s.last_order_at) s.last_order_at = o.placed_at;
    }
    if (in_currency > 0) s.average = s.total / in_currency;
    return s;
}

}  // namespace kartoteka::card
