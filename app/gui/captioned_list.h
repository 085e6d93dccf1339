#pragma once
/// A bold caption over a report list, the shape of the work pages ("Today's contacts", "My work"): one
/// place that builds it and fills it from a presenter's Table, so the pages differ only in what they add.
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <vector>

#include "presenters/card_presenter.h"

namespace kartoteka::gui {

struct CaptionedList {
    wxStaticText* caption = nullptr;
    wxListCtrl* list = nullptr;
};

/// Adds the caption, then `between` (a filter bar; may be null), then the list filling the rest.
CaptionedList add_captioned_list(wxWindow* parent, wxBoxSizer* sizer, wxSizer* between = nullptr);

/// Refills the list from the table: columns (width per column from `width`), cells, tones; selects and
/// shows row `chosen` (clamped; none when the table is empty).
void fill_list(const CaptionedList& view, const Table& table, const std::function<int(std::size_t)>& width, long chosen);

/// Refills a filter's choice: `any` first, then the items; the item equal to `current` stays chosen
/// (else `any`). Returns the selection.
int refill_choice(wxChoice* choice, const wxString& any, const std::vector<std::string>& items, const std::string& current);

/// The selected row; -1 when none.
long selected_row(const wxListCtrl* list);

}  // namespace kartoteka::gui
