// The workstation's callbacks (issue 18): F8 promises a callback from the open card, and the reminder
// announces the signed-in agent's callbacks as they come due, on a timer and whenever another seat
// changes a callback (a supervisor's reassignment). The desk decides what is due and marks it announced.
#include <wx/msgdlg.h>

#include "callback_dialog.h"
#include "error.h"
#include "gui_util.h"
#include "main_frame.h"
#include "retention/contact_policy.h"
#include "wx_translator.h"

namespace kartoteka::gui {

void MainFrame::start_callback_reminders() {
    m_callback_clock.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { check_callbacks(); }, m_callback_clock.GetId());
    m_callback_clock.Start(30000);
    check_callbacks();
}

void MainFrame::check_callbacks() {
    m_worker->post([this] {
        std::vector<desk::CallbackView> due;
        try {
            due = m_desk->callback_reminders();
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::forbidden) return;  // not signed in: the status bar says so already
            throw;
        }
        if (due.empty()) return;
        CallAfter([this, due = std::move(due)] {
            const auto now = m_desk->now();
            wxString line = reminder_text(due.front(), m_opt.config.locale.timezone, now);
            if (due.size() > 1)
                line += " " + wxString::Format(wxPLURAL("(%d more callback due)", "(%d more callbacks due)", static_cast<unsigned>(due.size() - 1)),
                                               static_cast<int>(due.size() - 1));
            SetStatusText(line, 0);
            RequestUserAttention(wxUSER_ATTENTION_INFO);
            for (const auto& v : due) trace("callback reminder " + std::to_string(v.callback.id));
        });
    });
}

void MainFrame::schedule_callback(desk::CallbackDraft draft, const wxString& error) {
    if (!m_open_customer) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    draft.customer_id = m_open_customer;
    CallbackDialog dlg(this, m_open_name, draft, m_opt.config.locale.timezone, m_desk->now(), error);
    if (show_modal(dlg) != wxID_OK) return;
    auto entered = dlg.draft();
    m_worker->post([this, entered] {
        try {
            const auto c = m_desk->schedule_callback(entered);
            CallAfter([this, c] {
                SetStatusText(wxString::Format(_("Callback #%lld saved: you call back at %s."), static_cast<long long>(c.id),
                                               wx(format_moment(wx_translator(), c.due_at, m_opt.config.locale.timezone))),
                              0);
                trace("saved callback " + std::to_string(c.id));
            });
        } catch (const std::exception& e) {
            CallAfter([this, entered, msg = desk::safe_message(e)] { schedule_callback(entered, wx(msg)); });
        }
    });
}

}  // namespace kartoteka::gui
