#include "my_work_panel.h"

#include <wx/sizer.h>

namespace kartoteka::gui {

MyWorkPanel::MyWorkPanel(wxWindow* parent, std::function<void(model::Id)> on_open)
    : wxPanel(parent), m_on_open(std::move(on_open)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_view = add_captioned_list(this, sizer);
    SetSizer(sizer);
    m_view.list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (e.GetIndex() >= 0 && static_cast<std::size_t>(e.GetIndex()) < m_customers.size())
            m_on_open(m_customers[static_cast<std::size_t>(e.GetIndex())]);
    });
}

void MyWorkPanel::show(const Table& t) {
    static const int widths[] = {130, 120, 230, 260, 90, 420};
    const long was = selected_row(m_view.list);
    m_customers.clear();
    for (const auto& r : t.rows) m_customers.push_back(r.id);
    fill_list(m_view, t, [](std::size_t c) { return c < 6 ? widths[c] : 120; }, was);
}

}  // namespace kartoteka::gui
