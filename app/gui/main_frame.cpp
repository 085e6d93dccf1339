#include "main_frame.h"

#include <wx/persist/splitter.h>
#include <wx/persist/toplevel.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>
#include <wx/utils.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>

#include <malloc.h>

#include "access/permissions.h"
#include "callback_dialog.h"
#include "card/card.h"
#include "card/card_json.h"
#include "error.h"
#include "gui_util.h"
#include "wx_translator.h"
#include "preferences_dialog.h"
#include "record_dialogs.h"
#include "util/time.h"

namespace kartoteka::gui {

/// The supervisor's board between refreshes: used on the worker queue only.
struct MainFrame::BoardState {
    std::unique_ptr<desk::SlaBoard> board;
    BoardFilter filter;
    std::vector<ChartPoint> chart;
};

namespace {
/// The decimal sign of the interface language: Russian and Bulgarian write "4 742,46".
char decimal_sign() { return ui_language() == "en" ? '.' : ','; }

desk::DeskOptions desk_options(const FrameOptions& o) {
    desk::DeskOptions d;
    d.store_override = o.store_override;
    return d;
}
/// The Latin letter of a Ctrl shortcut by the physical key, whatever layout is active. With a Cyrillic
/// layout (Russian, Bulgarian BDS) wxGTK reports Ctrl+а or Ctrl+о, not Ctrl+F (wxWidgets #17643,
/// #22058), and a keysym table cannot help: physical F is а in Russian but о in BDS, where а is on D.
/// The hardware keycode names the physical key; on X11 with evdev it is the Linux input code + 8.
int shortcut_key(const wxKeyEvent& e) {
    const int key = e.GetKeyCode();
    if (key >= 'a' && key <= 'z') return key - 'a' + 'A';
    if ((key >= 'A' && key <= 'Z') || (key >= '0' && key <= '9') || key >= WXK_START) return key;
    static const char* const rows[] = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};  // evdev rows start at 24, 38, 52
    static const unsigned first[] = {24, 38, 52};
    const unsigned code = e.GetRawKeyFlags();
    for (int r = 0; r < 3; ++r) {
        const std::string letters = rows[r];
        if (code >= first[r] && code < first[r] + letters.size()) return letters[code - first[r]];
    }
    return key;
}

/// "demo-helpdesk:42=ok,#7=breached": each ticket the window shows, by its backend number or local id,
/// with its SLA state; the GUI test compares it with the endpoint's JSON of the same card.
std::string tickets_trace(const card::Card& c) {
    std::string out;
    for (std::size_t i = 0; i < c.tickets.size(); ++i) {
        const auto& t = c.tickets[i];
        out += (out.empty() ? "" : ",") + (card::is_local(t) ? "#" + std::to_string(t.id) : t.source_system + ":" + t.external_id);
        out += "=" + std::string(i < c.ticket_sla.size() ? sla::to_string(c.ticket_sla[i].state) : "-");
    }
    return out.empty() ? "none" : out;
}

}  // namespace

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Kartoteka", wxDefaultPosition, wxSize(1400, 860)),
      m_opt(std::move(options)), m_desk(std::make_unique<desk::Desk>(m_opt.config, desk_options(m_opt))),
      m_phones(m_desk->phones()),
      m_presenter(m_phones, wx_translator(), m_opt.config.locale.currency, m_opt.config.locale.timezone, decimal_sign()),
      m_work(wx_translator(), m_opt.config.locale.timezone, m_opt.config.retention.offers.office_within_days), m_board_presenter(wx_translator()) {
    m_pages = new wxNotebook(this, wxID_ANY);
    auto* splitter = new wxSplitterWindow(m_pages, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_search = new SearchPanel(
        splitter, [this](const std::string& q) { search(q); }, [this](const search::Hit& h) { open_hit(h); },
        [this](const std::string& q) {
            new_customer(search::prefill_from_query(q, m_phones),
                         wxString::Format(_("No customer matches \"%s\". Who is it?"), wx(q)));
        });
    m_card = new CardPanel(splitter);
    m_card->on_more_timeline([this] { load_more_timeline(); });
    m_card->on_edit_preferences([this] { edit_preferences(); });
    m_card->on_work_offer([this](model::Id offer) { work_offer(offer); });
    m_card->on_call_back([this] { schedule_callback({}); });
    m_card->on_dial([this] { dial(); });
    m_card->on_pin_note([this] { pin_note(); });
    m_presenter.set_dispositions(disposition_labels(m_opt.config.wrap_up));
    m_card->on_log_planned([this](model::Id contact) { log_planned(contact); });
    m_card->on_tab([this](int page) { trace("card tab " + std::to_string(page)); });
    splitter->SplitVertically(m_search, m_card, 470);
    splitter->SetMinimumPaneSize(260);
    m_pages->AddPage(splitter, _("Customer card (Ctrl+1)"));
    m_contacts = new ContactsPanel(m_pages, [this](model::Id id) {
        show_page(0);
        open_card(id);
    });
    m_pages->AddPage(m_contacts, _("Today's contacts (Ctrl+2)"));
    m_board = new BoardPanel(m_pages, [this](const BoardFilter&) { refresh_board(false); }, [this](model::Id ticket) {
        auto state = m_board_state;
        if (!state) return;
        m_worker->post([this, state, ticket] {  // the board lives on the worker
            const auto* row = state->board ? state->board->board->row(ticket) : nullptr;
            if (!row) return;
            CallAfter([this, id = row->customer_id] {
                show_page(0);
                open_card(id);
            });
        });
    }, [this](model::Id ticket, desk::TicketChange change) { change_ticket(ticket, std::move(change)); });
    m_board->on_select([this](model::Id ticket) { load_ticket(ticket); });
    m_pages->AddPage(m_board, _("SLA board (Ctrl+3)"));
    m_my_work = new MyWorkPanel(m_pages, [this](model::Id id) {
        show_page(0);
        open_card(id);
    });
    m_pages->AddPage(m_my_work, _("My work (Ctrl+4)"));
    m_retention = new RetentionPanel(m_pages, [this](const RetentionQuery&) { refresh_retention(); },
                                     [this] { export_retention(); });
    default_retention_range();
    m_pages->AddPage(m_retention, _("Retention (Ctrl+5)"));
    m_pages->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        if (e.GetSelection() == 1) refresh_contacts();
        if (e.GetSelection() == 2) refresh_board(true);
        if (e.GetSelection() == 3) refresh_my_work();
        if (e.GetSelection() == 4) refresh_retention();
    });
    // Window size, position and the split are remembered between runs (wx's persistence, stored in
    // the user's wxConfig file).
    SetName("main_frame");
    splitter->SetName("main_split");
    wxPersistentRegisterAndRestore(this);
    wxPersistentRegisterAndRestore(splitter);
    CreateStatusBar(2);
    // "SQLite file X" / "PostgreSQL X": the product names stay, the words around them are the screen's.
    const std::string store = m_desk->store_description();
    const std::string sqlite = "SQLite file ";
    SetStatusText(store.rfind(sqlite, 0) == 0 ? wxString::Format(_("SQLite file %s"), wx(store.substr(sqlite.size())))
                                              : wx(store),
                  0);
    SetStatusText(_("Signed in:") + " " + wx(m_opt.config.agent.login), 1);
    bind_keys();

    m_worker = std::make_unique<util::JobQueue>([this](const std::string& msg) {
        CallAfter([this, msg] {
            SetStatusText(_("Store error:") + " " + wx(msg), 0);
            trace("error " + msg);
        });
    });
    start_sources();
    start_screen_pop();
    resolve_agent();
    m_refresh.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { if (m_open_customer) open_card(m_open_customer, true); }, m_refresh.GetId());
    start_live_updates();
    start_escalator();
    start_callback_reminders();
    // Time passes: a board left open moves tickets from ok to warning to breached on its own.
    m_board_clock.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_pages->GetSelection() == 2) refresh_board(true);
        // The open card's SLA countdowns move too.
        if (m_pages->GetSelection() == 0 && m_open_customer && !m_open_tickets.empty()) open_card(m_open_customer, true);
    }, m_board_clock.GetId());
    m_board_clock.Start(30000);
    if (m_opt.trace) {
        m_heartbeat.SetOwner(this);
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
            const auto now = std::chrono::steady_clock::now();
            const long late = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(now - m_last_beat).count()) - 20;
            m_max_stall_ms = std::max(m_max_stall_ms, late);
            m_last_beat = now;
        }, m_heartbeat.GetId());
        m_last_beat = std::chrono::steady_clock::now();
        m_heartbeat.Start(20);
    }
    if (!m_opt.initial_query.empty()) {
        m_auto_open = true;
        m_search->set_query(m_opt.initial_query);
    }
    m_search->focus_search();
}

MainFrame::~MainFrame() {
    if (m_pop_server) m_pop_server->stop();
    if (m_pop_thread.joinable()) m_pop_thread.join();
    m_listener.reset();  // joins its thread: no CallAfter after this
    m_escalator_clock.Stop();
    m_delivery_clock.Stop();
    m_callback_clock.Stop();
    m_delivery.reset();  // waits for a delivery in flight (bounded by the outbox timeout)
    m_directory_clock.Stop();
    m_directory.reset();  // waits for the batch in flight: each is stored with its cursor
    m_card_worker.reset();
    m_worker.reset();
}

void MainFrame::start_sources() {
    m_delivery = std::make_unique<util::JobQueue>([this](const std::string& msg) {
        CallAfter([this, msg] { SetStatusText(_("Write-back error:") + " " + wx(msg), 0); });
    });
    m_delivery_clock.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { deliver_write_backs(); }, m_delivery_clock.GetId());
    m_delivery_clock.Start(15000);
    deliver_write_backs();  // what an earlier session left waiting goes out now
    m_card_worker = std::make_unique<util::JobQueue>([this](const std::string& msg) {
        CallAfter([this, msg] { SetStatusText(_("Store error:") + " " + wx(msg), 0); });
    });
    // Directory sync (issue 15) on a queue of its own: a long first copy never holds up write-backs.
    if (const int every = m_desk->config().directory.sync_interval_min; every > 0) {
        m_directory = std::make_unique<util::JobQueue>([this](const std::string& msg) {
            CallAfter([this, msg] { SetStatusText(_("Store error:") + " " + wx(msg), 0); });
        });
        m_directory_clock.SetOwner(this);
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) { sync_directory(); }, m_directory_clock.GetId());
        m_directory_clock.Start(every * 60000);
        sync_directory();
    }
}

void MainFrame::sync_directory() {
    m_directory->post_latest("directory", [this] {
        std::string done;  // "crm, zendesk (!)": each source, marked when its run stopped early
        for (const auto& r : m_desk->sync_directory())
            done += (done.empty() ? "" : ", ") + r.source + (r.complete ? "" : " (!)");
        if (done.empty()) return;
        CallAfter([this, done] { confirm(wxString::Format(_("Directory synced: %s"), wx(done))); });
    });
}

void MainFrame::start_screen_pop() {
    const auto& sp = m_opt.config.screen_pop;
    if (!sp.enabled) return;
    const char* token = std::getenv(sp.token_env.c_str());
    if (!token || !*token) {
        SetStatusText(wxString::Format(_("Screen pop off: set %s to the telephony client's token"), wx(sp.token_env)), 0);
        return;
    }
    desk::PopEndpointOptions o;
    o.port = sp.port;
    o.token = token;
    try {  // a weak token or a taken port: the seat works on, the status bar says why
    m_pop_server = std::make_unique<desk::PopEndpoint>(o, [this](const std::string& phone) -> std::optional<nlohmann::json> {
        // The server's thread: the window pops at once; the telephony client's answer is the same card
        // the agent sees, assembled once, when it is complete.
        auto answer = std::make_shared<std::promise<std::optional<nlohmann::json>>>();
        auto ready = answer->get_future();
        CallAfter([this, phone, answer] { pop(phone, answer); });
        if (ready.wait_for(std::chrono::seconds(5)) != std::future_status::ready) return std::nullopt;
        try {
            return ready.get();
        } catch (const std::exception&) {
            return std::nullopt;  // superseded by a newer card request, or the card failed (shown on screen)
        }
    });
        const int port = m_pop_server->bind();
        m_pop_thread = std::thread([server = m_pop_server.get()] { server->run(); });
        trace("screen pop on 127.0.0.1:" + std::to_string(port));
    } catch (const std::exception& e) {
        SetStatusText(_("Screen pop off:") + " " + wx(e.what()), 0);
        m_pop_server.reset();
    }
}

void MainFrame::new_customer(const model::Customer& prefill, const wxString& intro) {
    trace("new customer form " + (prefill.phones.empty() ? std::string() : prefill.phones.front()) + " " +
          prefill.display_name());
    NewCustomerDialog dlg(this, prefill, intro);
    if (show_modal(dlg) != wxID_OK) return;
    auto entered = dlg.customer();
    m_worker->post([this, entered]() mutable {
        try {
            auto c = m_desk->create_customer(entered);
            CallAfter([this, id = c.id] {
                trace("saved customer");
                open_card(id);
            });
        } catch (const std::exception& e) {
            CallAfter([this, msg = desk::safe_message(e), entered] {
                wxMessageBox(wx(msg), _("New customer"), wxOK | wxICON_WARNING, this);
                new_customer(entered);  // what was typed stays
            });
        }
    });
}

int MainFrame::show_modal(wxDialog& dlg) {
    ++m_modal;
    const int result = dlg.ShowModal();
    if (--m_modal == 0 && !m_waiting_pop.empty()) {
        std::string waiting;
        std::swap(waiting, m_waiting_pop);
        CallAfter([this, waiting] { pop(waiting); });
    }
    return result;
}

void MainFrame::pop(const std::string& phone, PopAnswer answer) {
    if (m_modal > 0) {
        // The agent is writing about the customer on screen: keep their card under the dialog. The
        // telephony client still gets the caller's card; the window shows it when the dialog closes.
        m_waiting_pop = phone;
        const wxString notice = wxString::Format(_("Incoming call: %s. The card opens when you close this dialog."), wx(phone));
        SetStatusText(notice, 0);
        m_confirmation = notice;  // stale once that card opens: it goes then, like a confirmation
        trace("pop waits for the dialog " + phone);
        if (answer) load_card(0, phone, true, std::move(answer), false);
        return;
    }
    Raise();
    show_page(0);
    trace("pop " + phone);
    m_max_stall_ms = 0;  // the figure is per pop: what the agent waits through while this caller's card comes
    m_search->clear();  // the last customer's query and hits are not this caller's
    trace("search caption " + utf8(m_search->outcome()));
    // The last customer is off the screen: a save for them that finishes now must not reload their card
    // over the caller's (both loads share one lane, the later one wins).
    m_open_customer = 0;
    m_open_card.reset();
    m_card->show_message(_("Incoming call:") + " " + wx(phone));
    load_card(0, phone, true, std::move(answer));
}

void MainFrame::start_live_updates() {
    try {
        m_listener = m_desk->listen([this](const live::Change& c) { CallAfter([this, c] { on_change(c); }); },
                                    [this](const std::string& msg) { CallAfter([this, msg] { SetStatusText(wx(msg), 0); }); });
    } catch (const std::exception& e) {
        SetStatusText(_("Live updates unavailable:") + " " + wx(e.what()), 0);
    }
}

void MainFrame::on_change(const live::Change& c) {
    if (c.table == "notifications") show_notifications();
    if (c.table == "callbacks") check_callbacks();  // perhaps given to this agent by a supervisor
    if (m_pages->GetSelection() == 2 && (c.table == "tickets" || c.table == "ticket_events"))
        update_board_ticket(c.table == "tickets" ? c.id : c.ticket_id);
    const bool mine = m_open_customer && (c.customer_id == m_open_customer ||
                                          std::find(m_open_tickets.begin(), m_open_tickets.end(), c.ticket_id) != m_open_tickets.end());
    if (!mine) return;
    trace("change " + c.table + " " + std::to_string(c.id));
    m_refresh.StartOnce(150);
}

void MainFrame::bind_keys() {
    // CHAR_HOOK reaches the frame before the focused control, whatever has focus (the search field
    // included), which accelerator tables on a menu-less frame do not guarantee on GTK.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        const int key = e.GetModifiers() == wxMOD_CONTROL ? shortcut_key(e) : e.GetKeyCode();
        if (e.GetModifiers() == wxMOD_CONTROL && key == 'F') trace("shortcut Ctrl+F");
        if (e.GetModifiers() == wxMOD_CONTROL && (key == 'F' || key == 'f')) return m_search->focus_search();
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F2) return log_contact(actions::ContactDraft{});
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F3) return open_complaint(actions::ComplaintDraft{});
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F4) return edit_preferences();
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F6) return work_offer(m_card->selected_offer());
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F8) return schedule_callback({});
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F9) return dial();
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F7)
            return m_pages->GetSelection() == 1 ? log_planned_from_list() : log_planned(m_card->selected_contact());
        if (e.GetModifiers() == wxMOD_CONTROL && (key == 'L' || key == 'l')) return load_more_timeline();
        if (e.GetModifiers() == wxMOD_CONTROL && key == 'N' && m_pages->GetSelection() == 0) return pin_note();
        // Alt+1..6: the card's tabs (a digit is the same key in every layout; by the physical key all the same).
        if (e.GetModifiers() == wxMOD_ALT && m_pages->GetSelection() == 0) {
            const int digit = shortcut_key(e);
            if (digit >= '1' && digit <= '9' && m_card->select_tab(digit - '1')) return;
        }
        if (e.GetModifiers() == wxMOD_CONTROL && key >= '1' && key <= '5') return show_page(key - '1');
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F5) return refresh_board(true);
        if (m_pages->GetSelection() == 2 && e.GetModifiers() == wxMOD_CONTROL && board_key(key)) return;
        e.Skip();
    });
}

void MainFrame::load_more_timeline() {
    if (!m_open_card || m_timeline_shown >= static_cast<std::size_t>(m_open_card->interactions.total)) return;
    const model::Id id = m_open_customer;
    const int offset = static_cast<int>(m_timeline_shown);
    m_worker->post([this, id, offset] {
        auto more = m_desk->timeline(id, offset);
        auto rows = m_presenter.timeline_rows(more.items);
        CallAfter([this, id, rows = std::move(rows), total = more.total] {
            if (id != m_open_customer) return;  // the agent moved on
            m_timeline_shown += rows.size();
            m_card->append_timeline(rows, m_presenter.timeline_caption(m_timeline_shown, total),
                                    m_timeline_shown < static_cast<std::size_t>(total));
            trace("timeline " + std::to_string(m_timeline_shown));
        });
    });
}

void MainFrame::edit_preferences(const wxString& error, std::optional<model::ContactPreferences> draft) {
    if (!m_open_card) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    PreferencesDialog dlg(this, m_open_name, draft ? *draft : m_open_card->preferences, m_opt.config.locale.timezone, error);
    if (show_modal(dlg) != wxID_OK) return;
    auto edited = dlg.preferences();
    m_worker->post([this, edited]() mutable {
        try {
            m_desk->save_preferences(edited);
            CallAfter([this, id = edited.customer_id] {
                confirm(_("Preferences saved."));
                trace("saved preferences");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::conflict) {
                // Someone else saved first: show their version, tell the agent, let them apply theirs again.
                CallAfter([this, msg = desk::safe_message(e)] {
                    wxMessageBox(wx(msg), _("Contact preferences"), wxOK | wxICON_WARNING, this);
                    open_card(m_open_customer, true);
                });
            } else {
                CallAfter([this, edited, msg = desk::safe_message(e)] { edit_preferences(wx(msg), edited); });
            }
        }
    });
}

void MainFrame::resolve_agent() {
    const std::string login = m_opt.config.agent.login;
    m_worker->post([this, login] {
        // Who the store recognises (on PostgreSQL the database session, not the YAML); a disabled agent
        // is refused by whoami but still shown as such.
        std::optional<model::Agent> agent;
        try {
            agent = m_desk->whoami().agent;
        } catch (const Error&) {
            agent = m_desk->agent_by_login(login);
            if (agent && agent->active) agent.reset();
        }
        auto types = m_desk->problem_types();
        CallAfter([this, agent, types] {
            m_problem_types = types;
            if (agent && !agent->active) {
                // The desk refuses a disabled agent everything; say so up front, not on the first call.
                m_agent = agent;
                SetStatusText(wxString::Format(_("Signed in as %s, but this agent is disabled: ask an admin to enable it"),
                                               wx(agent->login)), 1);
            } else if (agent) {
                m_agent = agent;
                // Each role starts where its day's work is.
                if (agent->role == model::Role::service) show_page(1);
                else if (agent->role == model::Role::supervisor && m_opt.initial_query.empty()) show_page(2);
                SetStatusText(_("Signed in:") + " " + wx(agent->name) + " (" + wx(agent->login) + ")", 1);
            } else {
                SetStatusText(wxString::Format(_("Agent login %s is not known here: ask an admin to add it"),
                                               wx(m_opt.config.agent.login)), 1);
            }
        });
    });
}

void MainFrame::log_contact(actions::ContactDraft draft, const wxString& error, desk::WrapUp wrap_up) {
    if (!m_open_customer) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    draft.customer_id = m_open_customer;
    LogContactDialog dlg(this, m_open_name, draft,
                         {m_opt.config.wrap_up, m_opt.config.locale.timezone, m_desk->now(), wrap_up}, error);
    if (show_modal(dlg) != wxID_OK) return;
    auto entered = dlg.draft();
    auto wrap = dlg.wrap_up();
    m_worker->post([this, entered, wrap] {
        try {
            m_desk->log_contact(entered, nullptr, {}, wrap);
            CallAfter([this, id = entered.customer_id, callback = wrap.callback_at != 0] {
                confirm(callback ? _("Contact saved; the callback is yours.") : _("Contact saved."));
                deliver_write_backs();
                trace("saved contact");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            // Not saved: give the agent their words back with the reason, never drop them.
            CallAfter([this, entered, wrap, msg = desk::safe_message(e)] { log_contact(entered, wx(msg), wrap); });
        }
    });
}

void MainFrame::open_complaint(actions::ComplaintDraft draft, const wxString& error) {
    if (!m_open_customer) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    draft.customer_id = m_open_customer;
    ComplaintDialog dlg(this, m_open_name, m_problem_types.empty() ? std::vector<std::string>{"service"} : m_problem_types,
                        draft, error, [this, id = m_open_customer](const std::string& type, int severity) {
                            preview_complaint(id, type, severity);
                        });
    m_complaint_dialog = &dlg;
    const int result = show_modal(dlg);
    m_complaint_dialog = nullptr;
    if (const model::Id existing = dlg.show_existing()) {
        // The agent chose the complaint already open on this problem over a second ticket.
        m_card->show_ticket(existing);
        trace("shown complaint #" + std::to_string(existing));
        return SetStatusText(wxString::Format(_("Complaint #%lld is already open on this problem: it is selected on the card."),
                                              static_cast<long long>(existing)), 0);
    }
    if (result != wxID_OK) return;
    auto entered = dlg.draft();
    m_worker->post([this, entered] {
        try {
            auto t = m_desk->open_complaint(entered);
            CallAfter([this, id = entered.customer_id, ticket = t.id] {
                confirm(wxString::Format(_("Complaint #%lld opened."), static_cast<long long>(ticket)));
                deliver_write_backs();
                trace("saved complaint");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            CallAfter([this, entered, msg = desk::safe_message(e)] { open_complaint(entered, wx(msg)); });
        }
    });
}

void MainFrame::deliver_write_backs() {
    if (!m_delivery) return;
    m_delivery->post_latest("deliver", [this] {
        m_desk->deliver_outbox();
        auto line = write_back_line(m_desk->outbox_backlog(), util::system_now(), wx_translator());
        CallAfter([this, line] {
            m_card->show_write_backs(line);
            trace("write-backs " + (line.text.empty() ? std::string("none waiting") : line.text));
        });
    });
}

void MainFrame::trace(const std::string& line) const {
    if (!m_opt.trace) return;
    std::printf("kartoteka: %s\n", line.c_str());
    std::fflush(stdout);
}

void MainFrame::search(const std::string& query) {
    m_worker->post_latest("search", [this, query] {
        // The store's hits at once, each source's as it answers (federated search).
        auto show = [this, query](const desk::SearchResult& r) {
            CallAfter([this, query, r] {
                m_search->show_results(query, r, m_phones);
                if (!r.complete) return;
                trace("results " + std::to_string(r.hits.size()) + " for " + query);
                trace("search caption " + utf8(m_search->outcome()));
                if (m_auto_open && r.hits.size() == 1 && r.hits.front().customer.id) open_card(r.hits.front().customer.id);
                m_auto_open = false;
            });
        };
        m_desk->search_all(query, SearchPanel::limit, show);
    });
}

void MainFrame::open_hit(const search::Hit& hit) {
    if (hit.customer.id) return open_card(hit.customer.id);
    // Only a backend knows them: opened like a pop by their number, which keeps them locally.
    if (!hit.customer.phones.empty()) return load_card(0, hit.customer.phones.front(), false, {});
    SetStatusText(_("This customer has no phone number here: open them from their system's own card."), 0);
}

void MainFrame::open_card(model::Id id, bool refresh) { load_card(id, "", refresh, {}); }

void MainFrame::load_card(model::Id id, const std::string& phone, bool refresh, PopAnswer answer, bool visible) {
    if (!refresh && visible) m_card->show_message(_("Loading the card…"));
    const auto origin = answer ? desk::Origin::pop : desk::Origin::window;
    // An answer-only load runs beside the window's card lane, so it never drops the card on screen.
    m_card_worker->post_latest(visible ? "card" : "answer", [this, id, phone, answer, origin, visible] {
        auto reply = [&answer](std::optional<nlohmann::json> card) {
            if (answer) answer->set_value(std::move(card));
        };
        try {
            // The local part is shown at once; each source's answer refreshes the card in place.
            auto show = [this, visible, origin, phone](const card::Card& c, bool final) {
                if (!visible) return;
                auto view = std::make_shared<CardView>(m_presenter.present(c, util::system_now(), &c.ticket_sla));
                auto holdings = std::make_shared<HoldingsView>(
                    HoldingsPresenter(wx_translator(), ui_language(), m_opt.config.locale.timezone).present(c));
                auto data = std::make_shared<const card::Card>(c);
                const auto seq = ++m_card_renders;
                CallAfter([this, view, holdings, data, final, origin, phone, seq] {
                    // Sources that answer together queue several partial cards; the event loop
                    // renders only the newest, so three answers cost one layout, not three back to back.
                    if (!final && seq != m_card_renders.load()) return;
                    // The caller on the line: what is worked on their card now is part of their call.
                    if (origin == desk::Origin::pop) m_call_customer = data->customer.id;
                    if (data->customer.id != m_open_customer) forget_confirmation();  // it was about the last one
                    m_open_card = data;
                    m_timeline_shown = data->interactions.items.size();
                    m_open_customer = data->customer.id;
                    m_open_name = wx(view->title);
                    m_open_tickets.clear();
                    for (const auto& row : view->tickets.rows) m_open_tickets.push_back(row.id);
                    m_card->show(*view);
                    m_card->holdings()->show(*holdings);
                    const model::Agent me = m_agent.value_or(model::Agent{});
                    m_card->show_work(!m_work.open_offers(*data, me).empty(),
                                      !m_work.planned_contacts(*data, me, util::system_now()).empty());
                    SetTitle("Kartoteka — " + wx(view->title));
                    trace(std::string(final ? "card " : "card (partial) ") + utf8(m_card->title_text()));
                    if (final && data->matches.size() > 1) {
                        // The number they share, on each row: the agent sees why both are listed.
                        const auto e164 = m_phones.normalize(phone);
                        m_search->show_matches(data->matches, e164 ? wx(m_phones.display(*e164)) : wx(phone));
                        trace("matches " + std::to_string(data->matches.size()));
                    }
                    if (final && m_opt.trace) {  // test-only lines; the tab scan must not cost a real pop
                        std::string keys;
                        for (const auto& b : view->banners) keys += (keys.empty() ? "" : ",") + b.key;
                        trace("alerts " + keys + (view->next_offer.key.empty() ? "" : " " + view->next_offer.key));
                        const wxPoint tab = m_card->tab_point(2);
                        trace("complaints tab at " + std::to_string(tab.x) + " " + std::to_string(tab.y));
                        trace("ui max stall " + std::to_string(m_max_stall_ms) + " ms");
                        trace("card #" + std::to_string(data->customer.id) + " tickets " + tickets_trace(*data));
                    }
                });
            };
            // One use case for the window, the endpoint and the CLI: access, assembly, a backend-only
            // caller kept locally, SLA per ticket, the view audited before the complete card is shown.
            auto c = m_desk->open_card({id, phone}, origin, [&](const card::Card& partial) { show(partial, false); });
            if (!c && !visible) return reply(std::nullopt);
            if (!c) {
                if (phone.empty())
                    CallAfter([this] { m_card->show_message(_("This customer no longer exists.")); });
                else
                    CallAfter([this, phone] {
                        model::Customer caller;
                        caller.phones = {phone};
                        new_customer(caller);
                    });
                return reply(std::nullopt);
            }
            show(*c, true);
            if (answer) reply(card::to_json(*c));  // only the endpoint's pop wants the JSON
        } catch (const std::exception& e) {
            CallAfter([this, msg = desk::safe_message(e)] { m_card->show_message(wx(msg)); });
            if (answer) answer->set_exception(std::current_exception());
        }
    });
}

}  // namespace kartoteka::gui

namespace kartoteka::gui {


void MainFrame::show_page(int page) {
    if (page < 0 || page >= static_cast<int>(m_pages->GetPageCount())) return;
    m_pages->SetSelection(static_cast<std::size_t>(page));
    if (page == 0) m_search->focus_search();
    if (page == 1) m_contacts->focus_list();
    if (page == 2) m_board->focus_list();
    if (page == 3) m_my_work->focus_list();
}

void MainFrame::refresh_board(bool reload) {
    if (!m_board_state) m_board_state = std::make_shared<BoardState>();
    auto state = m_board_state;
    const BoardFilter filter = m_board->filter();
    m_worker->post_latest("board", [this, state, filter, reload] {
        std::optional<model::Agent> me;
        try {
            me = m_desk->agent();  // the database session's agent on PostgreSQL
        } catch (const Error&) {
        }
        if (!me || !access::allowed(me->role, access::Action::view_sla_board)) {
            CallAfter([this] { m_board->show_message(_("The SLA board is for supervisors.")); });
            return;
        }
        const auto now = util::system_now();
        if (reload || !state->board) {
            // Warnings and breaches that have happened are recorded (once) and escalate to team leads.
            state->board = m_desk->sla_board({});
            const model::Timestamp from = now - 12 * 7 * 86400;
            const auto history = m_desk->board_history(from, now + 1);
            state->chart = BoardPresenter::weekly(history.breaches, history.losses, now, 12);
        }
        state->filter = filter;
        auto view = std::make_shared<BoardView>(
            m_board_presenter.present(*state->board->board, filter, state->board->customer_names));
        view->chart = state->chart;
        CallAfter([this, view] {
            const std::size_t rows = view->table.rows.size();
            m_board->show(std::move(*view));
            trace("board " + std::to_string(rows));
            // Loading every open ticket with its history and formatting the rows is transient (the board
            // keeps one small state per ticket); hand the freed heap back so a supervisor seat does not
            // hold its peak all day.
            ::malloc_trim(0);
        });
    });
}

void MainFrame::update_board_ticket(model::Id ticket_id) {
    auto state = m_board_state;
    if (!state) return;
    m_worker->post([this, state, ticket_id] {
        if (!state->board || !m_desk->update_board(*state->board, ticket_id)) return;
        auto view = std::make_shared<BoardView>(
            m_board_presenter.present(*state->board->board, state->filter, state->board->customer_names));
        view->chart = state->chart;
        const auto* row = state->board->board->row(ticket_id);
        const std::string owner = row ? state->board->board->directory().agent_name(row->owner_id) : "-";
        CallAfter([this, view, ticket_id, owner] {
            m_board->show(std::move(*view));
            trace("board_ticket " + std::to_string(ticket_id) + " owner " + owner);
            if (m_board->selected_ticket() == ticket_id) load_ticket(ticket_id);  // the pane follows too
        });
    });
}

void MainFrame::dial() {
    if (!m_open_card || m_open_card->customer.phones.empty())
        return SetStatusText(_("Open a customer's card with a phone number first."), 0);
    const std::string tel = "tel:" + m_open_card->customer.phones.front();
    trace("dial " + phone::mask_caller_id(tel));
    // The softphone registered for tel: links dials it; nothing here talks to the PBX itself.
    if (!wxLaunchDefaultBrowser(wx(tel)))
        return SetStatusText(_("No program on this computer handles tel: links: set up the softphone to dial."), 0);
    confirm(_("Dialling:") + " " + wx(m_phones.display(m_open_card->customer.phones.front())));
}

}  // namespace kartoteka::gui
