#pragma once
/// Service staff's list: today's due planned contacts for the signed-in person, overdue first, with
/// whether each customer may be called now. F7 logs the chosen contact; Enter opens the customer's card.
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>

#include "presenters/work_presenter.h"

namespace kartoteka::gui {

class ContactsPanel : public wxPanel {
public:
    /// on_open: the customer behind the chosen row (the row's id is the customer id).
    ContactsPanel(wxWindow* parent, std::function<void(model::Id)> on_open);
    void show(const DueList& due);
    void focus_list();
    long row_count() const { return m_list->GetItemCount(); }
    /// The chosen row's contact and customer name; nullptr when the list is empty.
    const ContactChoice* selected_contact() const;
    wxString selected_customer() const;

private:
    long selected_row() const;

    wxStaticText* m_caption;
    wxListCtrl* m_list;
    DueList m_due;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
