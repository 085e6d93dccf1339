#pragma once
/// Service staff's list: today's due planned contacts for the signed-in person, overdue first.
/// Enter opens the customer's card; F2 there logs the contact.
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>

#include "presenters/card_presenter.h"

namespace kartoteka::gui {

class ContactsPanel : public wxPanel {
public:
    /// on_open: the customer behind the chosen row (the row's id is the customer id).
    ContactsPanel(wxWindow* parent, std::function<void(model::Id)> on_open);
    void show(const Table& table);
    void focus_list();
    long row_count() const { return m_list->GetItemCount(); }

private:
    wxStaticText* m_caption;
    wxListCtrl* m_list;
    std::vector<model::Id> m_customers;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
