#include "callback_dialog.h"

#include <wx/intl.h>
#include <wx/utils.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/timectrl.h>

#include "gui_util.h"
#include "presenters/work_presenter.h"
#include "record_dialogs.h"
#include "retention/contact_policy.h"
#include "util/time.h"
#include "wx_translator.h"

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
    : m_zone(std::move(zone)), m_today(retention::local_time(now, m_zone).date) {
    if (initial == 0) initial = (now + 3600 + kQuarter - 1) / kQuarter * kQuarter;
    const auto local = retention::local_time(initial, m_zone);
    // The fields hold a wall-clock reading; the zone is the centre's, whatever the desktop's is.
    m_day = new wxTextCtrl(parent, wxID_ANY, wx(format_day(wx_translator(), local.date)), wxDefaultPosition,
                           wxSize(parent->GetTextExtent("0000-00-00").x + 24, -1));
    m_day->SetName("callback_day");
    m_day->SetToolTip(_("The day: 01.12.2026, 2026-12-01, today or tomorrow. Up and Down move it by a day."));
    m_day->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        const int step = e.GetKeyCode() == WXK_UP ? 1 : e.GetKeyCode() == WXK_DOWN ? -1 : 0;
        const auto d = day();
        if (!step || !d || e.HasAnyModifiers()) return e.Skip();
        m_day->ChangeValue(wx(format_day(wx_translator(), std::max(m_today, *d + step))));
        m_day->SetInsertionPointEnd();
    });
    m_day->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
        e.Skip();
        m_day->SetBackgroundColour(day() ? wxNullColour : background_of(Tone::danger));
        m_day->Refresh();
    });
    parent->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (!m_day->IsEnabled() || day()) return e.Skip();
        // Saved with a day nobody can read, the callback would be refused as "already passed" in 1970.
        m_day->SetBackgroundColour(background_of(Tone::danger));
        m_day->SetFocus();
        m_day->SelectAll();
        wxBell();
    }, wxID_OK);
    wxDateTime clock = wxDateTime::Today();
    clock.SetHour(static_cast<wxDateTime::wxDateTime_t>(local.minute_of_day / 60));
    clock.SetMinute(static_cast<wxDateTime::wxDateTime_t>(local.minute_of_day % 60));
    m_time = new wxTimePickerCtrl(parent, wxID_ANY, clock);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_day, 0, wxALIGN_CENTER_VERTICAL);
    row->Add(m_time, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    row->Add(new wxStaticText(parent, wxID_ANY, wx(m_zone)), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    m_sizer = row;
}

std::optional<model::Date> CallbackTimeInput::day() const {
    return parse_day(utf8(m_day->GetValue()), m_today, wx_translator());
}

model::Timestamp CallbackTimeInput::value() const {
    const auto d = day();
    if (!d) return 0;
    int h = 0, m = 0, s = 0;
    m_time->GetTime(&h, &m, &s);
    return retention::utc_of({*d, h * 60 + m}, m_zone);
}

void CallbackTimeInput::enable(bool on) {
    m_day->Enable(on);
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
