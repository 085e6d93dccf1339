#pragma once
/// A deterministic generator of realistic demo data: the same seed, size and "now" give the same
/// database, so tests and benchmarks can name customers they expect to find.
#include <cstdint>
#include <functional>

#include "config/sla_config.h"
#include "model/types.h"
#include "phone/phone_normalizer.h"
#include "storage/store.h"

namespace kartoteka::demo {

struct DemoOptions {
    long long customers = 1000;
    std::uint64_t seed = 1;
    model::Timestamp now = 0;  ///< "today" for the generated history
    /// Average interactions per customer (a few customers get thousands, to exercise paging).
    int interactions_per_customer = 10;
    /// The norms and calendars open tickets are aged against, so the SLA board at "now" looks like a
    /// working centre's: most tickets on track, some at risk, a few breached, some waiting for the
    /// customer. Defaults: the built-in norm (first response in 8 h) in elapsed time.
    config::SlaConfig sla;
    std::vector<config::CalendarConfig> calendars;
};

struct DemoStats {
    long long customers = 0, phones = 0, emails = 0, orders = 0, interactions = 0, tickets = 0, offers = 0,
              contacts = 0, preferences = 0, agents = 0;
};

/// Called after each batch with (customers written, customers total).
using Progress = std::function<void(long long, long long)>;

/// Writes agents and teams (once per database) and `options.customers` new customers with their
/// history. Customers are appended after any already in the store.
DemoStats seed_demo(storage::Store& store, const DemoOptions& options,
                    const Progress& progress = {});

/// The phone number the generator gives the customer at `index` (0-based), in E.164: lets tests find
/// a seeded customer without reading the database.
std::string demo_phone(long long index, int which = 0);

}  // namespace kartoteka::demo
