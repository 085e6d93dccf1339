#pragma once
/// Keyboard-only dialogs for the work an agent does from the card and the day's list: work an offer
/// (F6: outcome, the customer's words, the concrete next step) and log a planned contact (F7: the
/// how-are-you questionnaire, or not reached). Tab moves between fields, Ctrl+Enter saves, Escape
/// cancels. The rules are the core's: a draft it refuses comes back here with its message, whole.
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <vector>

#include "presenters/work_presenter.h"

namespace kartoteka::gui {

/// A few options side by side as radio buttons: all visible at once, arrow keys pick one, Tab leaves.
/// (A GTK drop-down opens a menu on the arrow keys, which costs a keystroke and hides the choice.)
class RadioRow : public wxPanel {
public:
    RadioRow(wxWindow* parent, const std::vector<wxString>& labels, int selected);
    int GetSelection() const;
    void SetSelection(int index);
    /// Names option `index` anew (a letter is "sent" where a call is "reached").
    void set_label(int index, const wxString& label);
    void on_change(std::function<void()> f) { m_on_change = std::move(f); }
    /// Focus goes to the chosen button.
    void focus();
    /// The selected option's button (the one keyboard focus belongs on).
    wxWindow* focused_button() const;

private:
    std::vector<wxRadioButton*> m_buttons;
    std::function<void()> m_on_change;
};

class WorkOfferDialog : public wxDialog {
public:
    /// offers: the card's open offers (at least one); draft.offer_id picks the one shown first.
    WorkOfferDialog(wxWindow* parent, const wxString& customer_name, std::vector<OfferChoice> offers,
                    const OfferWorkDraft& draft, const WorkPresenter& presenter, model::Timestamp now,
                    const wxString& error = {});
    /// What the agent entered; next_step.at is read from the date they typed.
    OfferWorkDraft draft() const;

private:
    bool Validate() override;
    void show_offer();
    void enable_fields();

    std::vector<OfferChoice> m_offers;
    const WorkPresenter& m_presenter;
    model::Timestamp m_now;
    wxChoice* m_offer;
    wxStaticText* m_eligibility;
    RadioRow* m_outcome;
    wxTextCtrl* m_said;
    RadioRow* m_step;
    wxTextCtrl* m_when;
    wxTextCtrl* m_address;
    wxTextCtrl* m_override;  ///< why the agent goes on with an offer the rules hold back now
};

class PlannedContactDialog : public wxDialog {
public:
    /// contacts: the planned contacts to choose from (at least one); draft.contact_id picks the first shown.
    PlannedContactDialog(wxWindow* parent, const wxString& customer_name, std::vector<ContactChoice> contacts,
                         const ContactLogDraft& draft, const wxString& error = {});
    ContactLogDraft draft() const;

private:
    void show_contact();
    void enable_fields();

    std::vector<ContactChoice> m_contacts;
    wxChoice* m_contact;
    wxStaticText* m_eligibility;
    RadioRow* m_reached;
    RadioRow* m_rating;
    wxTextCtrl* m_outcome;
    wxTextCtrl* m_words;
    wxTextCtrl* m_problems;
};

}  // namespace kartoteka::gui
