// The operator's card (issue 18): F3's look ahead, the pinned note, confirmations that do not outlive
// their customer. Every rule is the desk's; this file asks it off the UI thread and shows the answer.
#include "main_frame.h"

#include <wx/msgdlg.h>
#include <wx/statusbr.h>

#include "error.h"
#include "gui_util.h"
#include "pin_note_dialog.h"
#include "record_dialogs.h"
#include "util/time.h"

namespace kartoteka::gui {

void MainFrame::preview_complaint(model::Id customer_id, const std::string& problem_type, int severity) {
    m_worker->post_latest("complaint preview", [this, customer_id, problem_type, severity] {
        std::shared_ptr<ComplaintPreviewView> view;
        try {
            const auto preview = m_desk->complaint_preview(customer_id, problem_type, severity);
            view = std::make_shared<ComplaintPreviewView>(m_presenter.complaint_preview(preview, util::system_now()));
        } catch (const std::exception& e) {
            // Without the look ahead the complaint can still be opened: say why it is missing.
            view = std::make_shared<ComplaintPreviewView>();
            view->sla = utf8(_("The response norms could not be read:")) + " " + desk::safe_message(e);
        }
        CallAfter([this, problem_type, severity, view] {
            if (!m_complaint_dialog) return;  // the dialog was closed meanwhile
            m_complaint_dialog->show_preview(problem_type, severity, *view);
            trace("complaint preview " + problem_type + " " + std::to_string(severity) + " repeat #" +
                  std::to_string(view->repeat_id) + ": " + view->sla);
        });
    });
}

void MainFrame::pin_note(const wxString& error, std::optional<std::string> draft) {
    if (!m_open_card) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    const model::Id id = m_open_customer;
    const std::string current = m_open_card->customer.pinned_note;
    PinNoteDialog dlg(this, m_open_name, current, draft.value_or(current), error);
    trace("pin note dialog");
    if (show_modal(dlg) != wxID_OK) return;
    const std::string note = dlg.note();
    m_worker->post([this, id, note] {
        try {
            m_desk->pin_note(id, note);
            CallAfter([this, id, unpinned = note.empty()] {
                confirm(unpinned ? _("The pinned note was removed.") : _("Note pinned."));
                trace(unpinned ? "unpinned note" : "pinned note");
                if (id == m_open_customer) open_card(id, true);
            });
        } catch (const std::exception& e) {
            // Not saved: the agent's words come back with the reason (only if that card is still open).
            CallAfter([this, id, note, msg = desk::safe_message(e)] {
                if (id == m_open_customer) return pin_note(wx(msg), note);
                wxMessageBox(wx(msg), _("Pinned note"), wxOK | wxICON_WARNING, this);
            });
        }
    });
}

void MainFrame::confirm(const wxString& text) {
    SetStatusText(text, 0);
    m_confirmation = text;
    if (!m_confirmation_clock.GetOwner()) {
        m_confirmation_clock.SetOwner(this);
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) { forget_confirmation(); }, m_confirmation_clock.GetId());
    }
    m_confirmation_clock.StartOnce(30000);
}

void MainFrame::forget_confirmation() {
    // Only our own confirmation goes: an error set since then stays, and so does a call still waiting.
    if (!m_waiting_pop.empty()) return;
    if (!m_confirmation.empty() && GetStatusBar() && GetStatusBar()->GetStatusText(0) == m_confirmation) SetStatusText("", 0);
    m_confirmation.clear();
}

}  // namespace kartoteka::gui
