#pragma once
/// What the operator's card shows for a given card::Card, as plain strings and hints, with no wx types:
/// panels only copy this into widgets, and tests check it without a window (GUIDE: logic in presenters).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "card/card.h"
#include "desk/desk.h"
#include "phone/phone_normalizer.h"
#include "sla/sla_engine.h"
#include "util/message.h"

namespace kartoteka::gui {

/// Looks up the translation of an English UI string, and the plural form of a counted one (the GUI
/// passes wx's catalogues: wx_translator()).
using Translate = util::Translator;

enum class Tone { normal, good, warning, danger, muted };

/// A counted phrase in the reader's language: NP_("{1} day", "{1} days"), the form the language's plural
/// rule picks for n (1 день, 2 дня, 5 дней), with {1} the number in thousands groups and {2}.. `more`.
std::string counted(const Translate& tr, const char* singular, const char* plural, long long n,
                    std::vector<std::string> more = {});

/// Stored text that the program may have written in English (a complaint subject it raised, a win-back
/// outcome): through the catalogue, card numbers masked; an agent's own words have no entry and pass
/// unchanged, and "" stays "" (an empty msgid would be the catalogue's header).
std::string stored_text(const Translate& tr, const std::string& text);

/// A reason of loss ("service", "moved_away") in the reader's language, in its own catalogue context:
/// "service" as a reason is "unhappy with the service", not the problem type "service".
std::string loss_reason(const Translate& tr, const std::string& reason);

/// A calendar day as the reader's language writes it, the pattern taken from the catalogue (context
/// "date format"): "01.12.2026" in Russian and Bulgarian; ISO "2026-12-01" in English, which no
/// reader takes for the 12th of January.
std::string format_day(const Translate& tr, model::Date day);
/// An instant on `zone`'s clock: format_day's day and the 24-hour time, "01.12.2026 14:05"; "" for 0.
std::string format_moment(const Translate& tr, model::Timestamp t, const std::string& zone);

/// Working time to a deadline: "2h 05m", "3d 4h"; negative: "overdue 35m".
std::string format_working_time(std::int64_t seconds, const Translate& tr);

struct WriteBackLine {
    std::string text;  ///< empty when nothing waits
    Tone tone = Tone::normal;
};

/// The write-back part of the source strip: what this seat's agents recorded and is not yet at its
/// backend, per backend ("Not yet sent: crm 2 (next try in 3m), helpdesk 1 failed").
WriteBackLine write_back_line(const std::map<std::string, connector::OutboxBacklog>& backlog, model::Timestamp now,
                              const Translate& tr);

/// One line of the card's alert strip. `key` says what it is (do_not_retain, returned, lost_twice,
/// lost, sleeping, complaint, do_not_call, quiet_hours_now, calls_themselves, written_only,
/// satisfaction, signal, shared_number, source_missing, irritants) for tests and styling.
struct Banner {
    Tone tone = Tone::warning;
    std::string text;
    std::string key;
    bool operator==(const Banner&) const = default;
};

struct Row {
    std::vector<std::string> cells;
    Tone tone = Tone::normal;
    long long id = 0;  ///< the record behind the row (offer id, ticket id, ...)
};

struct Table {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    std::string caption;  ///< "Showing 50 of 3,214"
};

struct CardView {
    model::Id customer_id = 0;
    std::string title;                                      ///< the customer's name
    std::vector<std::pair<std::string, std::string>> facts;  ///< label, value: the header at a glance
    /// The alert strip, heaviest first: what the agent must know before saying a word, without a click.
    std::vector<Banner> banners;
    std::string pinned_note;  ///< the note pinned on the customer, "" for none
    /// The offer that may be made now, with its script ("Offer now: Mobile Family — ..."), or why none
    /// may (key next_offer / no_offer); empty text when the customer has no open offers.
    Banner next_offer;
    Table timeline, offers, tickets, contacts, preferences;
    std::vector<Row> sources;  ///< one row per source: name, state, detail
    std::size_t timeline_total = 0;  ///< all interactions, of which timeline holds the first page
};

/// What F3 shows under its fields before the complaint is saved (issue 18): the norms the new complaint
/// gets, with its deadlines as clock times on the centre's clock, and a repeat of one still open.
struct ComplaintPreviewView {
    std::string sla;          ///< "First answer within 4h 00m, by today 17:46. Resolution within ..."
    std::string repeat;       ///< "Already open on this problem: #12 “...”, since ..." or "" for none
    model::Id repeat_id = 0;  ///< the newest open complaint on this problem
};

class CardPresenter {
public:
    /// zone: the centre's (locale.timezone): every date and time on the card is shown in it.
    /// decimal: the UI language's decimal sign ("," in Russian and Bulgarian).
    CardPresenter(const phone::PhoneNormalizer& phones, Translate tr, std::string currency = "RUB",
                  std::string zone = "UTC", char decimal = '.');
    /// `slas`, when given, is parallel to card.tickets: each ticket's SLA clock for the countdown column.
    CardView present(const card::Card& card, model::Timestamp now, const std::vector<sla::TicketSla>* slas = nullptr) const;
    /// Rows for more of the timeline (the next page), in the same shape as CardView::timeline.
    std::vector<Row> timeline_rows(const std::vector<model::Interaction>& items) const;
    std::string timeline_caption(std::size_t shown, long long total) const;
    /// Wrap-up codes by their label in the UI language (config wrap_up), shown before a contact's summary.
    void set_dispositions(std::map<std::string, std::string> labels) { m_dispositions = std::move(labels); }

    /// F3's look ahead as the agent reads it (presenters/complaint_preview_presenter.cpp).
    ComplaintPreviewView complaint_preview(const desk::ComplaintPreview& p, model::Timestamp now) const;

    /// "3 214": thousands grouped with a thin space, as all three languages accept.
    static std::string group_thousands(long long n);
    /// Money in minor units as "1 234.50" (decimal '.') or "1 234,50".
    static std::string money(model::Money minor, char decimal = '.');
    /// Money with its currency as the screen writes it: "1 234,50 EUR"; no currency: the amount alone.
    static std::string money(model::Money minor, const std::string& currency, char decimal);

private:
    std::string tr(const char* s) const { return m_tr(s); }  // English without a catalogue
    /// "2026-11-24 12:00" in the centre's zone; "" for 0.
    std::string when(model::Timestamp t) const;
    void add_header(CardView& v, const card::Card& c) const;
    void add_banners(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas, model::Timestamp now) const;
    void add_status_alerts(CardView& v, const card::Card& c) const;
    void add_complaint_alerts(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas,
                              model::Timestamp now) const;
    void add_preference_alerts(CardView& v, const card::Card& c, model::Timestamp now) const;
    void add_next_offer(CardView& v, const card::Card& c) const;
    /// A ticket's SLA clock as the agent reads it: "overdue 35m, due today 15:10" / "warning, 1h 05m, due ...".
    std::string sla_clock(const sla::TicketSla& s, model::Timestamp now) const;
    /// A message from the core (refusal, signal) in the screen's language, times on the centre's clock.
    std::string text_of(const util::Message& m) const;
    /// "no — rule: why" for a refused offer or contact, in the screen's language.
    std::string refusal(const retention::Eligibility& e) const;
    void add_timeline(CardView& v, const card::Card& c) const;
    void add_offers(CardView& v, const card::Card& c) const;
    void add_tickets(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas, model::Timestamp now) const;
    /// A deadline as the agent says it: "today 17:35", or the local date and time.
    std::string due_clock(model::Timestamp due, model::Timestamp now) const;
    void add_contacts(CardView& v, const card::Card& c) const;
    void add_preferences(CardView& v, const card::Card& c) const;

    const phone::PhoneNormalizer& m_phones;
    std::map<std::string, std::string> m_dispositions;
    Translate m_tr;
    std::string m_currency;
    std::string m_timezone;
    char m_decimal = '.';
};

}  // namespace kartoteka::gui
