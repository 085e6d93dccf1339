#pragma once
/// The supervisor's retention page (issue 19): the range and its cut (weeks or months), a table with a
/// block of rows per currency, plots drawn with wx's own DC (losses and count churn per period, losses
/// by reason, sleeping customers now) and "Export CSV". It only shows a RetentionView; the frame
/// computes the report off the UI thread and writes the file.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>

#include "presenters/retention_presenter.h"

namespace kartoteka::gui {

/// The three plots of one currency side by side.
class RetentionPlotPanel : public wxPanel {
public:
    explicit RetentionPlotPanel(wxWindow* parent);
    void set_plots(RetentionPlots plots);

private:
    void on_paint(wxPaintEvent&);
    /// Vertical bars in [x, x + w) with their texts above and every n-th label below.
    void bars(wxDC& dc, const wxRect& area, const wxString& title, const std::vector<Bar>& data, const wxColour& colour);
    /// Count churn % as a line over the same periods, on its own scale (written at each point).
    void churn_line(wxDC& dc, const wxRect& area, const std::vector<Bar>& data);
    RetentionPlots m_plots;
};

struct RetentionQuery {
    std::string from, to;  ///< dates as typed: 2026-01-01
    retention::Granularity by = retention::Granularity::month;
};

class RetentionPanel : public wxPanel {
public:
    RetentionPanel(wxWindow* parent, std::function<void(const RetentionQuery&)> on_show, std::function<void()> on_export);
    void show(const RetentionView& view);
    void show_message(const wxString& text);
    void set_range(const std::string& from, const std::string& to);
    RetentionQuery query() const;

private:
    void show_plots_of(int currency);

    wxTextCtrl* m_from;
    wxTextCtrl* m_to;
    wxChoice* m_by;
    wxChoice* m_currency;
    wxStaticText* m_caption;
    wxListCtrl* m_list;
    RetentionPlotPanel* m_plot;
    std::vector<RetentionPlots> m_plots;
};

}  // namespace kartoteka::gui
