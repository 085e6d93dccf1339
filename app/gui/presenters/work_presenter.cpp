#include "work_presenter.h"

#include <algorithm>
#include <cstdio>

#include "access/permissions.h"
#include "privacy/card_number_mask.h"
#include "retention/contact_policy.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::gui {
namespace {

/// A whole number of exactly `width` digits (any width when 0), or -1.
int number(std::string_view s, std::size_t width = 0) {
    if (s.empty() || s.size() > 4 || (width && s.size() != width) || !util::all_digits(s)) return -1;
    return std::stoi(std::string(s));
}

/// Days since 1970-01-01 of a proleptic Gregorian date; nullopt for an impossible one (31.02).
std::optional<model::Date> make_date(int y, int m, int d) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    if (y < 1970 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    return util::parse_date(iso);
}

}  // namespace

WorkPresenter::WorkPresenter(Translate tr, std::string zone, int office_within_days)
    : m_tr(std::move(tr)), m_timezone(std::move(zone)), m_office_within_days(office_within_days) {}

std::string WorkPresenter::eligibility_text(const retention::Eligibility& e, bool offer) const {
    if (e.eligible) return offer ? tr("May offer now") : tr("May call now");
    const std::string why = e.why.empty() ? e.reason : e.why.in(m_tr);
    return tr("Not now") + std::string(" — ") + tr(e.rule.c_str()) + (why.empty() ? "" : ": " + why);
}

std::string WorkPresenter::eligibility_text(const retention::Eligibility& e, model::Channel channel) const {
    return e.eligible ? tr(contact_now(channel)) : eligibility_text(e, false);
}

bool written_contact(model::Channel channel) {
    using model::Channel;
    return channel == Channel::letter || channel == Channel::email || channel == Channel::sms || channel == Channel::web;
}

const char* contact_now(model::Channel channel) {
    // A welcome letter is sent, not called: the list and F7 say what the agent is to do.
    switch (channel) {
    case model::Channel::phone: return N_("Call now");
    case model::Channel::letter: return N_("Send the letter now");
    case model::Channel::email: return N_("Send the e-mail now");
    case model::Channel::sms: return N_("Send the SMS now");
    case model::Channel::chat:
    case model::Channel::messenger: return N_("Write to them now");
    case model::Channel::meeting: return N_("Arrange the meeting now");
    case model::Channel::web: break;
    }
    return N_("Contact them now");
}

OfferChoice WorkPresenter::offer_choice(const model::Offer& o, const retention::Eligibility* e) const {
    OfferChoice c;
    c.id = o.id;
    c.version = o.version;
    c.status = o.status;
    c.next_step = o.next_step;
    c.label = privacy::mask_card_numbers(o.product) + (o.discount_percent ? " −" + std::to_string(o.discount_percent) + "%" : std::string()) + " · " +
              tr(model::to_string(o.channel)) +
              (o.valid_until ? " · " + tr("until") + " " + format_when(o.valid_until).substr(0, 10) : std::string()) + " · " +
              tr(model::to_string(o.status));
    if (e) {
        c.eligible = e->eligible;
        c.eligibility = eligibility_text(*e, true);
    }
    return c;
}

std::vector<OfferChoice> WorkPresenter::open_offers(const card::Card& c, const model::Agent& agent) const {
    std::vector<OfferChoice> out;
    if (!access::allowed(agent.role, access::Action::work_offer)) return out;
    for (std::size_t k = 0; k < c.offers.size(); ++k)
        if (model::is_open(c.offers[k].status))
            out.push_back(offer_choice(c.offers[k], k < c.retention.offers.size() ? &c.retention.offers[k] : nullptr));
    return out;
}

namespace {

ContactChoice contact_choice(const model::ServiceContact& k, const retention::Eligibility* e, model::Channel channel,
                             model::Date today, const WorkPresenter& p, const Translate& tr) {
    ContactChoice c;
    c.id = k.id;
    c.customer_id = k.customer_id;
    c.type = k.type;
    c.channel = channel;
    c.written = written_contact(channel);
    c.questionnaire = k.type == model::ContactType::how_are_you && !c.written;
    auto t = [&](const char* s) { return tr ? tr(s) : std::string(s); };
    c.label = t(model::to_string(k.type)) + " · " + t("due") + " " + format_day(tr, k.due) +
              (k.due < today ? " (" + t("past due") + ")" : std::string()) + " · " + t(model::to_string(channel));
    if (e) {
        c.eligible = e->eligible;
        c.eligibility = p.eligibility_text(*e, channel);
    }
    return c;
}

}  // namespace

std::vector<ContactChoice> WorkPresenter::planned_contacts(const card::Card& c, const model::Agent& agent,
                                                           model::Timestamp now) const {
    const bool anyones = access::allowed(agent.role, access::Action::log_service_contact);
    const model::Date today = retention::local_time(now, m_timezone).date;
    std::vector<std::pair<model::Date, ContactChoice>> planned;
    for (std::size_t k = 0; k < c.contacts.size(); ++k) {
        const auto& contact = c.contacts[k];
        if (contact.status != model::ContactStatus::planned || (!anyones && contact.assignee_id != agent.id)) continue;
        const retention::ContactView* v = k < c.retention.contacts.size() ? &c.retention.contacts[k] : nullptr;
        planned.emplace_back(contact.due, contact_choice(contact, v ? &v->eligibility : nullptr,
                                                         v ? v->channel : model::Channel::phone, today, *this, m_tr));
    }
    std::stable_sort(planned.begin(), planned.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ContactChoice> out;
    for (auto& [due, choice] : planned) out.push_back(std::move(choice));
    return out;
}

DueList WorkPresenter::due_contacts(const std::vector<std::pair<retention::ContactView, model::Customer>>& due,
                                    const phone::PhoneNormalizer& phones, model::Timestamp now,
                                    const std::vector<char>& grades, const std::vector<std::string>& zones) const {
    const model::Date today = retention::local_time(now, m_timezone).date;
    DueList out;
    out.table.columns = {tr("Due"), tr("Type"), tr("Customer"), tr("Phone"), tr("Grade"), tr("Time zone"), tr("May contact now")};
    int overdue = 0;
    for (std::size_t i = 0; i < due.size(); ++i) {
        const auto& [v, c] = due[i];
        const auto& k = v.contact;
        const bool late = k.due < today;
        overdue += late;
        auto choice = contact_choice(k, &v.eligibility, v.channel, today, *this, m_tr);
        choice.overdue = late;
        choice.grade = i < grades.size() ? grades[i] : 0;
        choice.timezone = i < zones.size() ? zones[i] : std::string();
        out.table.rows.push_back({{format_day(m_tr, k.due), tr(model::to_string(k.type)), c.display_name(),
                                   c.phones.empty() ? "" : phones.display(c.phones.front()),
                                   choice.grade ? std::string(1, choice.grade) : std::string(), choice.timezone,
                                   eligibility_text(v.eligibility, v.channel)},
                                  !v.eligibility.eligible ? Tone::muted : late ? Tone::warning : Tone::normal, c.id});
        out.contacts.push_back(std::move(choice));
    }
    out.table.caption = counted(m_tr, NP_("Due today: {1} contact", "Due today: {1} contacts"), static_cast<long long>(due.size())) +
                        (overdue ? ", " + counted(m_tr, NP_("{1} past due", "{1} past due"), overdue) : std::string()) + ".  " +
                        tr("F7 logs the chosen contact; Enter opens the customer's card.");
    return out;
}

std::optional<model::Date> parse_day(std::string_view text, model::Date today, const Translate& tr) {
    const std::string d = util::trim(text);
    const std::string word = util::fold_case(d);
    if (word == "today" || word == util::fold_case(tr("today"))) return today;
    if (word == "tomorrow" || word == util::fold_case(tr("tomorrow"))) return today + 1;
    if (d.size() == 10 && d[4] == '-' && d[7] == '-')
        return make_date(number(d.substr(0, 4), 4), number(d.substr(5, 2), 2), number(d.substr(8, 2), 2));
    // 26.11.2026 or 26.11 (this year), as Russian and Bulgarian agents write dates.
    const auto dot = d.find('.');
    if (dot == std::string::npos) return std::nullopt;
    const auto dot2 = d.find('.', dot + 1);
    const int dd = number(std::string_view(d).substr(0, dot));
    const int mo = number(std::string_view(d).substr(dot + 1, dot2 == std::string::npos ? std::string::npos : dot2 - dot - 1));
    const int yyyy = dot2 == std::string::npos ? number(util::format_date(today).substr(0, 4), 4)
                                               : number(std::string_view(d).substr(dot2 + 1), 4);
    return make_date(yyyy, mo, dd);
}

std::optional<model::Timestamp> WorkPresenter::parse_when(std::string_view text, model::Timestamp now) const {
    const std::string s = util::trim(text);
    if (s.empty()) return 0;
    const auto words = util::split_words(s);
    if (words.size() != 2) return std::nullopt;  // a date and a time: a concrete step has both
    const std::string& d = words[0];
    const std::string& t = words[1];
    const auto colon = t.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const int hh = number(std::string_view(t).substr(0, colon)), mm = number(std::string_view(t).substr(colon + 1), 2);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
    const auto day = parse_day(d, retention::local_time(now, m_timezone).date, m_tr);
    if (!day) return std::nullopt;
    return retention::utc_of({*day, hh * 60 + mm}, m_timezone);
}

std::string WorkPresenter::format_when(model::Timestamp t) const {
    return format_moment(m_tr, t, m_timezone);  // parse_when reads it back: ISO and 01.12.2026 both
}

}  // namespace kartoteka::gui

namespace kartoteka::gui {

DueList filter_due(const DueList& all, const DueFilter& f) {
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < all.contacts.size() && i < all.table.rows.size(); ++i) {
        const auto& c = all.contacts[i];
        if ((f.may_call_now && !c.eligible) || (f.overdue_only && !c.overdue) || (f.grade && c.grade != f.grade) ||
            (!f.timezone.empty() && c.timezone != f.timezone))
            continue;
        kept.push_back(i);
    }
    const auto column = static_cast<std::size_t>(f.sort_column);
    if (f.sort_column >= 0 && column < all.table.columns.size()) {
        // Cells compare as text: dates are ISO, grades letters, names as the list shows them.
        std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
            const auto& x = all.table.rows[a].cells[column];
            const auto& y = all.table.rows[b].cells[column];
            return f.descending ? y < x : x < y;
        });
    }
    DueList out;
    out.table.caption = all.table.caption;
    out.table.columns = all.table.columns;
    for (auto i : kept) {
        out.table.rows.push_back(all.table.rows[i]);
        out.contacts.push_back(all.contacts[i]);
    }
    return out;
}

std::vector<std::string> due_zones(const DueList& all) {
    std::vector<std::string> out;
    for (const auto& c : all.contacts)
        if (!c.timezone.empty()) out.push_back(c.timezone);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace kartoteka::gui
