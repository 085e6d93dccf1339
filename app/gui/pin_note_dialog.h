#pragma once
/// The pinned note (issue 18): one line every agent sees on top of the customer's card ("Hard of hearing:
/// speak slowly"). Keyboard-first like the record dialogs: the text has the focus, Ctrl+Enter saves,
/// Escape asks before throwing typed words away; saving needs a change, and emptying the note asks first.
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>

namespace kartoteka::gui {

class PinNoteDialog : public wxDialog {
public:
    /// current: the note pinned now ("" for none); draft: what the agent typed before a refused save.
    PinNoteDialog(wxWindow* parent, const wxString& customer_name, const std::string& current, const std::string& draft,
                  const wxString& error = {});
    /// The note to pin, trimmed; "" unpins.
    std::string note() const;

private:
    bool Validate() override;

    std::string m_current;
    wxTextCtrl* m_text;
};

}  // namespace kartoteka::gui
