#pragma once
/// Keyboard-first dialogs for what an agent records during a call: log a contact (F2) and open a
/// complaint (F3). Tab moves between fields, Ctrl+Enter saves, Escape cancels; nothing needs a mouse.
/// A draft that could not be saved is handed back to the dialog so no typed word is lost.
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>

#include <memory>
#include <string>
#include <vector>

#include "actions/agent_actions.h"
#include "config/wrap_up_config.h"
#include "desk/desk.h"
#include "model/customer.h"
#include "presenters/card_presenter.h"

class wxBoxSizer;
class wxFlexGridSizer;

namespace kartoteka::gui {

class CallbackTimeInput;

/// The dialog's title (what it does and for whom) in bold at the top of its body.
void add_whose(wxDialog* dlg, wxBoxSizer* top);
/// The common frame of the record dialogs: an error line (when re-opened after a refused save) above a
/// two-column grid of label and control...
wxFlexGridSizer* begin_layout(wxDialog* dlg, wxBoxSizer* top, const wxString& error);
void add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* control);
/// ...then Save (Ctrl+Enter, since Enter belongs to multi-line text) and Cancel (Escape).
void end_layout(wxDialog* dlg, wxBoxSizer* top);
/// Puts the keyboard focus on `first` once the dialog is on screen: set in the constructor, GTK gives it
/// to the default button when the window maps, and the agent's first space then pressed Save.
void focus_when_shown(wxDialog* dlg, wxWindow* first);

/// What the log-a-contact dialog offers at wrap-up: the centre's disposition codes and a callback time
/// on the centre's clock.
struct WrapUpChoices {
    config::WrapUpConfig wrap_up;
    std::string zone = "UTC";  ///< locale.timezone
    model::Timestamp now = 0;
    desk::WrapUp entered;      ///< what the agent chose before a refused save
};

class LogContactDialog : public wxDialog {
public:
    LogContactDialog(wxWindow* parent, const wxString& customer_name, const actions::ContactDraft& draft,
                     const WrapUpChoices& choices, const wxString& error = {});
    ~LogContactDialog() override;
    /// What the agent entered (customer id carried over from the draft).
    actions::ContactDraft draft() const;
    /// The result code and the callback time chosen.
    desk::WrapUp wrap_up() const;

private:
    bool Validate() override;
    void add_wrap_up(wxFlexGridSizer* grid, const WrapUpChoices& choices);

    actions::ContactDraft m_draft;
    WrapUpChoices m_choices;
    wxChoice* m_channel;
    wxChoice* m_direction;
    wxTextCtrl* m_summary;
    wxChoice* m_disposition = nullptr;  ///< item 0 is "none"; then the centre's codes in order
    wxCheckBox* m_call_back = nullptr;
    std::unique_ptr<CallbackTimeInput> m_call_back_at;
};

class ComplaintDialog : public wxDialog {
public:
    /// Asks the frame for the look ahead of a problem type and severity (answered by show_preview).
    using AskPreview = std::function<void(const std::string& problem_type, int severity)>;
    ComplaintDialog(wxWindow* parent, const wxString& customer_name, const std::vector<std::string>& problem_types,
                    const actions::ComplaintDraft& draft, const wxString& error = {}, AskPreview ask = {});
    actions::ComplaintDraft draft() const;
    /// The desk's look ahead for the type and severity chosen: the norms, and a warning with a way to
    /// the open complaint this one would repeat. An answer for an earlier choice is ignored.
    void show_preview(const std::string& problem_type, int severity, const ComplaintPreviewView& view);
    /// The open complaint the agent chose to see instead of opening a new one; 0 when none.
    model::Id show_existing() const { return m_show_existing; }

private:
    bool Validate() override;
    void ask_preview();
    /// Closes the dialog to show the open complaint (asking first when words were typed).
    void go_to_existing();

    AskPreview m_ask;
    model::Id m_repeat_id = 0;
    model::Id m_show_existing = 0;
    wxStaticText* m_sla = nullptr;
    wxPanel* m_repeat = nullptr;
    wxStaticText* m_repeat_text = nullptr;

    actions::ComplaintDraft m_draft;
    std::vector<std::string> m_types;
    wxChoice* m_type;
    wxChoice* m_severity;
    wxChoice* m_cause;
    wxTextCtrl* m_subject;
    wxTextCtrl* m_description;
};

/// A caller nobody knows: the screen pop opens this with the number already filled in.
class NewCustomerDialog : public wxDialog {
public:
    /// `prefill`: the caller's number, or what a search that found nobody was given; `intro` replaces the
    /// "nobody knows this number" line.
    NewCustomerDialog(wxWindow* parent, const model::Customer& prefill, const wxString& intro = {});
    model::Customer customer() const;  ///< phone as typed; the frame normalizes it

private:
    bool Validate() override;
    wxTextCtrl* m_last;
    wxTextCtrl* m_first;
    wxTextCtrl* m_middle;
    wxTextCtrl* m_phone;
    wxTextCtrl* m_email;
};

}  // namespace kartoteka::gui
