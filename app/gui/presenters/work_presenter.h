#pragma once
/// What the agent works from the card and the day's list, wx-free: the open offers with whether they
/// may be worked now, the planned contacts to log, the due-contacts page, and the date an agent types
/// for a next step (in the centre's time zone). The dialogs only copy these into widgets.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "card/card.h"
#include "card_presenter.h"
#include "retention/customer_retention.h"

namespace kartoteka::gui {

/// One open offer as the work-offer dialog lists it.
struct OfferChoice {
    model::Id id = 0;
    int version = 0;                  ///< what the agent saw: saving checks it (another seat may have worked it)
    std::string label;                ///< "Tariff Plus −15% · phone · until 2026-12-01 · planned"
    bool eligible = true;
    std::string eligibility;          ///< "May offer now", or "Not now — quiet hours: it is 22:10 ..."
    model::OfferStatus status = model::OfferStatus::planned;
    model::NextStep next_step;        ///< agreed last time it was worked (prefills the dialog)
};

/// One planned contact as the log-contact dialog and the due list show it.
struct ContactChoice {
    model::Id id = 0;
    model::Id customer_id = 0;
    model::ContactType type = model::ContactType::how_are_you;
    std::string label;                ///< "how are you · due 2026-11-24 (past due) · phone"
    model::Channel channel = model::Channel::phone;  ///< how this type of contact is made (config contacts.channels)
    /// A letter or e-mail (a welcome letter): it is sent, not talked through; nobody answers a question in it.
    bool written = false;
    bool eligible = true;
    std::string eligibility;          ///< "Call now", "Send the letter now", or "Not now — do not call: ..."
    bool questionnaire = false;       ///< how-are-you by phone: the satisfaction rating is asked
    bool overdue = false;             ///< due before today
    char grade = 0;                   ///< the customer's loyalty grade ('A', 'B', 'C'); 0 = not known
    std::string timezone;             ///< the zone the customer's clock (quiet hours) is read in
};

/// True for the channels a contact is sent on rather than talked on (letter, e-mail, SMS, a web form).
bool written_contact(model::Channel channel);
/// What a planned contact on `channel` the rules allow may be done now, in English for the catalogue:
/// "Call now", "Send the letter now", "Send the e-mail now", ...
const char* contact_now(model::Channel channel);

/// What the agent typed into the work-offer dialog, kept whole so a refused save loses nothing.
struct OfferWorkDraft {
    model::Id offer_id = 0;
    int version = 0;
    retention::OfferWork work;        ///< outcome, said, next step (kind, address; `at` from when_text)
    std::string when_text;            ///< the next step's date and time as typed
};

/// What the agent typed into the planned-contact dialog.
struct ContactLogDraft {
    model::Id contact_id = 0;
    retention::ContactLog log;
};

/// The due-contacts page: the table and, parallel to its rows, the contacts behind them.
struct DueList {
    Table table;
    std::vector<ContactChoice> contacts;
};

/// What the service list keeps and how it sorts it (m14): someone with 400 contacts due works a slice.
struct DueFilter {
    bool may_call_now = false;   ///< only customers who may be called now
    bool overdue_only = false;   ///< only contacts past due
    char grade = 0;              ///< one loyalty grade ('A', 'B', 'C'); 0 = any
    std::string timezone;        ///< one customer time zone; "" = any
    int sort_column = -1;        ///< a column of the table; -1 = as listed (earliest due first)
    bool descending = false;
};

/// The rows of `all` the filter keeps, sorted by its column (equal cells keep the listed order), the
/// contacts still parallel to the rows; the caption stays all's. Pure: the panel calls it on each change
/// of a filter and each column click.
DueList filter_due(const DueList& all, const DueFilter& filter);
/// The customers' time zones in the list, each once, sorted (the zone filter's choices).
std::vector<std::string> due_zones(const DueList& all);

/// A day as an agent types it: "today" and "tomorrow" (English or the reader's word), ISO "2026-12-01",
/// "01.12.2026", or "01.12" (this year, counted from `today`); nullopt for anything else or a day that does
/// not exist ("31.02").
std::optional<model::Date> parse_day(std::string_view text, model::Date today, const Translate& tr);

class WorkPresenter {
public:
    /// zone: the centre's (locale.timezone); dates are shown and read in it.
    /// office_within_days: the rule the offer dialog's hint states (retention.offers.office_within_days).
    WorkPresenter(Translate tr, std::string zone, int office_within_days = 3);
    int office_within_days() const noexcept { return m_office_within_days; }

    /// The card's open offers (planned, in progress, postponed), in the card's order; none when the
    /// agent's role does not work offers (service staff do not sell).
    std::vector<OfferChoice> open_offers(const card::Card& c, const model::Agent& agent) const;
    OfferChoice offer_choice(const model::Offer& o, const retention::Eligibility* e) const;
    /// The card's planned (not yet logged) contacts the agent may log, earliest due first: their own,
    /// or anyone's for a role that completes service contacts.
    std::vector<ContactChoice> planned_contacts(const card::Card& c, const model::Agent& agent, model::Timestamp now) const;
    /// Today's list for service staff: due planned contacts (past due first) with the customer's name,
    /// phone, grade, time zone and whether they may be called now. Each row's id is the customer's.
    /// grades, zones: parallel to `due` (Desk::contacts_due with_grades); empty when not known.
    DueList due_contacts(const std::vector<std::pair<retention::ContactView, model::Customer>>& due,
                         const phone::PhoneNormalizer& phones, model::Timestamp now,
                         const std::vector<char>& grades = {}, const std::vector<std::string>& zones = {}) const;

    /// "May offer now" / "Not now — <rule>: <fact>" for an eligibility (sales: offer wording).
    std::string eligibility_text(const retention::Eligibility& e, bool offer) const;
    /// A planned contact's: what may be done now on its channel ("Send the letter now"), or why not.
    std::string eligibility_text(const retention::Eligibility& e, model::Channel channel) const;
    /// A date and time the agent typed, in the centre's zone: "2026-11-26 14:00", "26.11.2026 14:00",
    /// "26.11 14:00" (this year), "today 14:00", "tomorrow 9:30" (also in the interface language).
    /// nullopt when it cannot be read; an empty text is 0 (no date given: the core says if one is needed).
    std::optional<model::Timestamp> parse_when(std::string_view text, model::Timestamp now) const;
    /// The same instant as the dialog shows it: "2026-11-26 14:00" in the centre's zone; "" for 0.
    std::string format_when(model::Timestamp t) const;

private:
    std::string tr(const char* s) const { return m_tr ? m_tr(s) : s; }
    Translate m_tr;
    std::string m_timezone;
    int m_office_within_days = 3;
};

}  // namespace kartoteka::gui
