#pragma once
/// The search field (always one key away: Ctrl+F) and its results, updated as the agent types.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>
#include <vector>

#include "card/card.h"
#include "desk/desk.h"

namespace kartoteka::gui {

class SearchPanel : public wxPanel {
public:
    /// At most this many customers are asked for and listed.
    static constexpr int limit = 50;
    /// For the GUI test: the line above the results ("Customers found: 3", "No customer matches ...").
    wxString outcome() const { return m_outcome->GetLabel(); }
    /// on_query: the host runs the search off the UI thread and calls show_results as sources answer.
    /// on_open: the agent chose a customer (Enter or double-click); a hit only a backend knows has id 0
    /// and its phone and reference there, for the host to open like a pop. on_create: nobody matched
    /// and the agent asked for a new customer (Enter, or the button), with the query to prefill from.
    SearchPanel(wxWindow* parent, std::function<void(const std::string&)> on_query,
                std::function<void(const search::Hit&)> on_open, std::function<void(const std::string&)> on_create);

    void focus_search();
    void set_query(const std::string& text);
    /// An empty field and list (a call rang: the last customer's query is not this caller's).
    void clear();
    /// The hits so far (local first, each source's as it answers) and, below them, the sources that
    /// have not answered (yet).
    void show_results(const std::string& query, const desk::SearchResult& result, const phone::PhoneNormalizer& phones);
    /// Every customer a caller's number matched, for the agent to choose from (Enter opens a stored
    /// one; a customer only a backend knows is shown with its reference).
    void show_matches(const std::vector<card::Match>& matches, const wxString& phone);

private:
    void on_text(wxCommandEvent&);
    void on_enter(wxCommandEvent&);
    void on_debounce(wxTimerEvent&);
    void open_selected();
    void show_outcome(const std::string& query, const desk::SearchResult& result);

    wxSearchCtrl* m_search;
    wxListCtrl* m_results;
    wxStaticText* m_outcome;  ///< "Customers found: 3", or "No customer matches ..." and what was searched
    wxButton* m_create;       ///< "Create customer…", shown when nobody matched
    wxStaticText* m_sources;  ///< "helpdesk: no answer" while a source is missing from the list
    std::string m_no_match;   ///< the query the list says nobody matches; "" otherwise
    wxTimer m_debounce;
    std::vector<search::Hit> m_hits;
    std::function<void(const std::string&)> m_on_query;
    std::function<void(const search::Hit&)> m_on_open;
    std::function<void(const std::string&)> m_on_create;
};

}  // namespace kartoteka::gui
