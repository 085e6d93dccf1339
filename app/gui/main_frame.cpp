#include "main_frame.h"

#include <wx/persist/splitter.h>
#include <wx/persist/toplevel.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>

#include <cstdio>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "card/card.h"
#include "error.h"
#include "gui_util.h"
#include "preferences_dialog.h"
#include "record_dialogs.h"
#include "search/customer_search.h"
#include "util/time.h"

namespace kartoteka::gui {

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Kartoteka", wxDefaultPosition, wxSize(1400, 860)),
      m_opt(std::move(options)), m_phones(m_opt.config.locale.default_region), m_presenter(m_phones, translate, m_opt.config.locale.currency) {
    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_search = new SearchPanel(splitter, [this](const std::string& q) { search(q); }, [this](model::Id id) { open_card(id); });
    m_card = new CardPanel(splitter);
    m_card->on_more_timeline([this] { load_more_timeline(); });
    m_card->on_edit_preferences([this] { edit_preferences(); });
    splitter->SplitVertically(m_search, m_card, 470);
    splitter->SetMinimumPaneSize(260);
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
    resolve_agent();
    m_refresh.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { if (m_open_customer) open_card(m_open_customer, true); }, m_refresh.GetId());
    start_live_updates();
    if (!m_opt.initial_query.empty()) {
        m_auto_open = true;
        m_search->set_query(m_opt.initial_query);
    }
    m_search->focus_search();
}

MainFrame::~MainFrame() {
    m_listener.reset();  // joins its thread: no CallAfter after this
    m_worker.reset();
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
        if (e.GetModifiers() == wxMOD_CONTROL && (key == 'L' || key == 'l')) return load_more_timeline();
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
            actions::AgentActions(store, agent).log_contact(entered, util::system_now());
            CallAfter([this, id = entered.customer_id] {
                SetStatusText(_("Contact saved."), 0);
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
            auto t = actions::AgentActions(store, agent).open_complaint(entered, util::system_now());
            CallAfter([this, id = entered.customer_id, ticket = t.id] {
                SetStatusText(wxString::Format(_("Complaint #%lld opened."), static_cast<long long>(ticket)), 0);
                trace("saved complaint");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            CallAfter([this, entered, msg = std::string(e.what())] { open_complaint(entered, wx(msg)); });
        }
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

void MainFrame::open_card(model::Id id, bool refresh) {
    if (!refresh) m_card->show_message(_("Loading the card…"));
    const int page = m_opt.config.card.timeline_page;
    const auto& cfg = m_opt.config;
    m_worker->post_latest("card", [this, id, page, rules = cfg.retention, tz = cfg.locale.timezone](storage::Store& store) {
        // Resolved here (not from m_agent) so the very first card, popped at start-up, is checked too.
        auto agent = store.agent_by_login(m_opt.config.agent.login);
        if (!agent) {
            CallAfter([this] { m_card->show_message(_("Unknown agent login:") + " " + wx(m_opt.config.agent.login)); });
            return;
        }
        access::require(*agent, access::Action::view_card);
        card::CardLoader loader(store, page);
        loader.set_retention(rules, tz);
        const auto now = util::system_now();
        auto c = loader.load(id, now);
        if (!c) {
            CallAfter([this] { m_card->show_message(_("This customer no longer exists.")); });
            return;
        }
        audit::AuditLog(store).record({0, now, agent->id, "", "view_card", id, "", 0, "workstation"});
        // Presenting is pure string work: done here, off the UI thread, too.
        auto view = std::make_shared<CardView>(m_presenter.present(*c, now));
        auto data = std::make_shared<const card::Card>(std::move(*c));
        CallAfter([this, view, id, data] {
            m_open_card = data;
            m_timeline_shown = data->interactions.items.size();
            m_open_customer = id;
            m_open_name = wx(view->title);
            m_open_tickets.clear();
            for (const auto& row : view->tickets.rows) m_open_tickets.push_back(row.id);
            m_card->show(*view);
            SetTitle("Kartoteka — " + wx(view->title));
            trace("card " + view->title);
        });
    });
}

}  // namespace kartoteka::gui
