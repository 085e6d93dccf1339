#include "contacts_panel.h"

#include <wx/sizer.h>

#include "gui_util.h"

namespace kartoteka::gui {

ContactsPanel::ContactsPanel(wxWindow* parent, std::function<void(model::Id)> on_open)
    : wxPanel(parent), m_on_open(std::move(on_open)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_view = add_captioned_list(this, sizer, filter_bar());
    SetSizer(sizer);
    m_view.list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (e.GetIndex() >= 0 && static_cast<std::size_t>(e.GetIndex()) < m_shown.contacts.size())
            m_on_open(m_shown.contacts[static_cast<std::size_t>(e.GetIndex())].customer_id);
    });
    m_view.list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
        // A second click on the same column turns the order round.
        m_filter.descending = m_filter.sort_column == e.GetColumn() && !m_filter.descending;
        m_filter.sort_column = e.GetColumn();
        render();
    });
}

wxSizer* ContactsPanel::filter_bar() {
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_may_call = new wxCheckBox(this, wxID_ANY, _("May contact now"));
    m_overdue = new wxCheckBox(this, wxID_ANY, _("Past due only"));
    m_grade = new wxChoice(this, wxID_ANY);
    m_grade->Append(_("Any grade"));
    for (char g : {'A', 'B', 'C'}) m_grade->Append(wxString::Format(_("Grade %c"), g));
    m_grade->SetSelection(0);
    m_zone = new wxChoice(this, wxID_ANY);
    m_zone->Append(_("Any time zone"));
    m_zone->SetSelection(0);
    for (wxWindow* w : std::initializer_list<wxWindow*>{m_may_call, m_overdue, m_grade, m_zone})
        bar->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    auto changed = [this](wxCommandEvent&) {
        read_filter();
        render();
    };
    m_may_call->Bind(wxEVT_CHECKBOX, changed);
    m_overdue->Bind(wxEVT_CHECKBOX, changed);
    m_grade->Bind(wxEVT_CHOICE, changed);
    m_zone->Bind(wxEVT_CHOICE, changed);
    return bar;
}

void ContactsPanel::read_filter() {
    m_filter.may_call_now = m_may_call->GetValue();
    m_filter.overdue_only = m_overdue->GetValue();
    const int grade = m_grade->GetSelection();
    m_filter.grade = grade > 0 ? static_cast<char>('A' + grade - 1) : 0;
    const int zone = m_zone->GetSelection();
    m_filter.timezone = zone > 0 && static_cast<std::size_t>(zone) <= m_zones.size() ? m_zones[static_cast<std::size_t>(zone - 1)] : "";
}

void ContactsPanel::fill_zones() {
    // The zones of today's customers; the one chosen stays chosen while someone there is on the list.
    m_zones = due_zones(m_all);
    if (refill_choice(m_zone, _("Any time zone"), m_zones, m_filter.timezone) == 0) m_filter.timezone.clear();
}

void ContactsPanel::show(const DueList& due) {
    m_all = due;
    fill_zones();
    render();
}

void ContactsPanel::render() {
    const ContactChoice* was = selected_contact();
    const model::Id keep = was ? was->id : 0;
    long chosen = selected_row(m_view.list);  // if that contact is gone (just logged), the row that took its place
    m_shown = filter_due(m_all, m_filter);
    for (std::size_t i = 0; i < m_shown.contacts.size(); ++i)
        if (m_shown.contacts[i].id == keep) chosen = static_cast<long>(i);
    Table t = m_shown.table;
    if (m_shown.contacts.size() != m_all.contacts.size())
        t.caption += "  " + utf8(wxString::Format(_("Shown: %d of %d."), static_cast<int>(m_shown.contacts.size()),
                                                  static_cast<int>(m_all.contacts.size())));
    fill_list(m_view, t, [&t](std::size_t c) { return c == 2 ? 250 : c == 4 ? 100 : c + 1 == t.columns.size() ? 420 : 140; },
              chosen);
    if (m_filter.sort_column >= 0 && m_filter.sort_column < m_view.list->GetColumnCount())
        m_view.list->ShowSortIndicator(m_filter.sort_column, !m_filter.descending);
}

const ContactChoice* ContactsPanel::selected_contact() const {
    const long row = m_view.list ? selected_row(m_view.list) : -1;
    return row < 0 || static_cast<std::size_t>(row) >= m_shown.contacts.size() ? nullptr : &m_shown.contacts[static_cast<std::size_t>(row)];
}

wxString ContactsPanel::selected_customer() const {
    const long row = m_view.list ? selected_row(m_view.list) : -1;
    return row < 0 || static_cast<std::size_t>(row) >= m_shown.table.rows.size()
               ? wxString()
               : wx(m_shown.table.rows[static_cast<std::size_t>(row)].cells[2]);
}

void ContactsPanel::focus_list() { m_view.list->SetFocus(); }

}  // namespace kartoteka::gui
