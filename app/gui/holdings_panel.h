#pragma once
/// The card's "Holdings" tab (issue 20): a list of what the customer holds (stale rows tinted and
/// saying so), the satisfaction index with its "why", and the grade's privileges with what the next
/// grade adds and what it takes. It only copies a HoldingsView into widgets.
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "presenters/holdings_presenter.h"

namespace kartoteka::gui {

class HoldingsPanel : public wxPanel {
public:
    explicit HoldingsPanel(wxWindow* parent);
    void show(const HoldingsView& view);

private:
    wxListCtrl* m_list;
    wxStaticText* m_caption;
    wxStaticText* m_satisfaction;
    wxTextCtrl* m_details;  ///< the index's inputs and the grade, read-only and selectable
};


}  // namespace kartoteka::gui
