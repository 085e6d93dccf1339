#include "main_frame.h"

#include <wx/persist/splitter.h>
#include <wx/persist/toplevel.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>

#include <malloc.h>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "card/card.h"
#include "card/card_json.h"
#include "connectors.h"
#include "error.h"
#include "sla/sla_policy.h"
#include "gui_util.h"
#include "preferences_dialog.h"
#include "record_dialogs.h"
#include "search/customer_search.h"
#include "util/time.h"

namespace kartoteka::gui {

struct MainFrame::BoardState {
    BoardState(const config::Config& c) : policies(c.sla), calendars(c.calendars) {}
    sla::PolicySet policies;
    sla::CalendarSet calendars;
    std::unique_ptr<sla::Board> board;
    BoardFilter filter;
    std::vector<ChartPoint> chart;
};

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Kartoteka", wxDefaultPosition, wxSize(1400, 860)),
      m_opt(std::move(options)), m_phones(m_opt.config.locale.default_region),
      m_presenter(m_phones, translate, m_opt.config.locale.currency, m_opt.config.locale.timezone),
      m_work(translate, m_opt.config.locale.timezone), m_board_presenter(translate) {
    m_pages = new wxNotebook(this, wxID_ANY);
    auto* splitter = new wxSplitterWindow(m_pages, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_search = new SearchPanel(splitter, [this](const std::string& q) { search(q); }, [this](model::Id id) { open_card(id); });
    m_card = new CardPanel(splitter);
    m_card->on_more_timeline([this] { load_more_timeline(); });
    m_card->on_edit_preferences([this] { edit_preferences(); });
    m_card->on_work_offer([this](model::Id offer) { work_offer(offer); });
    m_card->on_log_planned([this](model::Id contact) { log_planned(contact); });
    splitter->SplitVertically(m_search, m_card, 470);
    splitter->SetMinimumPaneSize(260);
    m_pages->AddPage(splitter, _("Customer card (Ctrl+1)"));
    m_contacts = new ContactsPanel(m_pages, [this](model::Id id) {
        show_page(0);
        open_card(id);
    });
    m_pages->AddPage(m_contacts, _("Today's contacts (Ctrl+2)"));
    m_board = new BoardPanel(m_pages, [this](const BoardFilter&) { refresh_board(false); }, [this](model::Id ticket) {
        m_worker->post([this, ticket](storage::Store& store) {
            if (auto t = store.ticket(ticket, false))
                CallAfter([this, id = t->customer_id] {
                    show_page(0);
                    open_card(id);
                });
        });
    });
    m_pages->AddPage(m_board, _("SLA board (Ctrl+3)"));
    m_pages->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        if (e.GetSelection() == 1) refresh_contacts();
        if (e.GetSelection() == 2) refresh_board(true);
    });
    // Window size, position and the split are remembered between runs (wx's persistence, stored in
    // the user's wxConfig file).
    SetName("main_frame");
    splitter->SetName("main_split");
    wxPersistentRegisterAndRestore(this);
    wxPersistentRegisterAndRestore(splitter);
    CreateStatusBar(2);
    SetStatusText(wx(m_opt.store.describe()), 0);
    SetStatusText(_("Signed in:") + " " + wx(m_opt.config.agent.login), 1);
    bind_keys();

    m_worker = std::make_unique<storage::StoreWorker>(m_opt.store, m_opt.store_password, [this](const std::string& msg) {
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
    m_delivery_clock.Stop();
    m_delivery.reset();  // waits for a delivery in flight (bounded by the outbox timeout)
    m_card_worker.reset();
    m_worker.reset();
}

void MainFrame::start_sources() {
    connectors::register_all(m_registry);
    m_registry.set_preset_dirs(connector::default_preset_dirs(m_opt.config.source_file));
    try {
        m_sources = m_registry.create_all(m_opt.config.connectors);
    } catch (const std::exception& e) {
        SetStatusText(_("Connectors not started:") + " " + wx(e.what()), 0);
    }
    m_assembler = std::make_unique<connector::CardAssembler>(m_sources, m_opt.config.card.local_priority, m_phones,
                                                             util::system_now);
    m_routes = connector::routes_for(m_sources);
    m_delivery = std::make_unique<storage::StoreWorker>(m_opt.store, m_opt.store_password, [this](const std::string& msg) {
        CallAfter([this, msg] { SetStatusText(_("Write-back error:") + " " + wx(msg), 0); });
    });
    m_delivery_clock.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { deliver_write_backs(); }, m_delivery_clock.GetId());
    m_delivery_clock.Start(15000);
    deliver_write_backs();  // what an earlier session left waiting goes out now
    m_card_worker = std::make_unique<storage::StoreWorker>(m_opt.store, m_opt.store_password, [this](const std::string& msg) {
        CallAfter([this, msg] { SetStatusText(_("Store error:") + " " + wx(msg), 0); });
    });
}

std::optional<card::Card> MainFrame::card_by(storage::Store& store, model::Id id, const std::string& phone,
                                             const connector::CardAssembler::Update& on_update) {
    if (!m_cards) {
        m_cards = std::make_unique<connector::CardService>(store, *m_assembler, m_phones, m_opt.config.card.timeline_page,
                                                           util::system_now);
        m_cards->set_retention(m_opt.config.retention, m_opt.config.locale.timezone);
    }
    return phone.empty() ? m_cards->by_id(id, on_update) : m_cards->by_phone(phone, on_update);
}

void MainFrame::start_screen_pop() {
    const auto& sp = m_opt.config.screen_pop;
    if (!sp.enabled) return;
    const char* token = std::getenv(sp.token_env.c_str());
    if (!token || !*token) {
        SetStatusText(wxString::Format(_("Screen pop off: set %s to the telephony client's token"), wx(sp.token_env)), 0);
        return;
    }
    connector::ScreenPopOptions o;
    o.port = sp.port;
    o.token = token;
    try {  // a weak token or a taken port: the seat works on, the status bar says why
    m_pop_server = std::make_unique<connector::ScreenPopServer>(o, [this](const std::string& phone) -> std::optional<nlohmann::json> {
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

void MainFrame::new_customer(const std::string& phone) {
    trace("new customer form " + phone);
    NewCustomerDialog dlg(this, phone);
    if (dlg.ShowModal() != wxID_OK) return;
    auto entered = dlg.customer();
    const model::Agent agent = m_agent.value_or(model::Agent{});
    const phone::PhoneNormalizer* phones = &m_phones;
    m_worker->post([this, entered, agent, phones](storage::Store& store) mutable {
        try {
            auto e164 = phones->normalize(entered.phones.front());
            if (!e164) throw Error(ErrorKind::invalid, "'" + entered.phones.front() + "' is not a valid phone number");
            entered.phones = {*e164};
            auto c = actions::AgentActions(store, agent).create_customer(entered, util::system_now());
            CallAfter([this, id = c.id] {
                trace("saved customer");
                open_card(id);
            });
        } catch (const std::exception& e) {
            CallAfter([this, msg = std::string(e.what()), p = entered.phones.front()] {
                wxMessageBox(wx(msg), _("New customer"), wxOK | wxICON_WARNING, this);
                new_customer(p);
            });
        }
    });
}

void MainFrame::pop(const std::string& phone, PopAnswer answer) {
    Raise();
    show_page(0);
    trace("pop " + phone);
    m_card->show_message(_("Incoming call:") + " " + wx(phone));
    load_card(0, phone, true, std::move(answer));
}

void MainFrame::start_live_updates() {
    if (m_opt.store.dialect != storage::Dialect::postgresql) return;  // a SQLite store has one seat
    std::string conninfo = m_opt.store.target;
    if (!m_opt.store_password.empty()) conninfo += (conninfo.rfind("postgres", 0) == 0 ? "?password=" : " password=") + m_opt.store_password;
    try {
        m_listener = std::make_unique<live::ChangeListener>(
            conninfo, [this](const live::Change& c) { CallAfter([this, c] { on_change(c); }); },
            [this](const std::string& msg) { CallAfter([this, msg] { SetStatusText(wx(msg), 0); }); });
    } catch (const std::exception& e) {
        SetStatusText(_("Live updates unavailable:") + " " + wx(e.what()), 0);
    }
}

void MainFrame::on_change(const live::Change& c) {
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
        const int key = e.GetKeyCode();
        if (e.GetModifiers() == wxMOD_CONTROL && (key == 'F' || key == 'f')) return m_search->focus_search();
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F2) return log_contact(actions::ContactDraft{});
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F3) return open_complaint(actions::ComplaintDraft{});
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F4) return edit_preferences();
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F6) return work_offer(m_card->selected_offer());
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F7)
            return m_pages->GetSelection() == 1 ? log_planned_from_list() : log_planned(m_card->selected_contact());
        if (e.GetModifiers() == wxMOD_CONTROL && (key == 'L' || key == 'l')) return load_more_timeline();
        if (e.GetModifiers() == wxMOD_CONTROL && key >= '1' && key <= '3') return show_page(key - '1');
        if (e.GetModifiers() == wxMOD_NONE && key == WXK_F5) return refresh_board(true);
        e.Skip();
    });
}

void MainFrame::load_more_timeline() {
    if (!m_open_card || m_timeline_shown >= static_cast<std::size_t>(m_open_card->interactions.total)) return;
    const model::Id id = m_open_customer;
    const int page = m_opt.config.card.timeline_page;
    const int offset = static_cast<int>(m_timeline_shown);
    m_worker->post([this, id, page, offset](storage::Store& store) {
        auto more = store.interactions_for(id, page, offset);
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
    PreferencesDialog dlg(this, m_open_name, draft ? *draft : m_open_card->preferences, error);
    if (dlg.ShowModal() != wxID_OK) return;
    auto edited = dlg.preferences();
    const model::Agent agent = m_agent.value_or(model::Agent{});
    m_worker->post([this, edited, agent](storage::Store& store) mutable {
        try {
            actions::AgentActions(store, agent).save_preferences(edited, util::system_now());
            CallAfter([this, id = edited.customer_id] {
                SetStatusText(_("Preferences saved."), 0);
                trace("saved preferences");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::conflict) {
                // Someone else saved first: show their version, tell the agent, let them apply theirs again.
                CallAfter([this, msg = std::string(e.what())] {
                    wxMessageBox(wx(msg), _("Contact preferences"), wxOK | wxICON_WARNING, this);
                    open_card(m_open_customer, true);
                });
            } else {
                CallAfter([this, edited, msg = std::string(e.what())] { edit_preferences(wx(msg), edited); });
            }
        }
    });
}

void MainFrame::resolve_agent() {
    const std::string login = m_opt.config.agent.login;
    m_worker->post([this, login](storage::Store& store) {
        auto agent = store.agent_by_login(login);
        auto types = store.problem_types();
        CallAfter([this, agent, types] {
            m_problem_types = types;
            if (agent) {
                m_agent = agent;
                // Each role starts where its day's work is.
                if (agent->role == model::Role::service) show_page(1);
                else if (agent->role == model::Role::supervisor && m_opt.initial_query.empty()) show_page(2);
                SetStatusText(_("Signed in:") + " " + wx(agent->name) + " (" + wx(agent->login) + ")", 1);
            } else {
                SetStatusText(_("Unknown agent login:") + " " + wx(m_opt.config.agent.login), 1);
            }
        });
    });
}

void MainFrame::log_contact(actions::ContactDraft draft, const wxString& error) {
    if (!m_open_customer) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    draft.customer_id = m_open_customer;
    LogContactDialog dlg(this, m_open_name, draft, error);
    if (dlg.ShowModal() != wxID_OK) return;
    auto entered = dlg.draft();
    const model::Agent agent = m_agent.value_or(model::Agent{});
    m_worker->post([this, entered, agent](storage::Store& store) {
        try {
            actions::AgentActions(store, agent, m_routes).log_contact(entered, util::system_now());
            CallAfter([this, id = entered.customer_id] {
                SetStatusText(_("Contact saved."), 0);
                deliver_write_backs();
                trace("saved contact");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            // Not saved: give the agent their words back with the reason, never drop them.
            CallAfter([this, entered, msg = std::string(e.what())] { log_contact(entered, wx(msg)); });
        }
    });
}

void MainFrame::open_complaint(actions::ComplaintDraft draft, const wxString& error) {
    if (!m_open_customer) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    draft.customer_id = m_open_customer;
    ComplaintDialog dlg(this, m_open_name, m_problem_types.empty() ? std::vector<std::string>{"service"} : m_problem_types,
                        draft, error);
    if (dlg.ShowModal() != wxID_OK) return;
    auto entered = dlg.draft();
    const model::Agent agent = m_agent.value_or(model::Agent{});
    m_worker->post([this, entered, agent](storage::Store& store) {
        try {
            auto t = actions::AgentActions(store, agent, m_routes).open_complaint(entered, util::system_now());
            CallAfter([this, id = entered.customer_id, ticket = t.id] {
                SetStatusText(wxString::Format(_("Complaint #%lld opened."), static_cast<long long>(ticket)), 0);
                deliver_write_backs();
                trace("saved complaint");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            CallAfter([this, entered, msg = std::string(e.what())] { open_complaint(entered, wx(msg)); });
        }
    });
}

void MainFrame::deliver_write_backs() {
    if (!m_delivery) return;
    const auto& o = m_opt.config.outbox;
    const connector::OutboxPolicy policy{o.max_attempts, o.backoff_s, std::chrono::milliseconds(o.timeout_ms)};
    m_delivery->post_latest("deliver", [this, policy](storage::Store& store) {
        connector::Outbox outbox(store);
        connector::OutboxDeliverer(store, outbox, m_sources, policy, util::system_now).deliver_due();
        auto line = write_back_line(outbox.backlog(), util::system_now(), translate);
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
    const phone::PhoneNormalizer* phones = &m_phones;
    m_worker->post_latest("search", [this, query, phones](storage::Store& store) {
        search::CustomerSearch finder(store, *phones);
        auto hits = finder.find(query, 50);
        CallAfter([this, query, hits = std::move(hits)] {
            m_search->show_results(query, hits, m_phones);
            trace("results " + std::to_string(hits.size()) + " for " + query);
            if (m_auto_open && hits.size() == 1) open_card(hits.front().customer.id);
            m_auto_open = false;
        });
    });
}

void MainFrame::open_card(model::Id id, bool refresh) { load_card(id, "", refresh, {}); }

void MainFrame::load_card(model::Id id, const std::string& phone, bool refresh, PopAnswer answer) {
    if (!refresh) m_card->show_message(_("Loading the card…"));
    const std::string login = m_opt.config.agent.login;
    m_card_worker->post_latest("card", [this, id, phone, login, answer](storage::Store& store) {
        auto reply = [&answer](std::optional<nlohmann::json> card) {
            if (answer) answer->set_value(std::move(card));
        };
        try {
            // Resolved here (not from m_agent) so the very first card, popped at start-up, is checked too.
            auto agent = store.agent_by_login(login);
            if (!agent) {
                CallAfter([this] { m_card->show_message(_("Unknown agent login:") + " " + wx(m_opt.config.agent.login)); });
                return reply(std::nullopt);
            }
            access::require(*agent, access::Action::view_card);
            // The local part is shown at once; each source's answer refreshes the card in place.
            auto show = [this](const card::Card& c, bool final) {
                // Each open ticket's SLA clock, for the countdown column (policies and calendars of the config).
                if (!m_card_sla) m_card_sla = std::make_unique<BoardState>(m_opt.config);
                std::vector<sla::TicketSla> slas;
                const auto at = util::system_now();
                for (const auto& t : c.tickets) {
                    const auto& policy = m_card_sla->policies.resolve(t.problem_type, t.severity);
                    auto* cal = m_card_sla->calendars.find(t.calendar.empty() ? policy.calendar : t.calendar);
                    if (!cal) cal = &m_card_sla->calendars.get(policy.calendar);
                    slas.push_back(sla::SlaEngine::evaluate(t, policy, *cal, at));
                }
                auto view = std::make_shared<CardView>(m_presenter.present(c, at, &slas));
                auto data = std::make_shared<const card::Card>(c);
                CallAfter([this, view, data, final] {
                    m_open_card = data;
                    m_timeline_shown = data->interactions.items.size();
                    m_open_customer = data->customer.id;
                    m_open_name = wx(view->title);
                    m_open_tickets.clear();
                    for (const auto& row : view->tickets.rows) m_open_tickets.push_back(row.id);
                    m_card->show(*view);
                    const model::Agent me = m_agent.value_or(model::Agent{});
                    m_card->show_work(!m_work.open_offers(*data, me).empty(),
                                      !m_work.planned_contacts(*data, me, util::system_now()).empty());
                    SetTitle("Kartoteka — " + wx(view->title));
                    trace(std::string(final ? "card " : "card (partial) ") + utf8(m_card->title_text()));
                    if (final) trace("ui max stall " + std::to_string(m_max_stall_ms) + " ms");
                });
            };
            // A caller only a backend knows has no local part: the "incoming call" line stays until a
            // source answers with them.
            auto c = card_by(store, id, phone, [&](const card::Card& partial) {
                if (connector::knows_customer(partial)) show(partial, false);
            });
            if (!c) {
                if (phone.empty())
                    CallAfter([this] { m_card->show_message(_("This customer no longer exists.")); });
                else
                    CallAfter([this, phone] { new_customer(phone); });
                return reply(std::nullopt);
            }
            const auto now = util::system_now();
            if (c->customer.id == 0) {
                // Only a backend knows the caller: keep a local record linked to it, so the call can be
                // logged and complaints opened (and written back) like for any customer.
                c->customer.id = actions::AgentActions(store, *agent, m_routes).adopt_customer(c->customer, now).id;
                trace("adopted customer from a source");
            }
            audit::AuditLog(store).record({0, now, agent->id, "", "view_card", c->customer.id, "", 0, "workstation"});
            show(*c, true);
            if (answer) reply(card::to_json(*c));  // only the endpoint's pop wants the JSON
        } catch (const std::exception& e) {
            CallAfter([this, msg = std::string(e.what())] { m_card->show_message(wx(msg)); });
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
}

void MainFrame::refresh_board(bool reload) {
    if (!m_board_state) m_board_state = std::make_shared<BoardState>(m_opt.config);
    auto state = m_board_state;
    const BoardFilter filter = m_board->filter();
    const std::string login = m_opt.config.agent.login;
    m_worker->post_latest("board", [this, state, filter, reload, login](storage::Store& store) {
        auto agent = store.agent_by_login(login);
        if (!agent || !access::allowed(agent->role, access::Action::view_sla_board)) {
            CallAfter([this] { m_board->show_message(_("The SLA board is for supervisors.")); });
            return;
        }
        const auto now = util::system_now();
        if (reload || !state->board) {
            state->board = std::make_unique<sla::Board>(state->policies, state->calendars,
                                                        sla::Directory(store.agents(), store.teams()));
            state->board->recompute(store.open_tickets(), now);
            // Warnings and breaches that have happened are recorded (once) and escalate to team leads.
            std::vector<model::SlaEvent> happened;
            for (const auto& e : state->board->events())
                if (e.at <= now) happened.push_back(e);
            store.record_sla_events(happened, now);
            const model::Timestamp from = now - 12 * 7 * 86400;
            std::vector<model::Timestamp> breaches;
            for (const auto& e : store.sla_events_between(from, now + 1))
                if (e.kind == model::SlaEventKind::breach) breaches.push_back(e.at);
            state->chart = BoardPresenter::weekly(breaches, store.loss_times(from, now + 1), now, 12);
        }
        state->filter = filter;
        auto view = std::make_shared<BoardView>(m_board_presenter.present(*state->board, filter));
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
    m_worker->post([this, state, ticket_id](storage::Store& store) {
        if (!state->board) return;
        auto t = store.ticket(ticket_id, true);
        if (!t) return;
        state->board->update(*t, util::system_now());
        auto view = std::make_shared<BoardView>(m_board_presenter.present(*state->board, state->filter));
        view->chart = state->chart;
        CallAfter([this, view] { m_board->show(std::move(*view)); });
    });
}

}  // namespace kartoteka::gui
