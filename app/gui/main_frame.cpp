#include "main_frame.h"

#include <wx/accel.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>

#include <cstdio>

#include "card/card.h"
#include "gui_util.h"
#include "search/customer_search.h"
#include "util/time.h"

namespace kartoteka::gui {

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Kartoteka", wxDefaultPosition, wxSize(1400, 860)),
      m_opt(std::move(options)), m_phones(m_opt.config.locale.default_region), m_presenter(m_phones, translate, m_opt.config.locale.currency) {
    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_search = new SearchPanel(splitter, [this](const std::string& q) { search(q); }, [this](model::Id id) { open_card(id); });
    m_card = new CardPanel(splitter);
    splitter->SplitVertically(m_search, m_card, 470);
    splitter->SetMinimumPaneSize(260);
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
    if (!m_opt.initial_query.empty()) {
        m_auto_open = true;
        m_search->set_query(m_opt.initial_query);
    }
    m_search->focus_search();
}

MainFrame::~MainFrame() { m_worker.reset(); }

void MainFrame::bind_keys() {
    const int find_id = wxWindow::NewControlId();
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'F', find_id}};
    SetAcceleratorTable(wxAcceleratorTable(1, keys));
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { m_search->focus_search(); }, find_id);
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

void MainFrame::open_card(model::Id id) {
    m_card->show_message(_("Loading the card…"));
    const int page = m_opt.config.card.timeline_page;
    m_worker->post_latest("card", [this, id, page](storage::Store& store) {
        card::CardLoader loader(store, page);
        const auto now = util::system_now();
        auto c = loader.load(id, now);
        if (!c) {
            CallAfter([this] { m_card->show_message(_("This customer no longer exists.")); });
            return;
        }
        // Presenting is pure string work: done here, off the UI thread, too.
        auto view = std::make_shared<CardView>(m_presenter.present(*c, now));
        CallAfter([this, view] {
            m_card->show(*view);
            SetTitle("Kartoteka — " + wx(view->title));
            trace("card " + view->title);
        });
    });
}

}  // namespace kartoteka::gui
