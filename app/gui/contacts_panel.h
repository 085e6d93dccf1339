#pragma once
/// Service staff's list: today's due planned contacts for the signed-in person, overdue first, with
/// whether each customer may be called now. A filter bar keeps a slice (may call now, overdue, one
/// grade, one customer time zone) and a column click sorts (filter_due decides both; this only shows).
/// F7 logs the chosen contact; Enter opens the customer's card.
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

#include "captioned_list.h"
#include "presenters/work_presenter.h"

namespace kartoteka::gui {

class ContactsPanel : public wxPanel {
public:
    /// on_open: the customer behind the chosen row (the row's id is the customer id).
    ContactsPanel(wxWindow* parent, std::function<void(model::Id)> on_open);
    /// The whole list; the filter and sort chosen stay as they are.
    void show(const DueList& due);
    void focus_list();
    long row_count() const { return m_view.list->GetItemCount(); }
    /// The chosen row's contact and customer name; nullptr when the list is empty.
    const ContactChoice* selected_contact() const;
    wxString selected_customer() const;

private:
    wxSizer* filter_bar();
    void read_filter();
    void fill_zones();
    /// Shows m_all through m_filter, keeping the chosen contact (or the row that took its place).
    void render();

    CaptionedList m_view;
    wxCheckBox* m_may_call = nullptr;
    wxCheckBox* m_overdue = nullptr;
    wxChoice* m_grade = nullptr;
    wxChoice* m_zone = nullptr;
    std::vector<std::string> m_zones;  ///< parallel to m_zone's items after "any"
    DueFilter m_filter;
    DueList m_all;
    DueList m_shown;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
