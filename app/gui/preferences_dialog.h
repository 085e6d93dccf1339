#pragma once
/// Editing a customer's contact preferences (F4): channels, written-only, do-not-call, quiet hours,
/// per-channel unsubscribe and what irritates them. Keyboard-first like the other dialogs.
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include "model/preferences.h"

namespace kartoteka::gui {

class PreferencesDialog : public wxDialog {
public:
    PreferencesDialog(wxWindow* parent, const wxString& customer_name, const model::ContactPreferences& prefs,
                      const wxString& error = {});
    /// The edited preferences (version carried over from what was read, for the conflict check).
    model::ContactPreferences preferences() const;

private:
    bool Validate() override;
    static bool parse_minutes(const wxString& text, int& out);

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
};

}  // namespace kartoteka::gui
