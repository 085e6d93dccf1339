// The board's ticket pane (issue 19): loading the selected ticket's detail and a supervisor's changes
// to it, on the worker queue; the desk decides and audits, the pane shows what came back.
#include "main_frame.h"

#include <unistd.h>
#include <wx/utils.h>

#include "desk/escalator.h"

#include "error.h"
#include "gui_util.h"
#include "wx_translator.h"
#include "desk/my_work.h"
#include "presenters/my_work_presenter.h"
#include "presenters/ticket_presenter.h"
#include "util/time.h"

namespace kartoteka::gui {

void MainFrame::load_ticket(model::Id ticket_id) {
    if (ticket_id == 0) return m_board->ticket_pane()->clear();
    m_worker->post_latest("ticket", [this, ticket_id] {
        const TicketPresenter presenter(wx_translator(), m_opt.config.locale.timezone);
        auto view = std::make_shared<TicketDetailView>(presenter.present(m_desk->ticket_detail(ticket_id)));
        CallAfter([this, view] {
            if (m_board->selected_ticket() != view->ticket_id) return;  // the supervisor moved on meanwhile
            trace("ticket " + std::to_string(view->ticket_id) + " version " + std::to_string(view->version));
            m_board->ticket_pane()->show(std::move(*view));
        });
    });
}

void MainFrame::change_ticket(model::Id ticket_id, desk::TicketChange change) {
    m_worker->post([this, ticket_id, change] {
        wxString notice;
        bool failed = false;
        try {
            const auto t = m_desk->change_ticket(ticket_id, change);
            notice = _("Saved: ticket") + " #" + wx(std::to_string(t.id));
        } catch (const Error& e) {
            // A conflict shows what the other seat saved: the detail below is reloaded either way.
            failed = true;
            notice = e.kind() == ErrorKind::conflict ? _("Another seat changed this ticket first; here it is as saved now.")
                                                     : wx(desk::safe_message(e));
        }
        CallAfter([this, ticket_id, notice, failed] {
            trace(std::string(failed ? "ticket_refused " : "ticket_changed ") + std::to_string(ticket_id));
            if (m_board->selected_ticket() == ticket_id) m_board->ticket_pane()->set_notice(notice, failed);
            update_board_ticket(ticket_id);  // this seat's own row, whatever live updates do
        });
    });
}

bool MainFrame::board_key(int key) {
    auto* pane = m_board->ticket_pane();
    switch (key) {
    case 'R': pane->reassign(); return true;
    case 'E': pane->escalate(); return true;
    case 'Y': pane->set_severity(); return true;
    case 'P': pane->set_problem_type(); return true;
    default: return false;
    }
}

void MainFrame::start_escalator() {
    m_seat = m_opt.config.agent.login + "@" + utf8(wxGetHostName()) + ":" + std::to_string(::getpid());
    m_escalator_clock.SetOwner(this);
    auto pass = [this] {
        if (!m_delivery) return;
        // On the delivery queue: a pass loads every open ticket, which must not hold up a card or a search.
        m_delivery->post_latest("escalate", [this] {
            const auto run = desk::run_escalator(*m_desk, m_seat);
            if (!run.on_duty) return;
            CallAfter([this, run] {
                trace("escalator " + std::to_string(run.recorded.size()) + " recorded " + std::to_string(run.notified) + " notified");
                if (run.notified) show_notifications();  // a SQLite seat hears of no change otherwise
            });
        });
    };
    Bind(wxEVT_TIMER, [pass](wxTimerEvent&) { pass(); }, m_escalator_clock.GetId());
    m_escalator_clock.Start(30000);
    pass();
    show_notifications();  // what came while this agent was away
}

void MainFrame::show_notifications() {
    m_worker->post_latest("notifications", [this] {
        auto unread = desk::notifications(*m_desk, true, 20);
        if (unread.empty()) return;
        desk::mark_notifications_read(*m_desk, unread.front().id);  // newest first: all of them are shown now
        CallAfter([this, unread] {
            const std::string text = TicketPresenter::notice(unread.front(), wx_translator());
            const wxString more = unread.size() > 1 ? wxString::Format(" (+%zu)", unread.size() - 1) : wxString();
            SetStatusText(wx(text) + more, 0);
            for (const auto& n : unread) trace("notice " + TicketPresenter::notice(n, {}));
        });
    });
}

void MainFrame::refresh_my_work() {
    m_worker->post_latest("my_work", [this] {
        const auto now = util::system_now();
        const MyWorkPresenter presenter(wx_translator(), m_opt.config.locale.timezone);
        auto table = std::make_shared<Table>(presenter.present(desk::my_work(*m_desk, now), now));
        CallAfter([this, table] {
            m_my_work->show(*table);
            trace("my_work " + std::to_string(table->rows.size()));
        });
    });
}

}  // namespace kartoteka::gui
