#include "preferences_dialog.h"

#include <wx/accel.h>
#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <array>

#include <date/tz.h>

#include "gui_util.h"
#include "record_dialogs.h"
#include "util/time.h"

namespace kartoteka::gui {
namespace {

constexpr std::array<model::Channel, 8> all_channels{model::Channel::phone, model::Channel::email, model::Channel::sms,
                                                     model::Channel::chat, model::Channel::messenger, model::Channel::letter,
                                                     model::Channel::meeting, model::Channel::web};

wxCheckListBox* channel_list(wxWindow* parent, const std::set<model::Channel>& checked) {
    // Tall enough for every channel: "meeting" and "web" were hidden below a scroll bar.
    auto* list = new wxCheckListBox(parent, wxID_ANY, wxDefaultPosition, wxSize(180, -1));
    for (std::size_t i = 0; i < all_channels.size(); ++i) {
        list->Append(wxGetTranslation(wx(model::to_string(all_channels[i]))));
        list->Check(static_cast<unsigned>(i), checked.count(all_channels[i]) > 0);
    }
    const int row = list->GetBestSize().y / static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(all_channels.size(), 10)));
    list->SetMinSize(wxSize(180, std::max(list->GetBestSize().y, row * static_cast<int>(all_channels.size()) + 8)));
    return list;
}

std::set<model::Channel> checked_channels(const wxCheckListBox* list) {
    std::set<model::Channel> out;
    for (std::size_t i = 0; i < all_channels.size(); ++i)
        if (list->IsChecked(static_cast<unsigned>(i))) out.insert(all_channels[i]);
    return out;
}

/// Every zone tzdata knows, for the zone field's completion ("Europe/So" -> "Europe/Sofia").
wxArrayString zone_names() {
    wxArrayString out;
    for (const auto& z : date::get_tzdb().zones) out.Add(wx(std::string(z.name())));
    return out;
}

wxString hhmm(int minutes) { return wxString::Format("%02d:%02d", minutes / 60, minutes % 60); }

}  // namespace

PreferencesDialog::PreferencesDialog(wxWindow* parent, const wxString& customer_name,
                                     const model::ContactPreferences& prefs, const std::string& centre_zone,
                                     const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Contact preferences") + wx(" — ") + customer_name), m_prefs(prefs),
      m_centre_zone(centre_zone) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    add_whose(this, top);  // as every other dialog on the card: the caller behind it may change
    if (!error.empty()) {
        auto* e = new wxStaticText(this, wxID_ANY, error);
        e->SetForegroundColour(wxColour(0xA0, 0x10, 0x10));
        top->Add(e, 0, wxALL, 10);
    }
    auto* flags = new wxBoxSizer(wxVERTICAL);
    m_written_only = new wxCheckBox(this, wxID_ANY, _("Written proposals only (no sales calls)"));
    m_do_not_call = new wxCheckBox(this, wxID_ANY, _("Do not call"));
    m_calls_themselves = new wxCheckBox(this, wxID_ANY, _("Wants to be left alone; always calls us themselves"));
    m_written_only->SetValue(prefs.written_only);
    m_do_not_call->SetValue(prefs.do_not_call);
    m_calls_themselves->SetValue(prefs.calls_themselves);
    for (auto* c : {m_written_only, m_do_not_call, m_calls_themselves}) flags->Add(c, 0, wxBOTTOM, 4);
    top->Add(flags, 0, wxALL, 12);

    auto* lists = new wxFlexGridSizer(3, wxSize(16, 4));
    lists->Add(new wxStaticText(this, wxID_ANY, _("Preferred channel")));
    lists->Add(new wxStaticText(this, wxID_ANY, _("Allowed channels (none ticked: all)")));
    lists->Add(new wxStaticText(this, wxID_ANY, _("Unsubscribed from")));
    m_preferred = new wxChoice(this, wxID_ANY);
    m_preferred->Append(_("no preference"));
    for (auto c : all_channels) m_preferred->Append(wxGetTranslation(wx(model::to_string(c))));
    m_preferred->SetSelection(prefs.preferred_channel
                                  ? 1 + static_cast<int>(std::find(all_channels.begin(), all_channels.end(), *prefs.preferred_channel) - all_channels.begin())
                                  : 0);
    lists->Add(m_preferred, 0, wxALIGN_TOP);
    m_allowed = channel_list(this, prefs.allowed_channels);
    m_unsubscribed = channel_list(this, prefs.unsubscribed);
    lists->Add(m_allowed);
    lists->Add(m_unsubscribed);
    top->Add(lists, 0, wxLEFT | wxRIGHT, 12);

    auto* grid = new wxFlexGridSizer(2, wxSize(10, 8));
    grid->AddGrowableCol(1, 1);
    m_zone = new wxTextCtrl(this, wxID_ANY, wx(prefs.timezone), wxDefaultPosition, wxSize(220, -1));
    m_zone->SetName("customer_zone");
    m_zone->AutoComplete(zone_names());
    m_zone->SetHint(wx(centre_zone));
    m_zone->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { show_clock_hint(); });
    grid->Add(new wxStaticText(this, wxID_ANY, _("Customer's time zone")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_zone, 0);
    auto* quiet = new wxBoxSizer(wxHORIZONTAL);
    m_quiet_from = new wxTextCtrl(this, wxID_ANY, prefs.quiet_hours.enabled() ? hhmm(prefs.quiet_hours.from_minute) : "");
    m_quiet_to = new wxTextCtrl(this, wxID_ANY, prefs.quiet_hours.enabled() ? hhmm(prefs.quiet_hours.to_minute) : "");
    quiet->Add(m_quiet_from, 0);
    quiet->Add(new wxStaticText(this, wxID_ANY, " – "), 0, wxALIGN_CENTER_VERTICAL);
    quiet->Add(m_quiet_to, 0);
    m_clock_hint = new wxStaticText(this, wxID_ANY, "");
    quiet->Add(m_clock_hint, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Quiet hours")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(quiet, 1, wxEXPAND);
    m_irritants = new wxTextCtrl(this, wxID_ANY, wx(prefs.irritants), wxDefaultPosition, wxSize(420, 70), wxTE_MULTILINE);
    grid->Add(new wxStaticText(this, wxID_ANY, _("What irritates them")));
    grid->Add(m_irritants, 1, wxEXPAND);
    top->Add(grid, 0, wxEXPAND | wxALL, 12);

    top->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    if (auto* ok = FindWindow(wxID_OK)) ok->SetLabel(_("Save (Ctrl+Enter)"));
    if (auto* cancel = FindWindow(wxID_CANCEL)) cancel->SetLabel(_("Cancel"));  // wx's stock label is not translated
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, WXK_RETURN, wxID_OK}};
    SetAcceleratorTable(wxAcceleratorTable(1, keys));
    show_clock_hint();
    SetSizerAndFit(top);
    CentreOnParent();
    focus_when_shown(this, m_written_only);
}

void PreferencesDialog::show_clock_hint() {
    if (!m_clock_hint) return;  // a text event while the dialog is being built
    const wxString zone = m_zone->GetValue().Strip(wxString::both);
    const bool known = !zone.empty() && util::find_zone(utf8(zone));
    m_clock_hint->SetLabel(known ? wxString::Format(_("HH:MM on the customer's clock (%s); empty: none"), zone)
                           : zone.empty() ? wxString::Format(_("HH:MM on the centre's clock (%s): the customer's zone is not set; empty: none"),
                                                             wx(m_centre_zone))
                                          : _("HH:MM; the time zone above is not one tzdata knows"));
    Layout();
}

bool PreferencesDialog::parse_minutes(const wxString& text, int& out) {
    long h = 0, m = 0;
    const wxString t = text.Strip(wxString::both);
    if (t.length() != 5 || t[2] != ':' || !t.Left(2).ToLong(&h) || !t.Mid(3).ToLong(&m) || h > 23 || m > 59) return false;
    out = static_cast<int>(h * 60 + m);
    return true;
}

bool PreferencesDialog::Validate() {
    const bool any = !m_quiet_from->GetValue().Strip(wxString::both).empty() || !m_quiet_to->GetValue().Strip(wxString::both).empty();
    int from = 0, to = 0;
    if (any && (!parse_minutes(m_quiet_from->GetValue(), from) || !parse_minutes(m_quiet_to->GetValue(), to))) {
        wxMessageBox(_("Quiet hours are two times like 21:00 and 09:00, or both empty."), _("Contact preferences"),
                     wxOK | wxICON_INFORMATION, this);
        m_quiet_from->SetFocus();
        return false;
    }
    const wxString zone = m_zone->GetValue().Strip(wxString::both);
    if (!zone.empty() && !util::find_zone(utf8(zone))) {
        wxMessageBox(_("Unknown time zone: write a name such as Europe/Sofia, or leave it empty for the centre's."),
                     _("Contact preferences"), wxOK | wxICON_INFORMATION, this);
        m_zone->SetFocus();
        return false;
    }
    return true;
}

model::ContactPreferences PreferencesDialog::preferences() const {
    model::ContactPreferences p = m_prefs;
    p.written_only = m_written_only->GetValue();
    p.do_not_call = m_do_not_call->GetValue();
    p.calls_themselves = m_calls_themselves->GetValue();
    const int sel = m_preferred->GetSelection();
    p.preferred_channel = sel > 0 ? std::optional<model::Channel>(all_channels[static_cast<std::size_t>(sel - 1)]) : std::nullopt;
    p.allowed_channels = checked_channels(m_allowed);
    p.unsubscribed = checked_channels(m_unsubscribed);
    p.quiet_hours = {};
    int from = 0, to = 0;
    if (parse_minutes(m_quiet_from->GetValue(), from) && parse_minutes(m_quiet_to->GetValue(), to)) p.quiet_hours = {from, to};
    p.irritants = utf8(m_irritants->GetValue());
    p.timezone = utf8(m_zone->GetValue().Strip(wxString::both));
    return p;
}

}  // namespace kartoteka::gui
