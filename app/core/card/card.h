#pragma once
/// The customer card: everything the operator sees about one customer, gathered from the local store
/// (and, with connectors, from every backend), with each source's state so the screen can say which
/// part is missing and why.
#include <map>
#include <string>
#include <vector>

#include "model/customer.h"
#include "model/holding.h"
#include "model/lifecycle.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/service_contact.h"
#include "model/ticket.h"
#include "model/interaction.h"
#include "retention/customer_retention.h"
#include "sla/sla_engine.h"

namespace kartoteka::card {

enum class SourceStatus { ok, pending, stale, timed_out, down, bad_data };
const char* to_string(SourceStatus s) noexcept;

/// What one source contributed to this card.
struct SourceState {
    std::string name;             ///< "local", or a connector's configured name
    SourceStatus status = SourceStatus::pending;
    model::Timestamp as_of = 0;   ///< when its data was fetched (for "stale since")
    long latency_ms = 0;
    std::string detail;           ///< the error, for down / bad_data / timed_out
};

/// Purchase figures from the customer's own order history.
struct OrderSummary {
    int orders = 0;
    model::Money total = 0;    ///< in `currency`: the orders in any other currency are in `totals` only
    model::Money average = 0;
    std::string currency;      ///< the customer's (see customer_currency)
    /// The sum per ISO 4217 currency: money in two currencies is never added up.
    std::map<std::string, model::Money> totals;
    model::Timestamp first_order_at = 0;
    model::Timestamp last_order_at = 0;
};

/// One of several customers the same caller id matched (an office line, a family phone).
struct Match {
    model::Id id = 0;        ///< a stored customer's id; 0 for one only a backend knows
    std::string system;      ///< where it was found: "local" or a connector's name
    std::string ref;         ///< the backend's own id (empty for a local customer without one)
    std::string name;
};

struct Card {
    model::Customer customer;
    model::LifecycleRecord status;
    /// What the customer holds, from the store and every source (issue 20), each with its source and
    /// "as of" time; one from a source that is down now is the last good read, marked stale.
    std::vector<model::Holding> holdings;
    /// Ratings from reviews, surveys and backends' contacts: the satisfaction index's inputs besides
    /// the store's how-are-you contacts.
    std::vector<model::Feedback> feedback;
    /// When review_card last brought the rules up to date: what the holdings' age is counted from.
    model::Timestamp reviewed_at = 0;
    OrderSummary orders;
    model::InteractionPage interactions;
    std::vector<model::Offer> offers;
    model::ContactPreferences preferences;
    std::vector<model::Ticket> tickets;
    /// Each ticket's SLA clock as of when the card was opened (parallel to `tickets`; filled by the
    /// desk with the configured policies and calendars, empty when nobody evaluated them).
    std::vector<sla::TicketSla> ticket_sla;
    std::vector<model::ServiceContact> contacts;
    std::vector<SourceState> sources;
    /// Every customer with the caller's number, the shown one first, when there is more than one
    /// (filled by a lookup by phone); empty otherwise.
    std::vector<Match> matches;
    /// What the retention rules say: status with signals, value and tier, satisfaction, and the
    /// eligibility of each offer and contact (parallel to `offers` and `contacts`).
    retention::CustomerRetention retention;
    /// Which source each merged customer field came from ("last_name" -> "crm"), when sources disagree
    /// or fill gaps (connector::merge_card).
    std::map<std::string, std::string> provenance;
};

/// Lifecycle record from the recorded events alone (lost, returned, do-not-retain).
model::LifecycleRecord lifecycle_from_events(const std::vector<model::LifecycleEvent>& events);
/// The customer's currency: their latest order's, else their country's (by the primary phone's region,
/// `phone_region`), else the centre's.
std::string customer_currency(const std::vector<model::Order>& orders, const std::string& phone_region,
                              const std::string& centre_currency);
/// The ISO 4217 currency of an ISO 3166 region ("BG" -> "EUR" since 2026-01-01); "" when not listed.
std::string currency_of_region(const std::string& region);
/// `currency`: the customer's; an order with none is in `centre_currency`.
OrderSummary summarize_orders(const std::vector<model::Order>& orders, const std::string& currency = "",
                              const std::string& centre_currency = "");

}  // namespace kartoteka::card
