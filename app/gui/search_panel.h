#pragma once
/// The search field (always one key away: Ctrl+F) and its results, updated as the agent types.
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/timer.h>

#include <functional>
#include <vector>

#include "card/card.h"
#include "search/customer_search.h"

namespace kartoteka::gui {

class SearchPanel : public wxPanel {
public:
    /// on_query: the host runs the search off the UI thread and calls show_results.
    /// on_open: the agent chose a customer (Enter or double-click).
    SearchPanel(wxWindow* parent, std::function<void(const std::string&)> on_query,
                std::function<void(model::Id)> on_open);

    void focus_search();
    void set_query(const std::string& text);
    void show_results(const std::string& query, const std::vector<search::Hit>& hits,
                      const phone::PhoneNormalizer& phones);
    /// Every customer a caller's number matched, for the agent to choose from (Enter opens a stored
    /// one; a customer only a backend knows is shown with its reference).
    void show_matches(const std::vector<card::Match>& matches);

private:
    void on_text(wxCommandEvent&);
    void on_enter(wxCommandEvent&);
    void on_debounce(wxTimerEvent&);
    void open_selected();

    wxSearchCtrl* m_search;
    wxListCtrl* m_results;
    wxTimer m_debounce;
    std::vector<model::Id> m_ids;
    std::function<void(const std::string&)> m_on_query;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
