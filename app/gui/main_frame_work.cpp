// The work an agent does from the card and today's list: offers worked (F6) and planned contacts logged
// (F7), saved through the retention rules on the store worker; and the list of today's contacts.
#include <wx/msgdlg.h>

#include "error.h"
#include "gui_util.h"
#include "main_frame.h"
#include "retention/contact_policy.h"
#include "util/time.h"
#include "work_dialogs.h"

namespace kartoteka::gui {
namespace {

/// The core's message in the interface language when the catalogue has it (the English catalogue turns
/// the CLI's wording, such as "(--at)", into the workstation's).
wxString core_message(const std::exception& e) { return wxGetTranslation(wx(desk::safe_message(e))); }

}  // namespace

void MainFrame::work_offer(model::Id offer_id) {
    if (!m_open_card) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    auto offers = m_work.open_offers(*m_open_card, m_agent.value_or(model::Agent{}));
    if (offers.empty()) return SetStatusText(_("No open offers for you to work on this card."), 0);
    OfferWorkDraft draft;
    draft.offer_id = offer_id;
    if (!offer_id) {  // the first one that may be offered now, else the first
        auto it = std::find_if(offers.begin(), offers.end(), [](const OfferChoice& o) { return o.eligible; });
        draft.offer_id = (it == offers.end() ? offers.front() : *it).id;
    }
    work_offer_dialog(std::move(draft), std::move(offers));
}

void MainFrame::work_offer_dialog(OfferWorkDraft draft, std::vector<OfferChoice> offers, const wxString& error) {
    const model::Id customer = m_open_customer;
    WorkOfferDialog dlg(this, m_open_name, offers, draft, m_work, util::system_now(), error);
    trace("work offer dialog");
    if (show_modal(dlg) != wxID_OK) return;
    auto entered = dlg.draft();
    const bool on_call = customer == m_call_customer;
    m_worker->post([this, entered, offers, customer, on_call] {
        retention::OfferWork work = entered.work;
        work.expected_version = entered.version;  // another seat's result is not silently overwritten
        work.during_inbound_call = on_call;       // logged as the caller's inbound call, not an outbound one
        try {
            const auto o = m_desk->work_offer(entered.offer_id, work);
            CallAfter([this, customer, status = o.status] {
                confirm(_("Offer saved:") + " " + wxGetTranslation(wx(model::to_string(status))));
                deliver_write_backs();
                trace(std::string("saved offer ") + model::to_string(status));
                if (customer == m_open_customer) open_card(customer, true);
            });
        } catch (const Error& e) {
            auto again = offers;
            auto back = entered;
            wxString msg = core_message(e);
            if (e.kind() == ErrorKind::conflict) {
                // Someone else worked it first: show their result, keep the agent's words; saving again
                // is then a deliberate choice against the version now on screen.
                try {
                    if (auto fresh = m_desk->offer(entered.offer_id)) {
                        for (auto& o : again)
                            if (o.id == fresh->id) o = m_work.offer_choice(*fresh, nullptr);
                        back.version = fresh->version;
                    }
                } catch (const std::exception&) {
                    // The store failed too: the dialog still comes back, with the words, on the old version.
                }
                msg = _("Another seat worked this offer while you were on it.") + " " + msg + "\n" +
                      _("The card now shows their result. Save records yours over it; Escape keeps theirs.");
            }
            const bool conflict = e.kind() == ErrorKind::conflict;
            CallAfter([this, again, back, msg, conflict, customer] {
                trace(std::string(conflict ? "offer conflict " : "offer refused ") + utf8(msg));
                if (conflict && customer == m_open_customer) open_card(customer, true);
                if (customer == m_open_customer) work_offer_dialog(back, again, msg);
            });
        } catch (const std::exception& e) {
            CallAfter([this, offers, entered, customer, msg = core_message(e)] {
                if (customer == m_open_customer) work_offer_dialog(entered, offers, msg);
            });
        }
    });
}

void MainFrame::log_planned(model::Id contact_id) {
    if (!m_open_card) return SetStatusText(_("Open a customer's card first (Ctrl+F to search)."), 0);
    auto contacts = m_work.planned_contacts(*m_open_card, m_agent.value_or(model::Agent{}), util::system_now());
    if (contacts.empty()) return SetStatusText(_("No planned contacts for you to log on this card."), 0);
    ContactLogDraft draft;
    draft.contact_id = contact_id ? contact_id : contacts.front().id;
    planned_dialog(std::move(draft), std::move(contacts), m_open_name, m_open_customer);
}

void MainFrame::log_planned_from_list() {
    const ContactChoice* chosen = m_contacts->selected_contact();
    if (!chosen) return SetStatusText(_("No contacts due today."), 0);
    ContactLogDraft draft;
    draft.contact_id = chosen->id;
    planned_dialog(std::move(draft), {*chosen}, m_contacts->selected_customer(), chosen->customer_id);
}

void MainFrame::planned_dialog(ContactLogDraft draft, std::vector<ContactChoice> contacts, const wxString& name,
                               model::Id customer_id, const wxString& error) {
    PlannedContactDialog dlg(this, name, contacts, draft, error);
    trace("planned contact dialog");
    if (show_modal(dlg) != wxID_OK) return;
    auto entered = dlg.draft();
    m_worker->post([this, entered, contacts, name, customer_id] {
        try {
            const auto ticket = m_desk->log_planned_contact(entered.contact_id, entered.log);
            CallAfter([this, ticket, customer_id] {
                deliver_write_backs();
                refresh_contacts();
                if (customer_id == m_open_customer) open_card(customer_id, true);
                if (!ticket) {
                    confirm(_("Contact logged."));
                    trace("saved planned contact");
                    return;
                }
                const wxString text = wxString::Format(_("Contact logged. Complaint #%lld opened for the problem raised; you own it."),
                                                       static_cast<long long>(*ticket));
                SetStatusText(text, 0);
                trace("saved planned contact, complaint " + std::to_string(*ticket));
                wxMessageBox(text, _("Log a planned contact"), wxOK | wxICON_INFORMATION, this);
            });
        } catch (const std::exception& e) {
            // Not saved: the dialog comes back with the reason and every word typed.
            CallAfter([this, entered, contacts, name, customer_id, msg = core_message(e)] {
                trace("planned contact refused " + utf8(msg));
                planned_dialog(entered, contacts, name, customer_id, msg);
            });
        }
    });
}

void MainFrame::refresh_contacts() {
    const std::string timezone = m_opt.config.locale.timezone;
    m_worker->post_latest("contacts", [this, timezone] {
        std::optional<model::Agent> agent;
        try {
            agent = m_desk->agent();  // the database session's agent on PostgreSQL, not the YAML's
        } catch (const Error&) {
            return;
        }
        const auto now = util::system_now();
        // Due by the centre's calendar day, each with whether the customer may be called now.
        // With each customer's grade and time zone: the list filters by them (m14).
        auto work = m_desk->contacts_due(agent->id, retention::local_time(now, timezone).date, now, true);
        std::vector<std::pair<retention::ContactView, model::Customer>> due;
        std::vector<char> grades;
        std::vector<std::string> zones;
        for (std::size_t i = 0; i < work.contacts.size(); ++i) {
            if (!work.contact_customers[i].id) continue;
            due.emplace_back(std::move(work.contacts[i]), std::move(work.contact_customers[i]));
            grades.push_back(work.contact_grades[i]);
            zones.push_back(std::move(work.contact_zones[i]));
        }
        auto list = std::make_shared<DueList>(m_work.due_contacts(due, m_phones, now, grades, zones));
        CallAfter([this, list] {
            m_contacts->show(*list);
            trace("contacts " + std::to_string(list->table.rows.size()));
        });
    });
}

}  // namespace kartoteka::gui
