#include "retention_panel.h"

#include <wx/dcbuffer.h>
#include <wx/dcclient.h>
#include <wx/sizer.h>

#include <algorithm>

#include "gui_util.h"

namespace kartoteka::gui {
namespace {

const wxColour lost_colour(0x5A, 0x7A, 0x99), churn_colour(0xD0, 0x45, 0x3B), reason_colour(0x8A, 0x6D, 0xB0),
    sleeping_colour(0x4F, 0x9A, 0x6B);

}  // namespace

RetentionPlotPanel::RetentionPlotPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, 270)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &RetentionPlotPanel::on_paint, this);
}

void RetentionPlotPanel::set_plots(RetentionPlots plots) {
    m_plots = std::move(plots);
    Refresh();
}

void RetentionPlotPanel::bars(wxDC& dc, const wxRect& area, const wxString& title, const std::vector<Bar>& data,
                              const wxColour& colour) {
    dc.SetTextForeground(wxColour(0x30, 0x30, 0x30));
    dc.DrawText(title, area.x, area.y);
    const int top = area.y + 34, bottom = area.GetBottom() - 22;
    dc.SetPen(wxPen(wxColour(0xC0, 0xC0, 0xC0)));
    dc.DrawLine(area.x, bottom, area.GetRight(), bottom);
    if (data.empty()) return;
    double peak = 0;
    for (const auto& b : data) peak = std::max(peak, b.value);
    if (peak <= 0) peak = 1;
    const int slot = std::max(1, area.width / static_cast<int>(data.size())), bar = std::max(3, slot * 3 / 5);
    const int every = std::max(1, static_cast<int>(data.size()) * 60 / std::max(1, area.width));  // labels ~60 px apart
    for (std::size_t i = 0; i < data.size(); ++i) {
        const int x = area.x + static_cast<int>(i) * slot + (slot - bar) / 2;
        const int h = static_cast<int>((bottom - top) * data[i].value / peak);
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(colour));
        dc.DrawRectangle(x, bottom - h, bar, h);
        if (data[i].value > 0) dc.DrawText(wx(data[i].text), x, bottom - h - 14);
        if (static_cast<int>(i) % every == 0) dc.DrawText(wx(data[i].label), x - 2, bottom + 4);
    }
}

void RetentionPlotPanel::churn_line(wxDC& dc, const wxRect& area, const std::vector<Bar>& data) {
    if (data.empty()) return;
    const int top = area.y + 34, bottom = area.GetBottom() - 22;
    double peak = 0;
    for (const auto& b : data) peak = std::max(peak, b.value);
    if (peak <= 0) return;
    const int slot = std::max(1, area.width / static_cast<int>(data.size()));
    dc.SetPen(wxPen(churn_colour, 2));
    dc.SetBrush(wxBrush(churn_colour));
    wxPoint prev;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const wxPoint p(area.x + static_cast<int>(i) * slot + slot / 2,
                        top + 14 + static_cast<int>((bottom - top - 14) * (1.0 - data[i].value / peak)));
        if (i > 0) dc.DrawLine(prev, p);
        dc.DrawCircle(p, 3);
        if (data[i].value > 0) {
            dc.SetTextForeground(churn_colour);
            const wxSize extent = dc.GetTextExtent(wx(data[i].text));
            // Right of the period's bar (as wide as in bars()): the bar's own count is written above it.
            dc.DrawText(wx(data[i].text), p.x + std::max(3, slot * 3 / 5) / 2 + 4, p.y - extent.y / 2);
        }
        prev = p;
    }
}

void RetentionPlotPanel::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    const wxSize size = GetClientSize();
    wxFont small = dc.GetFont();
    small.SetPointSize(std::max(6, small.GetPointSize() - 1));
    dc.SetFont(small);
    const int gap = 24, w_periods = size.x / 2 - gap, w_other = (size.x - w_periods) / 2 - gap;
    const wxRect periods(10, 6, w_periods, size.y - 12), reasons(w_periods + gap + 10, 6, w_other, size.y - 12),
        sleeping(w_periods + w_other + 2 * gap + 10, 6, w_other, size.y - 12);
    const wxString cur = wx(m_plots.currency);
    bars(dc, periods, _("Customers lost and count churn per period") + " (" + cur + ")", m_plots.lost, lost_colour);
    churn_line(dc, periods, m_plots.churn);
    // The legend under the title: which mark is which.
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(lost_colour));
    dc.DrawRectangle(periods.x, periods.y + 18, 10, 10);
    dc.SetTextForeground(wxColour(0x30, 0x30, 0x30));
    dc.DrawText(_("customers lost"), periods.x + 14, periods.y + 15);
    dc.SetBrush(wxBrush(churn_colour));
    dc.DrawRectangle(periods.x + 150, periods.y + 18, 10, 10);
    dc.DrawText(_("count churn %"), periods.x + 164, periods.y + 15);
    bars(dc, reasons, _("Losses by reason") + " (" + cur + ")", m_plots.reasons, reason_colour);
    bars(dc, sleeping, _("Sleeping customers now") + " (" + cur + ")", m_plots.sleeping, sleeping_colour);
}

RetentionPanel::RetentionPanel(wxWindow* parent, std::function<void(const RetentionQuery&)> on_show,
                               std::function<void()> on_export)
    : wxPanel(parent) {
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    auto label = [&](const wxString& text) { bar->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4); };
    label(_("Period from"));
    m_from = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1), wxTE_PROCESS_ENTER);
    bar->Add(m_from, 0, wxRIGHT, 10);
    label(_("to (not included)"));
    m_to = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1), wxTE_PROCESS_ENTER);
    bar->Add(m_to, 0, wxRIGHT, 10);
    label(_("cut into"));
    m_by = new wxChoice(this, wxID_ANY);
    m_by->Append(_("months"));
    m_by->Append(_("weeks"));
    m_by->SetSelection(0);
    bar->Add(m_by, 0, wxRIGHT, 10);
    auto* show = new wxButton(this, wxID_ANY, _("Show report"));
    bar->Add(show, 0, wxRIGHT, 10);
    auto* csv = new wxButton(this, wxID_ANY, _("Export CSV"));
    bar->Add(csv, 0, wxRIGHT, 20);
    label(_("Plots for"));
    m_currency = new wxChoice(this, wxID_ANY);
    bar->Add(m_currency, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(bar, 0, wxALL, 10);
    m_caption = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(m_caption, 0, wxLEFT | wxRIGHT, 10);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 10);
    m_plot = new RetentionPlotPanel(this);
    sizer->Add(m_plot, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);
    auto ask = [this, on_show](wxCommandEvent&) { on_show(query()); };
    show->Bind(wxEVT_BUTTON, ask);
    m_from->Bind(wxEVT_TEXT_ENTER, ask);
    m_to->Bind(wxEVT_TEXT_ENTER, ask);
    m_by->Bind(wxEVT_CHOICE, ask);
    csv->Bind(wxEVT_BUTTON, [on_export](wxCommandEvent&) { on_export(); });
    m_currency->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_plots_of(m_currency->GetSelection()); });
}

void RetentionPanel::set_range(const std::string& from, const std::string& to) {
    m_from->ChangeValue(wx(from));
    m_to->ChangeValue(wx(to));
}

RetentionQuery RetentionPanel::query() const {
    return {utf8(m_from->GetValue().Trim().Trim(false)), utf8(m_to->GetValue().Trim().Trim(false)),
            m_by->GetSelection() == 1 ? retention::Granularity::week : retention::Granularity::month};
}

void RetentionPanel::show_message(const wxString& text) { m_caption->SetLabel(text); }

void RetentionPanel::show_plots_of(int currency) {
    if (currency < 0 || static_cast<std::size_t>(currency) >= m_plots.size()) return;
    m_plot->set_plots(m_plots[static_cast<std::size_t>(currency)]);
}

void RetentionPanel::show(const RetentionView& v) {
    m_caption->SetLabel(wx(v.table.caption));
    m_list->Freeze();
    m_list->ClearAll();
    for (std::size_t c = 0; c < v.table.columns.size(); ++c)
        m_list->AppendColumn(wx(v.table.columns[c]), c < 2 ? wxLIST_FORMAT_LEFT : wxLIST_FORMAT_RIGHT);
    wxFont bold = m_list->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    for (const auto& r : v.table.rows) {
        const long item = m_list->InsertItem(m_list->GetItemCount(), wx(r.cells[0]));
        for (std::size_t c = 1; c < r.cells.size(); ++c) m_list->SetItem(item, static_cast<long>(c), wx(r.cells[c]));
        if (r.tone != Tone::normal) m_list->SetItemBackgroundColour(item, background_of(r.tone));
        if (r.id == 1) m_list->SetItemFont(item, bold);
    }
    // As wide as the wider of the heading (in the header's normal font) and the widest figure (in bold,
    // as the totals are): GTK's own autosize leaves the headings too much room and the bold totals too
    // little, and the Russian headings then push the last column off a 1400-pixel screen.
    wxClientDC dc(m_list);
    for (std::size_t c = 0; c < v.table.columns.size(); ++c) {
        dc.SetFont(m_list->GetFont());
        int width = dc.GetTextExtent(wx(v.table.columns[c])).x;
        dc.SetFont(bold);
        for (const auto& r : v.table.rows)
            if (c < r.cells.size()) width = std::max(width, dc.GetTextExtent(wx(r.cells[c])).x);
        m_list->SetColumnWidth(static_cast<int>(c), width + 14);
    }
    m_list->Thaw();
    const int was = m_currency->GetSelection();
    m_plots = v.plots;
    m_currency->Clear();
    for (const auto& p : m_plots) m_currency->Append(wx(p.currency));
    const int pick = was >= 0 && was < static_cast<int>(m_plots.size()) ? was : 0;
    if (!m_plots.empty()) m_currency->SetSelection(pick);
    show_plots_of(pick);
}

}  // namespace kartoteka::gui
