#include "card_panel.h"

#include <wx/config.h>
#include <wx/settings.h>
#include <wx/wrapsizer.h>

#include "gui_util.h"

namespace kartoteka::gui {

CardPanel::CardPanel(wxWindow* parent) : wxPanel(parent) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, "");
    wxFont big = m_title->GetFont();
    big.SetPointSize(big.GetPointSize() + 6);
    big.SetWeight(wxFONTWEIGHT_BOLD);
    m_title->SetFont(big);
    sizer->Add(m_title, 0, wxLEFT | wxRIGHT | wxTOP, 10);

    m_facts_panel = new wxPanel(this);
    m_facts = new wxFlexGridSizer(2, wxSize(16, 2));
    m_facts_panel->SetSizer(m_facts);
    sizer->Add(m_facts_panel, 0, wxEXPAND | wxALL, 10);

    // The alert strip keeps one height whatever the card: grown and shrunk with the number of alerts, it
    // moved the tab row under the agent's mouse from one caller to the next (m9). Five alerts show at
    // once, heaviest first; more scroll.
    m_banner_panel = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    m_banner_panel->SetScrollRate(0, 8);
    m_banners = new wxBoxSizer(wxVERTICAL);
    m_banner_panel->SetSizer(m_banners);
    m_strip_height = 5 * (GetCharHeight() + 11);  // an alert: a line, its padding and gap
    m_banner_panel->SetMinSize(wxSize(-1, m_strip_height));
    m_banner_panel->SetMaxSize(wxSize(-1, m_strip_height));
    sizer->Add(m_banner_panel, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    // Says how many alerts lie below the strip's edge; its line is always there, empty or not.
    m_more_alerts = new wxStaticText(this, wxID_ANY, " ");
    m_more_alerts->SetName("more_alerts");
    m_more_alerts->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
    sizer->Add(m_more_alerts, 0, wxLEFT | wxRIGHT, 14);

    m_tabs = new wxNotebook(this, wxID_ANY);
    m_timeline = add_tab(_("Timeline"));
    m_offers = add_tab(_("Offers"));
    m_tickets = add_tab(_("Complaints"));
    m_contacts = add_tab(_("Planned contacts"));
    m_preferences = add_tab(_("Preferences"));
    m_holdings = new HoldingsPanel(m_tabs);
    m_tabs->AddPage(m_holdings, _("Holdings"));
    m_tabs->SetName("card_tabs");
    tab_keys_tooltip();
    // Each new card opens on its timeline (F2): the last tab used on another customer's card hid what
    // matters for this one; the alert strip above carries the rest.
    m_tabs->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        show_timeline_strip();
        if (m_on_tab) m_on_tab(e.GetSelection());
    });
    sizer->Add(m_tabs, 1, wxEXPAND | wxALL, 10);
    // A wider or narrower window wraps the alerts again at the strip's new width.
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        if (m_banner_panel->IsShown() && !m_alerts.empty() && alert_wrap_width() != m_alerts_wrap)
            CallAfter([this] { lay_out_alerts(); Layout(); });
    });

    auto* strip = new wxBoxSizer(wxHORIZONTAL);
    m_timeline_caption = new wxStaticText(this, wxID_ANY, "");
    strip->Add(m_timeline_caption, 0, wxALIGN_CENTER_VERTICAL);
    m_more = new wxButton(this, wxID_ANY, _("Load older (Ctrl+L)"));
    m_more->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_more) m_on_more(); });
    strip->Add(m_more, 0, wxLEFT, 12);
    m_edit_prefs = new wxButton(this, wxID_ANY, _("Edit preferences (F4)"));
    m_edit_prefs->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_edit_prefs) m_on_edit_prefs(); });
    m_work_offer = new wxButton(this, wxID_ANY, _("Work an offer (F6)"));
    m_work_offer->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_work_offer) m_on_work_offer(selected_offer()); });
    m_log_planned = new wxButton(this, wxID_ANY, _("Log a planned contact (F7)"));
    m_log_planned->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_log_planned) m_on_log_planned(selected_contact()); });
    m_call_back = new wxButton(this, wxID_ANY, _("Call back (F8)"));
    m_call_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_call_back) m_on_call_back(); });
    m_dial = new wxButton(this, wxID_ANY, _("Call (F9)"));
    m_dial->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_dial) m_on_dial(); });
    m_pin_note = new wxButton(this, wxID_ANY, _("Pin a note (Ctrl+N)"));
    m_pin_note->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_on_pin_note) m_on_pin_note(); });
    // Enter on a row works that offer / logs that contact.
    m_offers->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (m_on_work_offer) m_on_work_offer(static_cast<model::Id>(m_offers->GetItemData(e.GetIndex())));
    });
    m_contacts->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (m_on_log_planned) m_on_log_planned(static_cast<model::Id>(m_contacts->GetItemData(e.GetIndex())));
    });
    // The buttons wrap onto a second row rather than run off a narrow window (Bulgarian labels are long).
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    for (wxButton* b : {m_work_offer, m_log_planned, m_call_back, m_dial, m_pin_note, m_edit_prefs}) buttons->Add(b, 0, wxLEFT | wxBOTTOM, 6);
    strip->Add(buttons, 1, wxEXPAND);
    sizer->Add(strip, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    auto* source_strip = new wxBoxSizer(wxVERTICAL);
    m_sources = new wxStaticText(this, wxID_ANY, "");
    source_strip->Add(m_sources, 0);
    // What this seat recorded and a backend has not taken yet: seat-wide, so it stays whatever card
    // is open (an agent must see that their notes are still on the way).
    m_write_backs = new wxStaticText(this, wxID_ANY, "");
    m_write_backs->SetName("write_backs");
    source_strip->Add(m_write_backs, 0, wxTOP, 4);
    sizer->Add(source_strip, 0, wxALL, 10);
    SetSizer(sizer);
    show_message(_("Search for a customer, or wait for a call."));
}

wxListCtrl* CardPanel::add_tab(const wxString& label) {
    auto* list = new wxListCtrl(m_tabs, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    list->SetName(wxString::Format("card_list_%zu", m_tabs->GetPageCount()));
    show_truncated_as_tooltip(list);
    m_tabs->AddPage(list, label);
    // Column widths the agent chose are remembered between runs.
    list->Bind(wxEVT_LIST_COL_END_DRAG, [list](wxListEvent& e) {
        e.Skip();
        list->CallAfter([list] {
            for (int c = 0; c < list->GetColumnCount(); ++c)
                wxConfigBase::Get()->Write(wxString::Format("/columns/%s/%d", list->GetName(), c), list->GetColumnWidth(c));
            wxConfigBase::Get()->Flush();
        });
    });
    return list;
}

void CardPanel::fill(wxListCtrl* list, const Table& table) {
    list->Freeze();
    list->ClearAll();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const long fallback = c + 1 == table.columns.size() ? 420 : 130;
        // A width the agent chose wins; measuring every cell is only for a column they never sized.
        long width = 0;
        if (!wxConfigBase::Get()->Read(wxString::Format("/columns/%s/%zu", list->GetName(), c), &width))
            width = fitting_width(list, table, c, fallback, 320);
        list->AppendColumn(wx(table.columns[c]), wxLIST_FORMAT_LEFT, static_cast<int>(width));
    }
    add_rows(list, table.rows);
    list->Thaw();
}

void CardPanel::add_rows(wxListCtrl* list, const std::vector<Row>& rows) {
    for (const auto& row : rows) {
        long item = list->InsertItem(list->GetItemCount(), row.cells.empty() ? wxString() : wx(row.cells[0]));
        list->SetItemData(item, static_cast<long>(row.id));
        for (std::size_t c = 1; c < row.cells.size(); ++c) list->SetItem(item, static_cast<long>(c), wx(row.cells[c]));
        if (row.tone != Tone::normal) {
            list->SetItemBackgroundColour(item, background_of(row.tone));
            list->SetItemTextColour(item, foreground_of(row.tone));
        }
    }
}

model::Id CardPanel::selected_id(wxListCtrl* list) {
    const long item = list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return item < 0 ? 0 : static_cast<model::Id>(list->GetItemData(item));
}

void CardPanel::tab_keys_tooltip() {
    // The tabs' direct keys, where the mouse finds them (Alt+digit: a digit is the same key in every
    // layout): over a tab's label only. Set on the notebook for good, GTK showed it over every row of
    // every list inside it too, where it only hid the rows.
    wxString keys;
    for (std::size_t k = 0; k < m_tabs->GetPageCount(); ++k)
        keys += wxString::Format("%sAlt+%zu  %s", k ? "\n" : "", k + 1, m_tabs->GetPageText(k));
    m_tabs->Bind(wxEVT_MOTION, [this, keys](wxMouseEvent& e) {
        e.Skip();
        // Above the pages is the tab strip (the pages begin under it).
        auto* page = m_tabs->GetCurrentPage();
        const bool on_tab = page && e.GetPosition().y < page->GetPosition().y;
        if (on_tab && !m_tabs->GetToolTip()) m_tabs->SetToolTip(keys);
        else if (!on_tab && m_tabs->GetToolTip()) m_tabs->UnsetToolTip();
    });
    m_tabs->Bind(wxEVT_LEAVE_WINDOW, [this](wxMouseEvent& e) {
        e.Skip();
        if (m_tabs->GetToolTip()) m_tabs->UnsetToolTip();
    });
    // The pages are the notebook's children: the pointer on one of them is off the tab strip.
    std::function<void(wxWindow*)> quiet = [this, &quiet](wxWindow* w) {
        w->Bind(wxEVT_ENTER_WINDOW, [this](wxMouseEvent& e) {
            e.Skip();
            if (m_tabs->GetToolTip()) m_tabs->UnsetToolTip();
        });
        for (auto* child : w->GetChildren()) quiet(child);
    };
    for (std::size_t k = 0; k < m_tabs->GetPageCount(); ++k) quiet(m_tabs->GetPage(k));
}

void CardPanel::show_timeline_strip() {
    // The timeline's count and "Load older" are about the timeline: under another tab they said nothing.
    const bool timeline = m_tabs->IsShown() && m_tabs->GetSelection() == 0;
    m_timeline_caption->Show(timeline && !m_timeline_caption->GetLabel().empty());
    m_more->Show(timeline && m_timeline_more);
    Layout();
}

void CardPanel::append_timeline(const std::vector<Row>& rows, const std::string& caption, bool more) {
    m_timeline->Freeze();
    add_rows(m_timeline, rows);
    m_timeline->Thaw();
    m_timeline_caption->SetLabel(wx(caption));
    m_timeline_more = more;
    show_timeline_strip();
}

void CardPanel::show(const CardView& v) {
    Freeze();
    m_title->SetLabel(wx(v.title));
    // Each source's answer shows the card again, mostly with the same header and alerts: GTK widgets
    // are rebuilt only when they changed (rebuilt every time, the header and the strip cost 15-35 ms
    // per answer, and two answers in one burst froze the window past 100 ms).
    if (v.facts != m_shown_facts) {
        m_facts_panel->DestroyChildren();
        m_facts->Clear();
        for (const auto& [label, value] : v.facts) {
            auto* l = new wxStaticText(m_facts_panel, wxID_ANY, wx(label) + ":");
            l->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
            m_facts->Add(l);
            m_facts->Add(new wxStaticText(m_facts_panel, wxID_ANY, wx(value)));
        }
        m_shown_facts = v.facts;
    }
    show_alerts(v);
    fill(m_timeline, v.timeline);
    fill(m_offers, v.offers);
    fill(m_tickets, v.tickets);
    fill(m_contacts, v.contacts);
    fill(m_preferences, v.preferences);
    m_tabs->SetPageText(1, wxString::Format("%s (%zu)", _("Offers"), v.offers.rows.size()));
    m_tabs->SetPageText(2, wxString::Format("%s (%zu)", _("Complaints"), v.tickets.rows.size()));
    m_tabs->SetPageText(3, wxString::Format("%s (%zu)", _("Planned contacts"), v.contacts.rows.size()));
    m_timeline_caption->SetLabel(wx(v.timeline.caption));
    m_timeline_more = v.timeline.rows.size() < v.timeline_total;
    m_edit_prefs->Show();
    m_call_back->Show();
    m_dial->Show();
    m_pin_note->Show();
    m_work_offer->Hide();  // until the frame says what this agent may work on this card (show_work)
    m_log_planned->Hide();
    wxString sources = _("Sources:");
    for (const auto& s : v.sources) sources += "  " + wx(s.cells[0]) + " " + wx(s.cells[1]) + (s.cells[2].empty() ? "" : " (" + wx(s.cells[2]) + ")");
    m_sources->SetLabel(sources);
    if (v.customer_id != m_shown_customer) m_tabs->SetSelection(0);  // a new customer opens on the timeline
    m_shown_customer = v.customer_id;
    m_tabs->Show();
    show_timeline_strip();
    Thaw();
}

namespace {

/// One line of the alert strip: a coloured box with its text, bold when it is a warning, wrapped at the
/// strip's width (wrapped at a fixed 1100 pixels, a long Russian alert ran past the strip's edge and its
/// end was cut off).
wxPanel* alert_box(wxWindow* parent, const Banner& b, const wxString& name, int wrap) {
    auto* box = new wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name);
    box->SetBackgroundColour(background_of(b.tone == Tone::normal ? Tone::muted : b.tone));
    auto* text = new wxStaticText(box, wxID_ANY, wx(b.text));
    wxFont f = text->GetFont();
    if (b.tone == Tone::danger || b.tone == Tone::warning) f.SetWeight(wxFONTWEIGHT_BOLD);
    text->SetFont(f);
    text->SetForegroundColour(foreground_of(b.tone == Tone::normal ? Tone::muted : b.tone));
    text->Wrap(wrap);
    auto* s = new wxBoxSizer(wxHORIZONTAL);
    s->Add(text, 1, wxLEFT | wxRIGHT | wxTOP | wxBOTTOM, 4);
    box->SetSizer(s);
    return box;
}

}  // namespace

wxPoint CardPanel::tab_point(int page) const {
    // wxGTK says which tab is under a point; scan the tab row for the page's label.
    for (int y = 4; y < 40; y += 6)
        for (int x = 2; x < m_tabs->GetSize().x; x += 6)
            if (m_tabs->HitTest(wxPoint(x, y)) == page) return m_tabs->ClientToScreen(wxPoint(x + 6, y));
    return {-1, -1};
}

void CardPanel::clear_alerts() {
    m_banners->Clear(true);
    m_banner_panel->DestroyChildren();
}

void CardPanel::show_alerts(const CardView& v) {
    std::vector<std::pair<Banner, std::string>> alerts;
    if (!v.pinned_note.empty()) alerts.push_back({{Tone::normal, utf8(_("Pinned note:")) + " " + v.pinned_note, "pinned"}, "alert_pinned"});
    for (const auto& b : v.banners) alerts.push_back({b, "alert_" + b.key});
    if (!v.next_offer.text.empty()) alerts.push_back({v.next_offer, "alert_offer"});
    if (alerts == m_alerts && m_banner_panel->IsShown() && alert_wrap_width() == m_alerts_wrap) return;
    m_alerts = std::move(alerts);
    lay_out_alerts();
}

int CardPanel::alert_wrap_width() const {
    // The strip's margins (10 each side), the text's inset (4 each side) and room for the strip's own
    // scroll bar when more than five alerts are shown.
    return std::max(300, GetClientSize().x - 20 - 8 - wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this) - 4);
}

void CardPanel::lay_out_alerts() {
    // The strip is rebuilt and its cached size dropped: a strip sized for the last card's five alerts
    // once lay over this card's tab row and swallowed the clicks on it.
    clear_alerts();
    m_alerts_wrap = alert_wrap_width();
    for (const auto& [b, name] : m_alerts)
        m_banners->Add(alert_box(m_banner_panel, b, wx(name), m_alerts_wrap), 0, wxEXPAND | wxBOTTOM, 3);
    m_banner_panel->Show();  // empty too: the tabs stay where they were
    m_banner_panel->InvalidateBestSize();
    m_banner_panel->FitInside();
    m_banner_panel->Scroll(0, 0);
    m_banner_panel->Layout();
    // The lightest alerts come last; those past the strip's edge are counted so none goes unseen.
    int below = 0;
    for (auto* box : m_banner_panel->GetChildren())
        if (box->GetPosition().y + box->GetSize().y > m_strip_height) ++below;
    m_more_alerts->SetLabel(below ? wxString::Format(wxPLURAL("%d more alert below: scroll the strip", "%d more alerts below: scroll the strip", below), below)
                                  : wxString(" "));
}

bool CardPanel::select_tab(int page) {
    if (!m_tabs->IsShown() || page < 0 || page >= tab_count()) return false;
    m_tabs->SetSelection(static_cast<std::size_t>(page));
    if (auto* shown = m_tabs->GetPage(static_cast<std::size_t>(page))) shown->SetFocus();
    return true;
}

void CardPanel::show_ticket(model::Id id) {
    if (!select_tab(2)) return;
    for (long item = 0; item < m_tickets->GetItemCount(); ++item)
        if (static_cast<model::Id>(m_tickets->GetItemData(item)) == id) {
            m_tickets->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_tickets->EnsureVisible(item);
        }
}

void CardPanel::show_write_backs(const WriteBackLine& line) {
    m_write_backs->SetLabel(wx(line.text));
    m_write_backs->SetForegroundColour(foreground_of(line.tone == Tone::normal ? Tone::muted : line.tone));
    Layout();
}

void CardPanel::show_work(bool offers, bool contacts) {
    m_work_offer->Show(offers);
    m_log_planned->Show(contacts);
    Layout();
}

void CardPanel::show_message(const wxString& text) {
    m_title->SetLabel(text);
    m_facts_panel->DestroyChildren();
    m_facts->Clear();
    m_shown_facts.clear();
    clear_alerts();
    m_alerts.clear();
    m_banner_panel->Hide();
    m_more_alerts->SetLabel(" ");
    m_tabs->Hide();
    m_timeline_caption->SetLabel("");
    m_timeline_more = false;
    m_more->Hide();
    m_edit_prefs->Hide();
    m_call_back->Hide();
    m_dial->Hide();
    m_pin_note->Hide();
    m_work_offer->Hide();
    m_log_planned->Hide();
    m_sources->SetLabel("");
    Layout();
}

}  // namespace kartoteka::gui
