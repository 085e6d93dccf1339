#include "callback_dialog.h"

#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/timectrl.h>

#include "gui_util.h"
#include "record_dialogs.h"
#include "retention/contact_policy.h"
#include "util/time.h"

namespace kartoteka::gui {

std::map<std::string, std::string> disposition_labels(const config::WrapUpConfig& wrap_up) {
    std::map<std::string, std::string> out;
    const std::string lang = ui_language();
    for (const auto& d : wrap_up.dispositions) out[d.code] = d.label_in(lang);
    return out;
}

namespace {

constexpr model::Timestamp kQuarter = 15 * 60;

}  // namespace

CallbackTimeInput::CallbackTimeInput(wxWindow* parent, std::string zone, model::Timestamp now, model::Timestamp initial)
    : m_zone(std::move(zone)) {
    if (initial == 0) initial = (now + 3600 + kQuarter - 1) / kQuarter * kQuarter;
    const auto local = retention::local_time(initial, m_zone);
    // The pickers hold a wall-clock reading; the zone is the centre's, whatever the desktop's is.
    wxDateTime date = wxDateTime::Today();
    date.ParseISODate(wx(util::format_date(local.date)));
    m_date = new wxDatePickerCtrl(parent, wxID_ANY, date, wxDefaultPosition, wxDefaultSize, wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    wxDateTime clock = wxDateTime::Today();
    clock.SetHour(static_cast<wxDateTime::wxDateTime_t>(local.minute_of_day / 60));
    clock.SetMinute(static_cast<wxDateTime::wxDateTime_t>(local.minute_of_day % 60));
    m_time = new wxTimePickerCtrl(parent, wxID_ANY, clock);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_date, 0, wxALIGN_CENTER_VERTICAL);
    row->Add(m_time, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    row->Add(new wxStaticText(parent, wxID_ANY, wx(m_zone)), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    m_sizer = row;
}

model::Timestamp CallbackTimeInput::value() const {
    const wxDateTime d = m_date->GetValue();
    int h = 0, m = 0, s = 0;
    m_time->GetTime(&h, &m, &s);
    const auto days = util::parse_date(utf8(d.FormatISODate()));
    if (!days) return 0;
    return retention::utc_of({*days, h * 60 + m}, m_zone);
}

void CallbackTimeInput::enable(bool on) {
    m_date->Enable(on);
    m_time->Enable(on);
}

CallbackDialog::CallbackDialog(wxWindow* parent, const wxString& customer_name, const desk::CallbackDraft& draft,
                               const std::string& zone, model::Timestamp now, const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Call back") + wx(" — ") + customer_name), m_draft(draft) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    m_when = std::make_unique<CallbackTimeInput>(this, zone, now, draft.due_at);
    m_note = new wxTextCtrl(this, wxID_ANY, wx(draft.note), wxDefaultPosition, wxSize(420, 80), wxTE_MULTILINE);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Call back at")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    grid->Add(m_when->sizer(), 1, wxEXPAND);
    add_row(this, grid, _("What about"), m_note);
    grid->AddGrowableRow(1, 1);
    end_layout(this, top);
    focus_when_shown(this, m_note);
}

desk::CallbackDraft CallbackDialog::draft() const {
    desk::CallbackDraft d = m_draft;
    d.due_at = m_when->value();
    d.note = utf8(m_note->GetValue());
    return d;
}

wxString reminder_text(const desk::CallbackView& v, const std::string& zone, model::Timestamp now) {
    const auto& c = v.callback;
    const std::string at = retention::format_local(c.due_at, zone);
    const wxString when = wx(at.size() > 11 ? at.substr(11) : at);
    wxString line = c.due_at <= now ? wxString::Format(_("Call back %s now (due %s)"), wx(v.customer), when)
                                    : wxString::Format(_("Call back %s at %s"), wx(v.customer), when);
    if (!c.note.empty()) line += ": " + wx(c.note);
    return line;
}

}  // namespace kartoteka::gui
