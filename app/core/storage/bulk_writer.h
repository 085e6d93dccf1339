#pragma once
/// Fast appends of many rows (demo seeding, connector ingest): column buffers flushed through prepared
/// statements with SOCI's bulk binding, inside one transaction per flush. Ids of customers are given by
/// the caller (next_customer_id) so child rows need no round trip per customer.
#include <memory>
#include <string>
#include <vector>

#include "model/customer.h"
#include "model/holding.h"
#include "model/interaction.h"
#include "model/lifecycle.h"
#include "model/offer.h"
#include "model/preferences.h"
#include "model/service_contact.h"
#include "model/ticket.h"
#include "storage/database.h"

namespace kartoteka::storage {

class BulkWriter {
public:
    explicit BulkWriter(Database& db);
    ~BulkWriter();

    /// The id the next customer added should have (one above the largest stored or added).
    model::Id next_customer_id();

    /// Customers must carry their id (from next_customer_id()); phones must already be E.164.
    void add(const model::Customer& c, model::Timestamp now);
    void add(const model::Order& o);
    void add(const model::Interaction& i);
    void add(const model::LifecycleEvent& e);
    void add(const model::Offer& o);
    void add(const model::ContactPreferences& p);
    void add(const model::ServiceContact& c);
    /// Ticket ids are assigned here too, so its events can be added right after.
    model::Id add(model::Ticket& t);
    void add(const model::TicketEvent& e);
    /// The number is masked here as in Store::insert_holding.
    void add(const model::Holding& h);
    void add(const model::Feedback& f);

    /// Rows buffered so far; the caller flushes when it likes (every few thousand customers).
    std::size_t pending() const;
    /// Writes everything buffered in one transaction.
    void flush();

    struct Buffers;  ///< column buffers (bulk_writer.cpp)

private:
    Database& m_db;
    std::unique_ptr<Buffers> m_buf;
    model::Id m_next_customer = 0;
    model::Id m_next_ticket = 0;
};

}  // namespace kartoteka::storage
