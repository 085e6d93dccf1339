#pragma once
/// The board's ticket detail pane (issue 19), wx-free: what the ticket is about and whose it is, each
/// SLA target's clock with the deadline as a clock time, the norms and the calendar those deadlines
/// were counted in, and the ticket's history.
#include <string>
#include <utility>
#include <vector>

#include "card_presenter.h"
#include "desk/desk.h"
#include "model/notification.h"

namespace kartoteka::gui {

struct TicketDetailView {
    model::Id ticket_id = 0;
    model::Id customer_id = 0;
    int version = 0;     ///< what the pane shows: an action from it is checked against this
    std::string title;   ///< "#1508 Charged twice"
    std::vector<std::pair<std::string, std::string>> facts;  ///< label, value
    Tone tone = Tone::normal;  ///< the SLA state's
    std::string norms;   ///< how the deadlines were counted: calendar, zone, hours, warning share
    Table targets;       ///< target, state, allowed, used, started, due
    Table history;       ///< when, what, who, note; oldest first
};

class TicketPresenter {
public:
    /// zone: the centre's (locale.timezone), for the clock times shown.
    TicketPresenter(Translate tr, std::string zone) : m_tr(std::move(tr)), m_zone(std::move(zone)) {}

    TicketDetailView present(const desk::TicketDetail& detail) const;
    /// A notification as one line: "SLA breach: ticket #12, first response (escalated to you)".
    static std::string notice(const model::Notification& n, const Translate& tr);
    /// "Mon-Fri 09:00-18:00, Sat 10:00-14:00": a calendar's week, days with equal hours run together.
    std::string week(const config::CalendarConfig& calendar) const;

private:
    std::string tr(const char* s) const { return m_tr ? m_tr(s) : s; }
    std::string when(model::Timestamp t) const;
    std::string norms(const desk::TicketDetail& d) const;
    /// A change note as the ticket desk stores it, in English ("escalated; owner ann -> bob: the agent's
    /// words"), with its parts in the reader's language; the agent's words pass unchanged.
    std::string change_note(const std::string& note) const;
    std::string change_part(const std::string& part) const;
    Translate m_tr;
    std::string m_zone;
};

}  // namespace kartoteka::gui
