// The supervisor's retention page (issue 19): the report is computed on the worker queue by the desk
// (which refuses anyone but supervisors and admins), presented in the UI language, and exported as the
// same CSV the command line writes.
#include <wx/filedlg.h>
#include <wx/msgdlg.h>

#include <fstream>

#include "error.h"
#include "gui_util.h"
#include "main_frame.h"
#include "presenters/retention_presenter.h"
#include "retention/contact_policy.h"
#include "util/time.h"

namespace kartoteka::gui {

void MainFrame::default_retention_range() {
    // The last twelve months of the centre's calendar, this one included.
    const auto today = retention::local_time(util::system_now(), m_opt.config.locale.timezone).date;
    const std::string day = util::format_date(today);
    int year = std::stoi(day.substr(0, 4)), month = std::stoi(day.substr(5, 2));
    auto first_of = [](int y, int m) {
        char buf[32];  // room for any int, as the compiler checks
        std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
        return std::string(buf);
    };
    const std::string to = month == 12 ? first_of(year + 1, 1) : first_of(year, month + 1);
    const std::string from = month == 12 ? first_of(year, 1) : first_of(year - 1, month + 1);
    m_retention->set_range(from, to);
}

void MainFrame::refresh_retention() {
    const RetentionQuery q = m_retention->query();
    const char decimal = ui_language() == "en" ? '.' : ',';
    m_worker->post_latest("retention", [this, q, decimal] {
        const auto first = util::parse_date(q.from), last = util::parse_date(q.to);
        if (!first || !last) {
            CallAfter([this] { m_retention->show_message(_("Give the range as dates such as 2026-01-01.")); });
            return;
        }
        try {
            const auto started = std::chrono::steady_clock::now();
            auto report = std::make_shared<const retention::RetentionReport>(
                m_desk->retention_report(*first, *last, q.by, util::system_now()));
            const long ms = util::ms_since(started);
            auto view = std::make_shared<RetentionView>(RetentionPresenter(translate, decimal).present(*report));
            CallAfter([this, report, view, ms] {
                m_retention_report = report;
                m_retention->show(*view);
                for (const auto& line : view->trace) trace("retention " + line);
                trace("retention shown in " + std::to_string(ms) + " ms");
            });
        } catch (const Error& e) {
            const wxString text = e.kind() == ErrorKind::forbidden ? _("The retention page is for supervisors.")
                                                                   : wx(desk::safe_message(e));
            CallAfter([this, text] { m_retention->show_message(text); });
        }
    });
}

void MainFrame::export_retention() {
    if (!m_retention_report) return m_retention->show_message(_("Show a report first, then export it."));
    wxFileDialog dlg(this, _("Export CSV"), "", "retention.csv", _("CSV files (*.csv)|*.csv"),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (show_modal(dlg) != wxID_OK) return;
    const std::string path = utf8(dlg.GetPath());
    std::ofstream out(path, std::ios::binary);
    out << retention::report_csv(*m_retention_report);
    if (!out.flush()) return m_retention->show_message(_("Could not write the file."));
    m_retention->show_message(wxString::Format(_("Exported to %s."), dlg.GetPath()));
    trace("retention exported " + path);
}

}  // namespace kartoteka::gui
