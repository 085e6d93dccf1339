#include "record_dialogs.h"

#include <wx/accel.h>
#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "callback_dialog.h"
#include "gui_util.h"

namespace kartoteka::gui {
namespace {

constexpr std::array<model::Channel, 8> channels{model::Channel::phone, model::Channel::email, model::Channel::sms,
                                                 model::Channel::chat, model::Channel::messenger, model::Channel::letter,
                                                 model::Channel::meeting, model::Channel::web};

}  // namespace

/// Label + control in a two-column grid.
void add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* control) {
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    grid->Add(control, 1, wxEXPAND);
}

/// Common frame of both dialogs: an error line (when re-opened after a failed save), the grid, buttons,
/// and Ctrl+Enter as "save" because Enter belongs to the multi-line text.
void add_whose(wxDialog* dlg, wxBoxSizer* top) {
    // Whose record this is, in the body and in bold: a window manager may not show the title, and a
    // pop that arrives meanwhile changes the card behind the dialog.
    auto* whose = new wxStaticText(dlg, wxID_ANY, dlg->GetTitle());
    whose->SetName("whose");
    whose->SetFont(whose->GetFont().Bold().Larger());
    top->Add(whose, 0, wxLEFT | wxRIGHT | wxTOP, 12);
}

wxFlexGridSizer* begin_layout(wxDialog* dlg, wxBoxSizer* top, const wxString& error) {
    add_whose(dlg, top);
    if (!error.empty()) {
        auto* e = new wxStaticText(dlg, wxID_ANY, error);
        e->SetForegroundColour(wxColour(0xA0, 0x10, 0x10));
        e->Wrap(540);
        top->Add(e, 0, wxALL, 10);
    }
    auto* grid = new wxFlexGridSizer(2, wxSize(10, 8));
    grid->AddGrowableCol(1, 1);
    top->Add(grid, 1, wxEXPAND | wxALL, 12);
    return grid;
}

namespace {

/// What the agent typed into the dialog's text fields, to tell whether closing it would lose words.
std::vector<wxString> typed_text(wxWindow* dlg) {
    std::vector<wxString> out;
    for (auto* child : dlg->GetChildren())
        if (auto* text = dynamic_cast<wxTextCtrl*>(child)) out.push_back(text->GetValue());
    return out;
}

}  // namespace

void focus_when_shown(wxDialog* dlg, wxWindow* first) {
    first->SetFocus();
    dlg->Bind(wxEVT_SHOW, [dlg, first](wxShowEvent& e) {
        e.Skip();
        if (e.IsShown()) dlg->CallAfter([first] { first->SetFocus(); });
    });
}

void end_layout(wxDialog* dlg, wxBoxSizer* top) {
    top->Add(dlg->CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    // Escape, Cancel or closing the window throws typed words away only when the agent says so.
    auto initial = std::make_shared<std::vector<wxString>>(typed_text(dlg));
    auto may_close = [dlg, initial] {
        if (typed_text(dlg) == *initial) return true;
        // Buttons that say what they do, in the agent's language (wx's stock Yes/No are not translated).
        wxMessageDialog ask(dlg, _("Throw away what you typed?"), dlg->GetTitle(), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("Throw away"), _("Keep typing"));
        return ask.ShowModal() == wxID_YES;
    };
    dlg->Bind(wxEVT_BUTTON, [dlg, may_close](wxCommandEvent&) {
        if (may_close()) dlg->EndModal(wxID_CANCEL);
    }, wxID_CANCEL);
    dlg->Bind(wxEVT_CLOSE_WINDOW, [dlg, may_close](wxCloseEvent& e) {
        if (e.CanVeto() && !may_close()) return e.Veto();
        dlg->EndModal(wxID_CANCEL);
    });
    if (auto* cancel = dlg->FindWindow(wxID_CANCEL)) cancel->SetLabel(_("Cancel"));
    if (auto* ok = dlg->FindWindow(wxID_OK)) ok->SetLabel(_("Save (Ctrl+Enter)"));
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, WXK_RETURN, wxID_OK}};
    dlg->SetAcceleratorTable(wxAcceleratorTable(1, keys));
    dlg->SetSizerAndFit(top);
    dlg->SetMinSize(wxSize(560, -1));
    dlg->Fit();
    dlg->CentreOnParent();
}

LogContactDialog::LogContactDialog(wxWindow* parent, const wxString& customer_name, const actions::ContactDraft& draft,
                                   const WrapUpChoices& choices, const wxString& error)
    : wxDialog(parent, wxID_ANY, _("Log a contact") + wx(" — ") + customer_name), m_draft(draft), m_choices(choices) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    m_channel = new wxChoice(this, wxID_ANY);
    for (auto c : channels) m_channel->Append(wxGetTranslation(wx(model::to_string(c))));
    m_channel->SetSelection(static_cast<int>(std::find(channels.begin(), channels.end(), draft.channel) - channels.begin()));
    m_direction = new wxChoice(this, wxID_ANY);
    m_direction->Append(wxGetTranslation("inbound"));
    m_direction->Append(wxGetTranslation("outbound"));
    m_direction->SetSelection(draft.direction == model::Direction::inbound ? 0 : 1);
    m_summary = new wxTextCtrl(this, wxID_ANY, wx(draft.summary), wxDefaultPosition, wxSize(420, 120), wxTE_MULTILINE);
    add_row(this, grid, _("Channel"), m_channel);
    add_row(this, grid, _("Direction"), m_direction);
    add_row(this, grid, _("What was said"), m_summary);
    grid->AddGrowableRow(2, 1);
    add_wrap_up(grid, choices);
    end_layout(this, top);
    focus_when_shown(this, m_summary);
}

LogContactDialog::~LogContactDialog() = default;

/// The wrap-up rows: the result code (when the centre has codes) and an optional "call back at".
void LogContactDialog::add_wrap_up(wxFlexGridSizer* grid, const WrapUpChoices& choices) {
    const auto& codes = choices.wrap_up.dispositions;
    if (!codes.empty()) {
        m_disposition = new wxChoice(this, wxID_ANY);
        m_disposition->Append(_("(choose the result)"));
        const std::string lang = ui_language();
        int selected = 0;
        for (std::size_t k = 0; k < codes.size(); ++k) {
            m_disposition->Append(wx(codes[k].label_in(lang)));
            if (codes[k].code == choices.entered.disposition) selected = static_cast<int>(k) + 1;
        }
        m_disposition->SetSelection(selected);
        add_row(this, grid, _("Result"), m_disposition);
    }
    m_call_back = new wxCheckBox(this, wxID_ANY, _("Call back at"));
    m_call_back->SetValue(choices.entered.callback_at != 0);
    m_call_back_at = std::make_unique<CallbackTimeInput>(this, choices.zone, choices.now, choices.entered.callback_at);
    m_call_back_at->enable(m_call_back->GetValue());
    grid->Add(m_call_back, 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    grid->Add(m_call_back_at->sizer(), 1, wxEXPAND);
    m_call_back->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { m_call_back_at->enable(m_call_back->GetValue()); });
    if (m_disposition)
        m_disposition->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            // A code that means "we call them back" asks for the time at once.
            const int k = m_disposition->GetSelection() - 1;
            if (k >= 0 && m_choices.wrap_up.dispositions[static_cast<std::size_t>(k)].needs_callback) {
                m_call_back->SetValue(true);
                m_call_back_at->enable(true);
            }
        });
}

actions::ContactDraft LogContactDialog::draft() const {
    actions::ContactDraft d = m_draft;
    d.channel = channels[static_cast<std::size_t>(std::max(0, m_channel->GetSelection()))];
    d.direction = m_direction->GetSelection() == 1 ? model::Direction::outbound : model::Direction::inbound;
    d.summary = utf8(m_summary->GetValue());
    return d;
}

desk::WrapUp LogContactDialog::wrap_up() const {
    desk::WrapUp w;
    const int k = m_disposition ? m_disposition->GetSelection() - 1 : -1;
    if (k >= 0) w.disposition = m_choices.wrap_up.dispositions[static_cast<std::size_t>(k)].code;
    w.callback_at = m_call_back->GetValue() ? m_call_back_at->value() : 0;
    return w;
}

bool LogContactDialog::Validate() {
    if (m_summary->GetValue().Strip(wxString::both).empty()) {
        wxMessageBox(_("Write a short summary of what was said."), _("Log a contact"), wxOK | wxICON_INFORMATION, this);
        m_summary->SetFocus();
        return false;
    }
    if (m_disposition && m_choices.wrap_up.required && m_disposition->GetSelection() <= 0) {
        wxMessageBox(_("Choose the result of the contact."), _("Log a contact"), wxOK | wxICON_INFORMATION, this);
        m_disposition->SetFocus();
        return false;
    }
    return true;
}

ComplaintDialog::ComplaintDialog(wxWindow* parent, const wxString& customer_name,
                                 const std::vector<std::string>& problem_types, const actions::ComplaintDraft& draft,
                                 const wxString& error, AskPreview ask)
    : wxDialog(parent, wxID_ANY, _("Open a complaint") + wx(" — ") + customer_name), m_ask(std::move(ask)), m_draft(draft),
      m_types(problem_types) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, error);
    m_type = new wxChoice(this, wxID_ANY);
    for (const auto& t : m_types) m_type->Append(wxGetTranslation(wx(t)));
    auto it = std::find(m_types.begin(), m_types.end(), draft.problem_type);
    m_type->SetSelection(it == m_types.end() ? 0 : static_cast<int>(it - m_types.begin()));
    m_severity = new wxChoice(this, wxID_ANY);
    // Severity as the customer sees it (DOMAIN.md): the words matter more than the number.
    for (const char* s : {"1 — a trifle", "2 — a small problem", "3 — a problem", "4 — a catastrophe", "5 — the end of the world"})
        m_severity->Append(wxGetTranslation(wx(s)));
    m_severity->SetSelection(std::clamp(draft.severity, 1, 5) - 1);
    m_cause = new wxChoice(this, wxID_ANY);
    for (const char* s : {"not known yet", "people (harder to forgive)", "technical"}) m_cause->Append(wxGetTranslation(wx(s)));
    m_cause->SetSelection(static_cast<int>(draft.cause));
    m_subject = new wxTextCtrl(this, wxID_ANY, wx(draft.subject));
    m_description = new wxTextCtrl(this, wxID_ANY, wx(draft.description), wxDefaultPosition, wxSize(420, 110), wxTE_MULTILINE);
    add_row(this, grid, _("Problem"), m_type);
    add_row(this, grid, _("Severity"), m_severity);
    add_row(this, grid, _("Caused by"), m_cause);
    add_row(this, grid, _("Subject"), m_subject);
    add_row(this, grid, _("Details"), m_description);
    grid->AddGrowableRow(4, 1);
    // The look ahead: the norms for the type and severity chosen, and a repeat of an open complaint.
    m_sla = new wxStaticText(this, wxID_ANY, "");
    m_sla->SetName("complaint_sla");
    top->Add(m_sla, 0, wxLEFT | wxRIGHT, 12);
    m_repeat = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "complaint_repeat");
    m_repeat->SetBackgroundColour(background_of(Tone::warning));
    m_repeat_text = new wxStaticText(m_repeat, wxID_ANY, "");
    m_repeat_text->SetFont(m_repeat_text->GetFont().Bold());
    auto* go = new wxButton(m_repeat, wxID_ANY, _("Show that complaint instead"));
    go->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_to_existing(); });
    auto* row = new wxBoxSizer(wxVERTICAL);
    row->Add(m_repeat_text, 0, wxALL, 6);
    row->Add(go, 0, wxLEFT | wxRIGHT | wxBOTTOM, 6);
    m_repeat->SetSizer(row);
    m_repeat->Hide();
    top->Add(m_repeat, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    m_type->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ask_preview(); });
    m_severity->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ask_preview(); });
    end_layout(this, top);
    focus_when_shown(this, m_subject);
    ask_preview();
}

void ComplaintDialog::ask_preview() {
    if (!m_ask) return;
    const auto d = draft();
    m_sla->SetLabel(_("Looking up the response norms…"));
    m_ask(d.problem_type, d.severity);
}

void ComplaintDialog::show_preview(const std::string& problem_type, int severity, const ComplaintPreviewView& view) {
    const auto d = draft();
    if (d.problem_type != problem_type || d.severity != severity) return;  // the agent has chosen again since
    // Wrapped to the room the dialog has: GTK wraps a longer line again and the last line is cut off.
    const int width = std::max(300, GetClientSize().x - 40);
    m_sla->SetLabel(wx(view.sla));
    m_sla->Wrap(width);
    m_repeat_id = view.repeat_id;
    m_repeat_text->SetLabel(wx(view.repeat));
    m_repeat_text->Wrap(width - 16);
    m_repeat->Show(view.repeat_id != 0);
    // The wrapped texts have new heights: drop the cached sizes, then grow the dialog to fit them.
    for (wxWindow* w : {static_cast<wxWindow*>(m_sla), static_cast<wxWindow*>(m_repeat_text), static_cast<wxWindow*>(m_repeat)})
        w->InvalidateBestSize();
    m_repeat->Layout();
    GetSizer()->SetSizeHints(this);
    Layout();
}

void ComplaintDialog::go_to_existing() {
    m_show_existing = m_repeat_id;
    if (!Close()) m_show_existing = 0;  // the agent kept their words: stay
}

actions::ComplaintDraft ComplaintDialog::draft() const {
    actions::ComplaintDraft d = m_draft;
    if (m_type->GetSelection() >= 0 && !m_types.empty()) d.problem_type = m_types[static_cast<std::size_t>(m_type->GetSelection())];
    d.severity = m_severity->GetSelection() + 1;
    d.cause = static_cast<model::TicketCause>(std::max(0, m_cause->GetSelection()));
    d.subject = utf8(m_subject->GetValue());
    d.description = utf8(m_description->GetValue());
    return d;
}

bool ComplaintDialog::Validate() {
    if (m_subject->GetValue().Strip(wxString::both).empty()) {
        wxMessageBox(_("Give the complaint a subject in the customer's words."), _("Open a complaint"),
                     wxOK | wxICON_INFORMATION, this);
        m_subject->SetFocus();
        return false;
    }
    if (m_repeat_id == 0) return true;
    // A repeat is usually a call about the complaint already open: a second ticket only when the agent says so.
    wxMessageDialog ask(this, wxString::Format(_("This customer already has complaint #%lld open on this problem. "
                                                 "Open a second one, or show the open one (what you typed here is not saved)?"),
                                               static_cast<long long>(m_repeat_id)),
                        GetTitle(), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Open a second one"), _("Show the open one"));
    const int answer = ask.ShowModal();
    if (answer == wxID_NO) {
        m_show_existing = m_repeat_id;
        EndModal(wxID_CANCEL);
    }
    return answer == wxID_YES;
}

NewCustomerDialog::NewCustomerDialog(wxWindow* parent, const model::Customer& prefill, const wxString& intro)
    : wxDialog(parent, wxID_ANY, _("New customer")) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = begin_layout(this, top, intro.empty() ? _("Nobody knows this number yet. Who is calling?") : intro);
    m_last = new wxTextCtrl(this, wxID_ANY, wx(prefill.last_name));
    m_first = new wxTextCtrl(this, wxID_ANY, wx(prefill.first_name));
    m_middle = new wxTextCtrl(this, wxID_ANY, wx(prefill.middle_name));
    m_phone = new wxTextCtrl(this, wxID_ANY, prefill.phones.empty() ? wxString() : wx(prefill.phones.front()));
    m_email = new wxTextCtrl(this, wxID_ANY, prefill.emails.empty() ? wxString() : wx(prefill.emails.front()));
    add_row(this, grid, _("Last name"), m_last);
    add_row(this, grid, _("First name"), m_first);
    add_row(this, grid, _("Middle name"), m_middle);
    add_row(this, grid, _("Phone"), m_phone);
    add_row(this, grid, _("Email"), m_email);
    end_layout(this, top);
    focus_when_shown(this, m_last);
}

model::Customer NewCustomerDialog::customer() const {
    model::Customer c;
    c.last_name = utf8(m_last->GetValue().Strip(wxString::both));
    c.first_name = utf8(m_first->GetValue().Strip(wxString::both));
    c.middle_name = utf8(m_middle->GetValue().Strip(wxString::both));
    c.phones = {utf8(m_phone->GetValue().Strip(wxString::both))};
    const wxString email = m_email->GetValue().Strip(wxString::both);
    if (!email.empty()) c.emails = {utf8(email)};
    return c;
}

bool NewCustomerDialog::Validate() {
    if (m_last->GetValue().Strip(wxString::both).empty() && m_first->GetValue().Strip(wxString::both).empty()) {
        wxMessageBox(_("Ask the caller's name."), _("New customer"), wxOK | wxICON_INFORMATION, this);
        m_last->SetFocus();
        return false;
    }
    return true;
}

}  // namespace kartoteka::gui
