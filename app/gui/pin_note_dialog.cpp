#include "pin_note_dialog.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "gui_util.h"
#include "record_dialogs.h"

namespace kartoteka::gui {
namespace {

/// The desk's limit, counted as the agent counts: characters, not bytes.
constexpr std::size_t max_chars = 500;

}  // namespace

PinNoteDialog::PinNoteDialog(wxWindow* parent, const wxString& customer_name, const std::string& current,
                             const std::string& draft, const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Pinned note") + wx(" — ") + customer_name), m_current(current) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    // Multi-line so that Enter is a line break, never Save: the note is saved only with Ctrl+Enter.
    m_text = new wxTextCtrl(this, wxID_ANY, wx(draft), wxDefaultPosition, wxSize(460, 80), wxTE_MULTILINE);
    m_text->SetName("pinned_note");
    add_row(this, grid, _("Note"), m_text);
    grid->AddGrowableRow(0, 1);
    auto* hint = new wxStaticText(this, wxID_ANY, _("Shown on top of this customer's card to every agent; at most 500 characters. "
                                                   "Empty the text to unpin it."));
    hint->SetForegroundColour(foreground_of(Tone::muted));
    hint->Wrap(520);
    top->Add(hint, 0, wxLEFT | wxRIGHT, 12);
    end_layout(this, top);
    focus_when_shown(this, m_text);
    m_text->SetInsertionPointEnd();
}

std::string PinNoteDialog::note() const { return utf8(m_text->GetValue().Strip(wxString::both)); }

bool PinNoteDialog::Validate() {
    const wxString text = m_text->GetValue().Strip(wxString::both);
    if (utf8(text) == m_current) {
        wxMessageBox(m_current.empty() ? _("Write the note to pin.") : _("The note is unchanged: change it, or press Escape."),
                     _("Pinned note"), wxOK | wxICON_INFORMATION, this);
        m_text->SetFocus();
        return false;
    }
    if (text.length() > max_chars) {
        wxMessageBox(wxString::Format(_("The note has %d characters; at most 500 fit."), static_cast<int>(text.length())), _("Pinned note"),
                     wxOK | wxICON_INFORMATION, this);
        m_text->SetFocus();
        return false;
    }
    if (!text.empty()) return true;
    // An empty note unpins it for every agent: only when the agent says so.
    wxMessageDialog ask(this, _("Remove the pinned note for every agent?"), GetTitle(), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetYesNoLabels(_("Remove it"), _("Keep it"));
    return ask.ShowModal() == wxID_YES;
}

}  // namespace kartoteka::gui
