#pragma once
/// The "My work" page (issue 19): everything the signed-in agent is to do, by due time; Enter opens
/// the customer's card. It only shows a Table; the frame loads it off the UI thread.
#include <wx/panel.h>

#include <functional>

#include "captioned_list.h"

namespace kartoteka::gui {

class MyWorkPanel : public wxPanel {
public:
    MyWorkPanel(wxWindow* parent, std::function<void(model::Id)> on_open);
    void show(const Table& table);
    void focus_list() { m_view.list->SetFocus(); }
    long row_count() const { return m_view.list->GetItemCount(); }

private:
    CaptionedList m_view;
    std::vector<model::Id> m_customers;
    std::function<void(model::Id)> m_on_open;
};

}  // namespace kartoteka::gui
