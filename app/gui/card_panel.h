#pragma once
/// The customer card: header at a glance, banners that cannot be missed, and one tab per part of the
/// card. It only copies a presenters' CardView into widgets.
#include <wx/button.h>
#include <wx/listctrl.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "holdings_panel.h"
#include "presenters/card_presenter.h"

namespace kartoteka::gui {

class CardPanel : public wxPanel {
public:
    explicit CardPanel(wxWindow* parent);

    void show(const CardView& view);
    /// Appends the next page of the timeline; `more` says whether yet more remain.
    void append_timeline(const std::vector<Row>& rows, const std::string& caption, bool more);
    /// Called when the agent asks for more of the timeline (button or End of the list).
    void on_more_timeline(std::function<void()> f) { m_on_more = std::move(f); }
    /// Called when the agent asks to edit preferences (button on that tab).
    void on_edit_preferences(std::function<void()> f) { m_on_edit_prefs = std::move(f); }
    /// Called to work an offer (button, or Enter on a row of the offers tab: that offer's id; 0 = none chosen).
    void on_work_offer(std::function<void(model::Id)> f) { m_on_work_offer = std::move(f); }
    /// Called to log a planned contact (button, or Enter on a row of the planned-contacts tab).
    void on_log_planned(std::function<void(model::Id)> f) { m_on_log_planned = std::move(f); }
    /// "Call back (F8)": promise the customer a callback.
    void on_call_back(std::function<void()> f) { m_on_call_back = std::move(f); }
    /// Called to dial the customer (the "Call" button, F9): the frame hands a tel: link to the softphone.
    void on_dial(std::function<void()> f) { m_on_dial = std::move(f); }
    /// "Pin a note (Ctrl+N)": edit the note pinned on top of the card.
    void on_pin_note(std::function<void()> f) { m_on_pin_note = std::move(f); }
    /// Alt+1..6: the card's tab `page` (0 = timeline), with the keyboard focus in its list. False when
    /// no card is shown or there is no such tab.
    bool select_tab(int page);
    int tab_count() const { return static_cast<int>(m_tabs->GetPageCount()); }
    /// The complaints tab with ticket `id` selected (F3's "show that complaint instead").
    void show_ticket(model::Id id);
    /// The offer / planned contact selected in its tab; 0 when none is.
    model::Id selected_offer() const { return selected_id(m_offers); }
    model::Id selected_contact() const { return selected_id(m_contacts); }
    /// Shows the work buttons when the signed-in agent has offers to work / planned contacts to log here.
    void show_work(bool offers, bool contacts);
    /// A calm placeholder while nothing is open or while the card loads.
    void show_message(const wxString& text);
    /// The seat's write-backs not yet at their backends (beside the sources' states).
    void show_write_backs(const WriteBackLine& line);

    /// Called when the agent switches the card's tab (for the GUI test's trace).
    void on_tab(std::function<void(int)> f) { m_on_tab = std::move(f); }
    /// For the GUI test: a screen point on the label of tab `page` (to click it), or (-1, -1).
    wxPoint tab_point(int page) const;
    /// The "Holdings" tab (issue 20): the frame fills it from its own presenter.
    HoldingsPanel* holdings() const { return m_holdings; }

    /// For the GUI test: what the header shows now.
    wxString title_text() const { return m_title->GetLabel(); }

private:
    wxListCtrl* add_tab(const wxString& label);
    /// The strip above the tabs: pinned note, alerts heaviest first, the offer that may be made now.
    void show_alerts(const CardView& v);
    /// Builds the strip from m_alerts, each wrapped at the strip's present width.
    void lay_out_alerts();
    int alert_wrap_width() const;
    void clear_alerts();
    /// The Alt+N keys of the tabs as a tooltip over the tab strip only.
    void tab_keys_tooltip();
    /// The timeline's caption and "Load older" shown under the timeline tab only.
    void show_timeline_strip();
    static void fill(wxListCtrl* list, const Table& table);
    static void add_rows(wxListCtrl* list, const std::vector<Row>& rows);
    static model::Id selected_id(wxListCtrl* list);

    wxStaticText* m_title;
    wxFlexGridSizer* m_facts;
    wxPanel* m_facts_panel;
    wxBoxSizer* m_banners;
    wxScrolledWindow* m_banner_panel;
    bool m_timeline_more = false;  ///< older timeline entries remain to be loaded
    int m_strip_height = 0;        ///< the alert strip's fixed height
    std::vector<std::pair<std::string, std::string>> m_shown_facts;  ///< the header's labels and values now
    std::vector<std::pair<Banner, std::string>> m_alerts;  ///< what the strip shows, with each box's name
    int m_alerts_wrap = 0;         ///< the width the strip's texts were wrapped at
    wxStaticText* m_more_alerts;   ///< "2 more alerts below": those past the strip's edge
    wxNotebook* m_tabs;
    wxListCtrl* m_timeline;
    wxListCtrl* m_offers;
    wxListCtrl* m_tickets;
    wxListCtrl* m_contacts;
    wxListCtrl* m_preferences;
    HoldingsPanel* m_holdings;
    wxStaticText* m_timeline_caption;
    wxButton* m_more;
    wxButton* m_edit_prefs;
    wxButton* m_work_offer;
    wxButton* m_log_planned;
    std::function<void()> m_on_more, m_on_edit_prefs, m_on_call_back, m_on_dial, m_on_pin_note;
    wxButton* m_pin_note;
    wxButton* m_call_back;
    wxButton* m_dial;
    std::function<void(model::Id)> m_on_work_offer, m_on_log_planned;
    std::function<void(int)> m_on_tab;
    wxStaticText* m_sources;
    wxStaticText* m_write_backs;
    model::Id m_shown_customer = 0;
};

}  // namespace kartoteka::gui
