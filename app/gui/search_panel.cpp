#include "search_panel.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "gui_util.h"
#include "util/text.h"

namespace kartoteka::gui {

SearchPanel::SearchPanel(wxWindow* parent, std::function<void(const std::string&)> on_query,
                         std::function<void(const search::Hit&)> on_open, std::function<void(const std::string&)> on_create)
    : wxPanel(parent), m_debounce(this), m_on_query(std::move(on_query)), m_on_open(std::move(on_open)),
      m_on_create(std::move(on_create)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_search->SetDescriptiveText(_("Phone, name, email or #id  (Ctrl+F)"));
    m_search->ShowCancelButton(true);
    sizer->Add(m_search, 0, wxEXPAND | wxALL, 6);
    m_outcome = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(m_outcome, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    m_create = new wxButton(this, wxID_ANY, _("Create customer..."));
    m_create->Hide();
    sizer->Add(m_create, 0, wxLEFT | wxRIGHT | wxBOTTOM, 6);
    m_results = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_results->AppendColumn(_("Customer"), wxLIST_FORMAT_LEFT, heading_width(m_results, _("Customer"), 210));
    m_results->AppendColumn(_("Phone"), wxLIST_FORMAT_LEFT, heading_width(m_results, _("Phone"), 150));
    // Wide enough for the longest way found, "same number" on a shared caller's rows.
    m_results->AppendColumn(_("Found by"), wxLIST_FORMAT_LEFT,
                            heading_width(m_results, _("Found by"), std::max(80, m_results->GetTextExtent(_("same number")).x + 16)));
    m_results->AppendColumn(_("Source"), wxLIST_FORMAT_LEFT, heading_width(m_results, _("Source"), 110));
    show_truncated_as_tooltip(m_results);
    sizer->Add(m_results, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    m_sources = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(m_sources, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    SetSizer(sizer);

    m_search->Bind(wxEVT_TEXT, &SearchPanel::on_text, this);
    m_search->Bind(wxEVT_TEXT_ENTER, &SearchPanel::on_enter, this);
    m_search->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, &SearchPanel::on_enter, this);
    Bind(wxEVT_TIMER, &SearchPanel::on_debounce, this);
    m_results->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open_selected(); });
    m_create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_on_create(m_no_match); });
}

void SearchPanel::focus_search() {
    m_search->SetFocus();
    m_search->SelectAll();
}

void SearchPanel::set_query(const std::string& text) {
    m_search->ChangeValue(wx(text));
    m_on_query(text);
}

void SearchPanel::clear() {
    m_debounce.Stop();
    m_search->ChangeValue("");
    m_results->DeleteAllItems();
    m_hits.clear();
    m_sources->SetLabel("");
    // The last query's caption goes with its hits: "Customers found: 1" stayed above an empty list
    // after a screen pop.
    m_outcome->SetLabel("");
    m_no_match.clear();
    m_create->Hide();
    Layout();
}

void SearchPanel::on_text(wxCommandEvent&) {
    // Results as you type, but not a query per keystroke: wait for a short pause.
    m_debounce.StartOnce(150);
}

void SearchPanel::on_debounce(wxTimerEvent&) { m_on_query(utf8(m_search->GetValue())); }

void SearchPanel::on_enter(wxCommandEvent&) {
    // Enter on "No customer matches": the new customer's form, filled from what was typed.
    if (!m_no_match.empty() && m_no_match == utf8(m_search->GetValue())) {
        m_on_create(m_no_match);
        return;
    }
    if (m_results->GetItemCount() > 0 && m_hits.size() == 1) {
        m_on_open(m_hits.front());
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
    // A hit only a backend knows (id 0) opens like a pop, by its number or its reference there; a
    // caller's other match without either is listed only so the agent can tell the customers apart.
    if (item < 0 || static_cast<std::size_t>(item) >= m_hits.size()) return;
    const auto& h = m_hits[static_cast<std::size_t>(item)];
    if (h.customer.id != 0 || !h.customer.phones.empty() || h.ref) m_on_open(h);
}

void SearchPanel::show_results(const std::string& query, const desk::SearchResult& result,
                               const phone::PhoneNormalizer& phones) {
    if (utf8(m_search->GetValue()) != query) return;  // an older query answered late: drop it
    m_results->DeleteAllItems();
    m_hits = result.hits;
    for (const auto& h : m_hits) {
        long row = m_results->InsertItem(m_results->GetItemCount(), wx(h.customer.display_name()));
        m_results->SetItem(row, 1, h.customer.phones.empty() ? wxString() : wx(phones.display(h.customer.phones.front())));
        m_results->SetItem(row, 2, wxGetTranslation(wx(search::to_string(h.matched_by))));
        // Where the hit came from: a backend's name, or a synced copy's backend marked as a copy.
        wxString source = h.source == "local" ? _("local") : wx(h.source);
        if (h.synced) source = wxString::Format(_("%s (copy)"), wx(h.synced->system));
        m_results->SetItem(row, 3, source);
    }
    wxString missing;
    for (const auto& s : result.sources)
        if (s.status != card::SourceStatus::ok)
            missing += (missing.empty() ? "" : ";  ") + wx(s.name) + ": " + wxGetTranslation(wx(card::to_string(s.status)));
    m_sources->SetLabel(missing);
    show_outcome(query, result);
    Layout();
}

namespace {

/// How the store looked a query up, as the end of "looked up by ..." (Russian and Bulgarian put each
/// after "по", so each is its own phrase).
wxString looked_up_by(search::MatchedBy m) {
    switch (m) {
    case search::MatchedBy::name: return _("the name");
    case search::MatchedBy::latin: return _("the Latin spelling of the name");
    case search::MatchedBy::email: return _("the e-mail");
    case search::MatchedBy::phone: return _("the phone number");
    case search::MatchedBy::last_digits: return _("the last digits of a number");
    case search::MatchedBy::id: return _("the customer number");
    case search::MatchedBy::reference: return _("a backend reference");
    }
    return {};
}

}  // namespace

void SearchPanel::show_outcome(const std::string& query, const desk::SearchResult& result) {
    m_no_match.clear();
    if (!m_hits.empty() || util::trim(query).empty()) {
        const int n = static_cast<int>(m_hits.size());
        // At the limit the list is the first of more: "found: 50" read as a count when 557 matched.
        m_outcome->SetLabel(n == 0 ? wxString()
                            : n >= limit ? wxString::Format(_("Showing the first %d customers found: type more to narrow the search"), n)
                                         : wxString::Format(_("Customers found: %d"), n));
    } else if (!result.complete) {
        m_outcome->SetLabel(_("Searching..."));
    } else {
        wxString ways;
        for (auto m : result.tried) ways += (ways.empty() ? "" : ", ") + looked_up_by(m);
        m_outcome->SetLabel(wxString::Format(_("No customer matches \"%s\" (looked up by %s)."), wx(query), ways) + "\n" +
                            _("Press Enter to create a customer from it."));
        m_no_match = query;
    }
    m_outcome->Wrap(std::max(200, GetClientSize().GetWidth() - 12));
    m_create->Show(!m_no_match.empty());
}

void SearchPanel::show_matches(const std::vector<card::Match>& matches, const wxString& phone) {
    m_results->DeleteAllItems();
    m_hits.clear();
    m_sources->SetLabel("");
    m_outcome->SetLabel("");
    m_no_match.clear();
    m_create->Hide();
    for (const auto& m : matches) {
        long row = m_results->InsertItem(m_results->GetItemCount(), wx(m.name));
        // The shared number, as search rows show a phone (the column was empty for local customers).
        m_results->SetItem(row, 1, phone);
        m_results->SetItem(row, 2, _("same number"));
        m_results->SetItem(row, 3, m.id ? _("local") : wx(m.ref.empty() ? m.system : m.system + ": " + m.ref));
        search::Hit h;
        h.customer.id = m.id;
        h.source = m.id ? "local" : m.system;
        if (m.id == 0 && !m.ref.empty()) h.ref = model::ExternalRef{m.system, m.ref};
        m_hits.push_back(std::move(h));
    }
}

}  // namespace kartoteka::gui
