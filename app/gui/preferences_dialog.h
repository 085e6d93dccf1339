#pragma once
/// Editing a customer's contact preferences (F4): channels, written-only, do-not-call, quiet hours,
/// per-channel unsubscribe and what irritates them. Keyboard-first like the other dialogs.
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>

#include "model/preferences.h"

namespace kartoteka::gui {

class PreferencesDialog : public wxDialog {
public:
    /// centre_zone: locale.timezone, the clock of a customer whose zone is not set.
    PreferencesDialog(wxWindow* parent, const wxString& customer_name, const model::ContactPreferences& prefs,
                      const std::string& centre_zone, const wxString& error = {});
    /// The edited preferences (version carried over from what was read, for the conflict check).
    model::ContactPreferences preferences() const;

private:
    bool Validate() override;
    static bool parse_minutes(const wxString& text, int& out);
    /// "HH:MM on the customer's clock (Europe/Sofia)": the hint follows the zone typed.
    void show_clock_hint();

    model::ContactPreferences m_prefs;
    wxChoice* m_preferred;
    wxCheckListBox* m_allowed;
    wxCheckListBox* m_unsubscribed;
    wxCheckBox* m_written_only;
    wxCheckBox* m_do_not_call;
    wxCheckBox* m_calls_themselves;
    wxTextCtrl* m_quiet_from;
    wxTextCtrl* m_quiet_to;
    wxTextCtrl* m_irritants;
    wxTextCtrl* m_zone = nullptr;  ///< IANA name; empty = the centre's
    wxStaticText* m_clock_hint = nullptr;
    std::string m_centre_zone;
};

}  // namespace kartoteka::gui
