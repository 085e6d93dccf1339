#include "search_panel.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "gui_util.h"

namespace kartoteka::gui {

SearchPanel::SearchPanel(wxWindow* parent, std::function<void(const std::string&)> on_query,
                         std::function<void(model::Id)> on_open)
    : wxPanel(parent), m_debounce(this), m_on_query(std::move(on_query)), m_on_open(std::move(on_open)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_search->SetDescriptiveText(_("Phone, name, email or #id  (Ctrl+F)"));
    m_search->ShowCancelButton(true);
    sizer->Add(m_search, 0, wxEXPAND | wxALL, 6);
    m_results = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_results->AppendColumn(_("Customer"), wxLIST_FORMAT_LEFT, 210);
    m_results->AppendColumn(_("Phone"), wxLIST_FORMAT_LEFT, 150);
    m_results->AppendColumn(_("Found by"), wxLIST_FORMAT_LEFT, 80);
    sizer->Add(m_results, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    SetSizer(sizer);

    m_search->Bind(wxEVT_TEXT, &SearchPanel::on_text, this);
    m_search->Bind(wxEVT_TEXT_ENTER, &SearchPanel::on_enter, this);
    m_search->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, &SearchPanel::on_enter, this);
    Bind(wxEVT_TIMER, &SearchPanel::on_debounce, this);
    m_results->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open_selected(); });
}

void SearchPanel::focus_search() {
    m_search->SetFocus();
    m_search->SelectAll();
}

void SearchPanel::set_query(const std::string& text) {
    m_search->ChangeValue(wx(text));
    m_on_query(text);
}

void SearchPanel::on_text(wxCommandEvent&) {
    // Results as you type, but not a query per keystroke: wait for a short pause.
    m_debounce.StartOnce(150);
}

void SearchPanel::on_debounce(wxTimerEvent&) { m_on_query(utf8(m_search->GetValue())); }

void SearchPanel::on_enter(wxCommandEvent&) {
    if (m_results->GetItemCount() > 0 && m_ids.size() == 1) {
        m_on_open(m_ids.front());
        return;
    }
    if (m_results->GetItemCount() > 0) {
        m_results->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_results->SetFocus();
    } else {
        m_debounce.Stop();
        m_on_query(utf8(m_search->GetValue()));
    }
}

void SearchPanel::open_selected() {
    long item = m_results->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    // A match only a backend knows (id 0) has no card here yet: it is listed so the agent can tell
    // the customers apart, and opening it needs their own number.
    if (item >= 0 && static_cast<std::size_t>(item) < m_ids.size() && m_ids[static_cast<std::size_t>(item)] != 0)
        m_on_open(m_ids[static_cast<std::size_t>(item)]);
}

void SearchPanel::show_results(const std::string& query, const std::vector<search::Hit>& hits,
                               const phone::PhoneNormalizer& phones) {
    if (utf8(m_search->GetValue()) != query) return;  // an older query answered late: drop it
    m_results->DeleteAllItems();
    m_ids.clear();
    for (const auto& h : hits) {
        long row = m_results->InsertItem(m_results->GetItemCount(), wx(h.customer.display_name()));
        m_results->SetItem(row, 1, h.customer.phones.empty() ? wxString() : wx(phones.display(h.customer.phones.front())));
        m_results->SetItem(row, 2, wxGetTranslation(wx(search::to_string(h.matched_by))));
        m_ids.push_back(h.customer.id);
    }
}

void SearchPanel::show_matches(const std::vector<card::Match>& matches) {
    m_results->DeleteAllItems();
    m_ids.clear();
    for (const auto& m : matches) {
        long row = m_results->InsertItem(m_results->GetItemCount(), wx(m.name));
        m_results->SetItem(row, 1, m.ref.empty() ? wxString() : wx(m.system + ": " + m.ref));
        m_results->SetItem(row, 2, _("same number"));
        m_ids.push_back(m.id);
    }
}

}  // namespace kartoteka::gui
