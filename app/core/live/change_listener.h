#pragma once
/// Changes made at other seats, as they commit: a thread LISTENing on the PostgreSQL channel
/// kartoteka_changes (filled by triggers, schema 0006) calls the host back for each one. The host
/// decides what to refresh (the open card, a board row); nothing polls a table.
#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "model/types.h"

namespace kartoteka::live {

struct Change {
    std::string table;          ///< "tickets", "ticket_events", "offers", "preferences", "interactions", ...
    model::Id id = 0;           ///< the row's id (0 for preferences, keyed by customer)
    model::Id customer_id = 0;  ///< 0 when the row has none (ticket_events: see ticket_id)
    model::Id ticket_id = 0;
};

/// Parses "table:id:customer:ticket"; nullopt for anything else.
std::optional<Change> parse_change(const std::string& payload);

class ChangeListener {
public:
    using Callback = std::function<void(const Change&)>;
    using ErrorHandler = std::function<void(const std::string&)>;

    /// Connects with the libpq connection string and starts listening on its own thread.
    /// @throws Error{storage} when it cannot connect.
    ChangeListener(const std::string& conninfo, Callback on_change, ErrorHandler on_error = {});
    ~ChangeListener();
    ChangeListener(const ChangeListener&) = delete;
    ChangeListener& operator=(const ChangeListener&) = delete;

private:
    void run();

    void* m_conn;  ///< PGconn*, kept opaque so hosts need no libpq headers
    Callback m_on_change;
    ErrorHandler m_on_error;
    int m_wake[2] = {-1, -1};  ///< self-pipe: the destructor wakes the poll() to stop
    std::thread m_thread;
};

}  // namespace kartoteka::live
