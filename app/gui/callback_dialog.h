#pragma once
/// Callbacks in the window (issue 18): the time the customer asked for, typed on the centre's wall
/// clock and stored as an instant; the "Call back" dialog of the card; and the reminder that announces
/// the signed-in agent's callbacks when they come due. The rules (who owns it, what may be reminded)
/// are the desk's; this file only asks and shows.
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "desk/desk.h"

class wxTimePickerCtrl;
class wxSizer;

namespace kartoteka::gui {


/// The centre's disposition codes by their label in the UI language (the card's timeline shows them).
std::map<std::string, std::string> disposition_labels(const config::WrapUpConfig& wrap_up);

/// A date and a time on the centre's wall clock (locale.timezone), read back as an instant. The day is
/// typed as the UI language writes it (01.12.2026 in ru and bg, ISO in en; "today", "tomorrow" and
/// "01.12" too), Up and Down move it a day: wxDatePickerCtrl takes its format from the desktop's C
/// locale, which showed "12/01/2026" on a Russian screen whose machine had no ru_RU locale.
class CallbackTimeInput {
public:
    /// Starts at `initial` (0: an hour from `now`, on the next quarter hour). Saving `parent` (its
    /// wxID_OK) with a day that cannot be read is refused with the field marked, while it is enabled.
    CallbackTimeInput(wxWindow* parent, std::string zone, model::Timestamp now, model::Timestamp initial = 0);
    wxSizer* sizer() const { return m_sizer; }
    /// The instant typed; 0 when the day cannot be read.
    model::Timestamp value() const;
    void enable(bool on);

private:
    std::optional<model::Date> day() const;
    std::string m_zone;
    model::Date m_today;
    wxTextCtrl* m_day;
    wxTimePickerCtrl* m_time;
    wxSizer* m_sizer;
};

/// "Call back" from the card: when, and what about. Saved as the signed-in agent's callback.
class CallbackDialog : public wxDialog {
public:
    CallbackDialog(wxWindow* parent, const wxString& customer_name, const desk::CallbackDraft& draft,
                   const std::string& zone, model::Timestamp now, const wxString& error = {});
    desk::CallbackDraft draft() const;

private:
    desk::CallbackDraft m_draft;
    std::unique_ptr<CallbackTimeInput> m_when;
    wxTextCtrl* m_note;
};

/// "Call back Novikova Maria at 18:00 (in 2 min): after payday": one line per reminder, for the status
/// bar, in the UI language and the centre's zone.
wxString reminder_text(const desk::CallbackView& v, const std::string& zone, model::Timestamp now);

}  // namespace kartoteka::gui
