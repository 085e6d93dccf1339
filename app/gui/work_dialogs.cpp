#include "work_dialogs.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include <algorithm>
#include <array>

#include "gui_util.h"
#include "record_dialogs.h"

namespace kartoteka::gui {
namespace {

constexpr std::array<model::OfferStatus, 4> outcomes{model::OfferStatus::in_progress, model::OfferStatus::accepted,
                                                     model::OfferStatus::declined, model::OfferStatus::postponed};
constexpr std::array<model::NextStepKind, 5> steps{model::NextStepKind::none, model::NextStepKind::office,
                                                   model::NextStepKind::appointment, model::NextStepKind::courier,
                                                   model::NextStepKind::callback};

template <typename T, std::size_t N>
int index_of(const std::array<T, N>& items, T value) {
    auto it = std::find(items.begin(), items.end(), value);
    return it == items.end() ? 0 : static_cast<int>(it - items.begin());
}

/// A drop-down of the offers or contacts to work, the draft's own one chosen (the first otherwise).
template <typename Choice>
wxChoice* choice_of(wxWindow* parent, const std::vector<Choice>& items, model::Id chosen_id) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    int chosen = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        choice->Append(wx(items[i].label));
        if (items[i].id == chosen_id) chosen = static_cast<int>(i);
    }
    choice->SetSelection(chosen);
    return choice;
}

/// The line under the chosen record that says whether it may be worked now: calm green or amber.
wxStaticText* eligibility_line(wxWindow* parent, wxFlexGridSizer* grid) {
    auto* line = new wxStaticText(parent, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1));
    grid->AddSpacer(0);
    grid->Add(line, 0, wxEXPAND);
    return line;
}

void set_eligibility(wxStaticText* line, bool eligible, const std::string& text) {
    line->SetLabel(wx(text));
    line->SetBackgroundColour(background_of(eligible ? Tone::good : Tone::warning));
    line->Wrap(420);
}

std::vector<wxString> translated(std::initializer_list<const char*> items) {
    std::vector<wxString> out;
    for (const char* s : items) out.push_back(wxGetTranslation(wx(s)));
    return out;
}

}  // namespace

RadioRow::RadioRow(wxWindow* parent, const std::vector<wxString>& labels, int selected) : wxPanel(parent) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto* b = new wxRadioButton(this, wxID_ANY, labels[i], wxDefaultPosition, wxDefaultSize, i == 0 ? wxRB_GROUP : 0);
        b->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { if (m_on_change) m_on_change(); });
        row->Add(b, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 14);
        m_buttons.push_back(b);
    }
    SetSizer(row);
    SetSelection(selected);
}

int RadioRow::GetSelection() const {
    for (std::size_t i = 0; i < m_buttons.size(); ++i)
        if (m_buttons[i]->GetValue()) return static_cast<int>(i);
    return 0;
}

void RadioRow::SetSelection(int index) {
    if (index >= 0 && static_cast<std::size_t>(index) < m_buttons.size()) m_buttons[static_cast<std::size_t>(index)]->SetValue(true);
}

void RadioRow::set_label(int index, const wxString& label) {
    if (index >= 0 && static_cast<std::size_t>(index) < m_buttons.size()) m_buttons[static_cast<std::size_t>(index)]->SetLabel(label);
}

void RadioRow::focus() { focused_button()->SetFocus(); }

wxWindow* RadioRow::focused_button() const { return m_buttons[static_cast<std::size_t>(GetSelection())]; }

WorkOfferDialog::WorkOfferDialog(wxWindow* parent, const wxString& customer_name, std::vector<OfferChoice> offers,
                                 const OfferWorkDraft& draft, const WorkPresenter& presenter, model::Timestamp now,
                                 const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Work an offer") + wx(" — ") + customer_name), m_offers(std::move(offers)),
      m_presenter(presenter), m_now(now) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    m_offer = choice_of(this, m_offers, draft.offer_id);
    add_row(this, grid, _("Offer"), m_offer);
    m_eligibility = eligibility_line(this, grid);
    std::vector<wxString> outcome_labels;
    for (auto o : outcomes) outcome_labels.push_back(wxGetTranslation(wx(model::to_string(o))));
    m_outcome = new RadioRow(this, outcome_labels, index_of(outcomes, draft.work.outcome));
    m_said = new wxTextCtrl(this, wxID_ANY, wx(draft.work.said), wxDefaultPosition, wxSize(420, 80), wxTE_MULTILINE);
    // The next step in words an agent would say on the phone.
    m_step = new RadioRow(this, translated({"none", "visit to an office", "appointment", "courier", "call back"}), 0);
    const bool fresh = error.empty() && draft.work.next_step.kind == model::NextStepKind::none && draft.when_text.empty();
    const OfferChoice& first = m_offers[static_cast<std::size_t>(m_offer->GetSelection())];
    // A fresh dialog starts from the step agreed last time, so a follow-up call only changes what moved.
    const model::NextStep& step = fresh ? first.next_step : draft.work.next_step;
    m_step->SetSelection(index_of(steps, step.kind));
    m_when = new wxTextCtrl(this, wxID_ANY, fresh ? wx(presenter.format_when(step.at)) : wx(draft.when_text));
    m_when->SetHint(_("e.g. tomorrow 14:00 or 26.11.2026 10:30"));
    m_address = new wxTextCtrl(this, wxID_ANY, wx(step.address));
    m_address->SetHint(_("street, house, office: exactly where"));
    m_override = new wxTextCtrl(this, wxID_ANY, wx(draft.work.override_reason));
    m_override->SetHint(_("only when the rules hold this offer back: why go on now"));
    add_row(this, grid, _("Outcome"), m_outcome);
    add_row(this, grid, _("What the customer said"), m_said);
    add_row(this, grid, _("Next step"), m_step);
    add_row(this, grid, _("Date and time"), m_when);
    add_row(this, grid, _("Address"), m_address);
    add_row(this, grid, _("Why go on anyway"), m_override);
    auto* rule = new wxStaticText(this, wxID_ANY,
                                  wxString::Format(wxPLURAL("Close interest with a concrete next step: an office at an exact address "
                                                            "within %d day, an appointment or a courier. \"Come to any office\" "
                                                            "fails 80%% of the time.",
                                                            "Close interest with a concrete next step: an office at an exact address "
                                                            "within %d days, an appointment or a courier. \"Come to any office\" "
                                                            "fails 80%% of the time.",
                                                            static_cast<unsigned>(presenter.office_within_days())),
                                                   presenter.office_within_days()));
    rule->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
    rule->Wrap(540);
    top->Add(rule, 0, wxLEFT | wxRIGHT, 12);
    m_offer->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_offer(); });
    m_step->on_change([this] { enable_fields(); });
    show_offer();
    enable_fields();
    end_layout(this, top);
    if (m_offers.size() > 1) focus_when_shown(this, m_offer);
    else focus_when_shown(this, m_outcome->focused_button());
}

void WorkOfferDialog::show_offer() {
    const auto& o = m_offers[static_cast<std::size_t>(std::max(0, m_offer->GetSelection()))];
    set_eligibility(m_eligibility, o.eligible, o.eligibility.empty() ? utf8(_("May offer now")) : o.eligibility);
    m_override->Enable(!o.eligible);
    Layout();
}

void WorkOfferDialog::enable_fields() {
    const auto kind = steps[static_cast<std::size_t>(std::max(0, m_step->GetSelection()))];
    m_when->Enable(kind != model::NextStepKind::none);
    m_address->Enable(kind == model::NextStepKind::office || kind == model::NextStepKind::courier ||
                      kind == model::NextStepKind::appointment);
}

OfferWorkDraft WorkOfferDialog::draft() const {
    OfferWorkDraft d;
    const auto& o = m_offers[static_cast<std::size_t>(std::max(0, m_offer->GetSelection()))];
    d.offer_id = o.id;
    d.version = o.version;
    d.work.outcome = outcomes[static_cast<std::size_t>(std::max(0, m_outcome->GetSelection()))];
    d.work.said = utf8(m_said->GetValue().Strip(wxString::both));
    d.work.next_step.kind = steps[static_cast<std::size_t>(std::max(0, m_step->GetSelection()))];
    d.when_text = utf8(m_when->GetValue());
    if (m_when->IsEnabled()) d.work.next_step.at = m_presenter.parse_when(d.when_text, m_now).value_or(0);
    if (m_address->IsEnabled()) d.work.next_step.address = utf8(m_address->GetValue().Strip(wxString::both));
    if (m_override->IsEnabled()) d.work.override_reason = utf8(m_override->GetValue().Strip(wxString::both));
    return d;
}

bool WorkOfferDialog::Validate() {
    // Ctrl+Enter on a dialog just opened recorded an empty "in progress" outcome: nothing was said,
    // nothing agreed. That is not a record; say what is missing instead.
    const auto d = draft();
    if (d.work.outcome == model::OfferStatus::in_progress && d.work.said.empty() &&
        d.work.next_step.kind == model::NextStepKind::none) {
        wxMessageBox(_("Nothing to save yet: choose the outcome, write what the customer said or agree a next step."),
                     _("Work an offer"), wxOK | wxICON_INFORMATION, this);
        m_outcome->focus();
        return false;
    }
    // A sale the rules hold back now (quiet hours, an open complaint, ...) is not saved by a reflex:
    // the agent says why they go on, or declines or postpones it.
    const auto& chosen = m_offers[static_cast<std::size_t>(std::max(0, m_offer->GetSelection()))];
    const bool selling = d.work.outcome == model::OfferStatus::accepted || d.work.outcome == model::OfferStatus::in_progress;
    if (!chosen.eligible && selling && d.work.override_reason.empty()) {
        wxMessageBox(_("The rules hold this offer back now. Write why you go on anyway, or choose declined or postponed."),
                     _("Work an offer"), wxOK | wxICON_INFORMATION, this);
        m_override->SetFocus();
        return false;
    }
    // Only reading the date is the dialog's business; whether the step is concrete enough is the core's.
    if (m_when->IsEnabled() && !m_presenter.parse_when(utf8(m_when->GetValue()), m_now)) {
        wxMessageBox(_("Write the date and time like 26.11.2026 14:00, 2026-11-26 14:00 or tomorrow 14:00."),
                     _("Work an offer"), wxOK | wxICON_INFORMATION, this);
        m_when->SetFocus();
        return false;
    }
    return true;
}

PlannedContactDialog::PlannedContactDialog(wxWindow* parent, const wxString& customer_name,
                                           std::vector<ContactChoice> contacts, const ContactLogDraft& draft,
                                           const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Log a planned contact") + wx(" — ") + customer_name), m_contacts(std::move(contacts)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    m_contact = choice_of(this, m_contacts, draft.contact_id);
    add_row(this, grid, _("Planned contact"), m_contact);
    m_eligibility = eligibility_line(this, grid);
    m_reached = new RadioRow(this, {_("reached"), _("not reached or declined (closed as skipped)")}, draft.log.skipped ? 1 : 0);
    m_rating = new RadioRow(this, {_("not asked"), "1", "2", "3", "4", "5"}, std::clamp(draft.log.answers.satisfaction, 0, 5));
    m_outcome = new wxTextCtrl(this, wxID_ANY, wx(draft.log.outcome));
    m_outcome->SetHint(_("in a few words, for the list"));
    m_words = new wxTextCtrl(this, wxID_ANY, wx(draft.log.answers.free_text), wxDefaultPosition, wxSize(420, 70), wxTE_MULTILINE);
    m_problems = new wxTextCtrl(this, wxID_ANY, wx(draft.log.answers.problems), wxDefaultPosition, wxSize(420, 60), wxTE_MULTILINE);
    add_row(this, grid, _("Result"), m_reached);
    add_row(this, grid, _("Satisfaction"), m_rating);
    auto* scale = new wxStaticText(this, wxID_ANY, _("1 = very unhappy ... 5 = very happy"));
    scale->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
    grid->AddSpacer(0);
    grid->Add(scale);
    add_row(this, grid, _("Outcome"), m_outcome);
    add_row(this, grid, _("In their words"), m_words);
    add_row(this, grid, _("Problems raised"), m_problems);
    auto* hint = new wxStaticText(this, wxID_ANY, _("A problem raised opens a complaint ticket with you as its owner."));
    hint->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
    top->Add(hint, 0, wxLEFT | wxRIGHT, 12);
    m_contact->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_contact(); });
    m_reached->on_change([this] { enable_fields(); });
    show_contact();
    enable_fields();
    end_layout(this, top);
    if (m_contacts.size() > 1) focus_when_shown(this, m_contact);
    else if (m_contacts.front().questionnaire) focus_when_shown(this, m_rating->focused_button());
    else focus_when_shown(this, m_outcome);
}

void PlannedContactDialog::show_contact() {
    const auto& c = m_contacts[static_cast<std::size_t>(std::max(0, m_contact->GetSelection()))];
    set_eligibility(m_eligibility, c.eligible, c.eligibility.empty() ? utf8(_("Contact them now")) : c.eligibility);
    // A letter or e-mail is sent, not talked through: no "reached", no rating, nobody's words in it.
    m_reached->set_label(0, c.written ? _("sent") : _("reached"));
    m_reached->set_label(1, c.written ? _("not sent (closed as skipped)") : _("not reached or declined (closed as skipped)"));
    enable_fields();
    Layout();
}

void PlannedContactDialog::enable_fields() {
    const auto& c = m_contacts[static_cast<std::size_t>(std::max(0, m_contact->GetSelection()))];
    const bool talked = m_reached->GetSelection() == 0 && !c.written;
    m_rating->Enable(talked);
    m_words->Enable(talked);
    m_problems->Enable(talked);
}

ContactLogDraft PlannedContactDialog::draft() const {
    ContactLogDraft d;
    d.contact_id = m_contacts[static_cast<std::size_t>(std::max(0, m_contact->GetSelection()))].id;
    d.log.skipped = m_reached->GetSelection() == 1;
    d.log.outcome = utf8(m_outcome->GetValue().Strip(wxString::both));
    // Not reached, or a letter: the questionnaire was not asked, whatever the fields still hold.
    if (!d.log.skipped && !m_contacts[static_cast<std::size_t>(std::max(0, m_contact->GetSelection()))].written) {
        d.log.answers.satisfaction = std::max(0, m_rating->GetSelection());
        d.log.answers.free_text = utf8(m_words->GetValue().Strip(wxString::both));
        d.log.answers.problems = utf8(m_problems->GetValue().Strip(wxString::both));
    }
    return d;
}

}  // namespace kartoteka::gui
