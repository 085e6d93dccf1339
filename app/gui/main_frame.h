#pragma once
/// The workstation window. It assembles the panels and calls the desk (app/core/desk) on background job
/// queues, never on the UI thread; it knows no business rules itself.
#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/splitter.h>

#include <memory>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <thread>

#include "board_panel.h"
#include "card_panel.h"
#include "contacts_panel.h"
#include "my_work_panel.h"
#include "retention_panel.h"
#include "config/config.h"
#include "desk/desk.h"
#include "desk/pop_endpoint.h"
#include "presenters/card_presenter.h"
#include "presenters/work_presenter.h"
#include "search_panel.h"
#include "util/job_queue.h"

namespace kartoteka::gui {

class ComplaintDialog;

struct FrameOptions {
    config::Config config;
    std::optional<std::string> store_override;  ///< --db
    std::string initial_query;  ///< from the command line: a phone, tel: URI, name or #id
    bool trace = false;         ///< print "kartoteka: ..." lines on stdout (tests read them)
};

class MainFrame : public wxFrame {
public:
    explicit MainFrame(FrameOptions options);
    ~MainFrame() override;

    /// Runs a search off the UI thread; results come back to the search panel.
    void search(const std::string& query);
    /// Loads and shows a customer's card off the UI thread.
    /// refresh: reload in place (live update, after a save) without the "loading" placeholder.
    void open_card(model::Id id, bool refresh = false);
    /// A search hit: a stored customer's card, or one only a backend knows opened like a pop.
    void open_hit(const search::Hit& hit);

private:
    void trace(const std::string& line) const;
    void bind_keys();
    void resolve_agent();
    /// A second queue for cards (a slow backend never holds up search), one for write-backs, and the
    /// periodic delivery.
    void start_sources();
    void start_screen_pop();
    /// A call rang (endpoint or tel: URI): front window, the caller's card, or the new-customer form.
    /// answer (the endpoint's): set to the complete card's JSON, or nothing for an unknown caller.
    using PopAnswer = std::shared_ptr<std::promise<std::optional<nlohmann::json>>>;
    void pop(const std::string& phone, PopAnswer answer = {});
    /// open_card and pop: the card by id or by phone, shown as soon as the local part is there and
    /// refreshed as each source answers.
    /// show: false answers the endpoint without touching the window (a pop while a dialog is open).
    void load_card(model::Id id, const std::string& phone, bool refresh, PopAnswer answer, bool show = true);
    /// Shows a dialog modally. A pop that rings meanwhile does not swap the card under the dialog: it
    /// waits in the status bar and opens when the dialog closes.
    int show_modal(wxDialog& dlg);
    /// The new-customer form, filled from a caller's number or from a search that found nobody.
    void new_customer(const model::Customer& prefill, const wxString& intro = {});
    /// F9: hands the open customer's primary number to the system's tel: handler (the desk's
    /// softphone), as a tel: URI in E.164 (RFC 3966).
    void dial();
    /// On a shared PostgreSQL store: refresh what is on screen when another seat changes it.
    void start_live_updates();
    void on_change(const live::Change& change);
    /// F2 / F3: open the dialog for the open card; a draft that fails to save comes back with the error.
    void log_contact(actions::ContactDraft draft, const wxString& error = {}, desk::WrapUp wrap_up = {});
    void open_complaint(actions::ComplaintDraft draft, const wxString& error = {});
    /// F4: edit the open card's contact preferences; a conflict reloads them and says so.
    void edit_preferences(const wxString& error = {}, std::optional<model::ContactPreferences> draft = {});
    /// Ctrl+L: the next page of the open card's timeline.
    void load_more_timeline();
    /// The supervisor board: reload open tickets and recompute (reload), or re-present with a new filter.
    void refresh_board(bool reload);
    /// One ticket changed at some seat: update its board row incrementally.
    void update_board_ticket(model::Id ticket_id);
    /// The board's ticket pane (main_frame_board.cpp): the ticket's detail, and a supervisor's change
    /// to it; both off the UI thread.
    void load_ticket(model::Id ticket_id);
    void change_ticket(model::Id ticket_id, desk::TicketChange change);
    /// Ctrl+R / E / Y / P on the board: the pane's actions. False for other keys.
    bool board_key(int key);
    /// The escalator (issue 19): every 30 s this seat offers to run it; the store lets one seat at a
    /// time. New notifications for the signed-in agent show in the status bar as they arrive.
    void start_escalator();
    void show_notifications();
    void refresh_contacts();
    /// Ctrl+4: the signed-in agent's work list (main_frame_board.cpp).
    void refresh_my_work();
    /// Ctrl+5: the supervisor's retention page (main_frame_retention.cpp).
    void default_retention_range();
    void refresh_retention();
    void export_retention();
    /// One delivery pass of the outbox on its own worker (a hung backend never holds up the card),
    /// then the source strip's "not yet sent" line. Runs every 15 s and right after each save.
    void deliver_write_backs();
    /// A directory sync of every connector that lists customers, then "Directory synced" in the status bar.
    void sync_directory();
    /// F6 / Enter on an offer: work one of the open card's offers (offer_id 0: the first one that may be
    /// offered now). A refused save comes back with the core's message and everything typed.
    void work_offer(model::Id offer_id);
    void work_offer_dialog(OfferWorkDraft draft, std::vector<OfferChoice> offers, const wxString& error = {});
    /// F7 / Enter on a planned contact: log it (the how-are-you questionnaire, or not reached); from the
    /// card (contact_id 0: the earliest due) or from today's list (the chosen row).
    void log_planned(model::Id contact_id);
    void log_planned_from_list();
    void planned_dialog(ContactLogDraft draft, std::vector<ContactChoice> contacts, const wxString& name,
                        model::Id customer_id, const wxString& error = {});
    /// F8: promise a callback to the open card's customer (main_frame_callbacks.cpp).
    void schedule_callback(desk::CallbackDraft draft, const wxString& error = {});
    /// The signed-in agent's callbacks coming due, announced once in the status bar: every 30 s and
    /// when another seat changes a callback.
    void start_callback_reminders();
    void check_callbacks();
    /// Ctrl+1/2/3; the role picks the page shown first.
    void show_page(int page);

    // --- the operator's card (main_frame_operator.cpp) -------------------------------------------
    /// F3's look ahead for the open dialog: the desk's answer off the UI thread, shown if it is still open.
    void preview_complaint(model::Id customer_id, const std::string& problem_type, int severity);
    /// Ctrl+N: edit the note pinned on the open card; a refused save comes back with what was typed.
    void pin_note(const wxString& error = {}, std::optional<std::string> draft = {});
    /// A confirmation in the status bar ("Contact saved."): it goes when the next card opens or after a
    /// while, so it is never read as news about another customer. Errors and notices stay.
    void confirm(const wxString& text);
    /// A new customer on screen: the last customer's confirmation goes.
    void forget_confirmation();
    ComplaintDialog* m_complaint_dialog = nullptr;  ///< F3 while it is open: the look ahead's target
    wxString m_confirmation;                            ///< the confirmation shown now, if any
    wxTimer m_confirmation_clock;

    FrameOptions m_opt;
    std::unique_ptr<desk::Desk> m_desk;  ///< every use case; safe from any thread
    const phone::PhoneNormalizer& m_phones;
    CardPresenter m_presenter;
    WorkPresenter m_work;
    wxNotebook* m_pages = nullptr;
    SearchPanel* m_search = nullptr;
    CardPanel* m_card = nullptr;
    ContactsPanel* m_contacts = nullptr;
    BoardPanel* m_board = nullptr;
    MyWorkPanel* m_my_work = nullptr;
    RetentionPanel* m_retention = nullptr;
    std::shared_ptr<const retention::RetentionReport> m_retention_report;  ///< the one shown (UI thread)
    BoardPresenter m_board_presenter;
    /// Lives on the worker thread only (every use is inside a posted job): policies, calendars, board.
    struct BoardState;
    std::shared_ptr<BoardState> m_board_state;
    wxTimer m_board_clock;
    wxTimer m_escalator_clock;
    std::string m_seat;  ///< this window's name for the escalator's lease: login@host:pid
    /// With --trace: a 20 ms heartbeat measuring how late the event loop runs it (the "never frozen"
    /// figure the GUI test reads).
    wxTimer m_heartbeat;
    std::chrono::steady_clock::time_point m_last_beat;
    /// Card renders queued from the card lane (a partial one is dropped when a newer one follows).
    std::atomic<std::uint64_t> m_card_renders{0};
    long m_max_stall_ms = 0;  ///< the longest the heartbeat ran late since the last pop, ms
    bool m_auto_open = false;  ///< open the single hit of the command-line query
    std::optional<model::Agent> m_agent;  ///< the signed-in agent, resolved from config agent.login
    model::Id m_open_customer = 0;
    model::Id m_call_customer = 0;    ///< whose card the last screen pop opened: the caller on the line
    int m_modal = 0;                  ///< dialogs open now
    std::string m_waiting_pop;        ///< a caller who rang while a dialog was open
    wxString m_open_name;
    std::vector<std::string> m_problem_types;
    std::vector<model::Id> m_open_tickets;
    std::shared_ptr<const card::Card> m_open_card;  ///< what the open card was built from
    std::size_t m_timeline_shown = 0;  ///< ticket ids on the open card, to match ticket_events
    wxTimer m_refresh;                       ///< coalesces a burst of changes into one reload
    std::unique_ptr<live::ChangeListener> m_listener;
    std::unique_ptr<desk::PopEndpoint> m_pop_server;
    std::thread m_pop_thread;
    wxTimer m_delivery_clock;
    wxTimer m_callback_clock;
    std::unique_ptr<util::JobQueue> m_delivery;
    wxTimer m_directory_clock;               ///< directory.sync_interval_min
    std::unique_ptr<util::JobQueue> m_directory;
    std::unique_ptr<util::JobQueue> m_card_worker;
    std::unique_ptr<util::JobQueue> m_worker;  // destroyed first in ~MainFrame: no late CallAfter
};

}  // namespace kartoteka::gui
