#include "card_presenter.h"

#include "card/card_json.h"
#include "desk/program_texts.h"
#include "presenters/work_presenter.h"

#include <cstdio>

#include "privacy/card_number_mask.h"
#include "retention/contact_policy.h"
#include "util/money.h"
#include "util/time.h"

namespace kartoteka::gui {

CardPresenter::CardPresenter(const phone::PhoneNormalizer& phones, Translate tr, std::string currency, std::string zone,
                             char decimal)
    : m_phones(phones), m_tr(std::move(tr)), m_currency(std::move(currency)), m_timezone(std::move(zone)),
      m_decimal(decimal) {
    // Amounts inside the core's sentences (an early warning's averages) as the header writes money.
    m_tr.set_money([decimal](long long minor, const std::string& code) { return money(minor, code, decimal); });
}

std::string CardPresenter::group_thousands(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += "\u202F";  // narrow no-break space
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string CardPresenter::money(model::Money minor, char decimal) {
    return util::grouped_money(minor, decimal, "\u202F");  // the narrow no-break space of group_thousands
}

std::string CardPresenter::money(model::Money minor, const std::string& currency, char decimal) {
    // The amount, then its currency code, as Russian and Bulgarian write it and as the card's English does.
    return money(minor, decimal) + (currency.empty() ? "" : " " + currency);
}

std::string counted(const Translate& tr, const char* singular, const char* plural, long long n,
                    std::vector<std::string> more) {
    more.insert(more.begin(), CardPresenter::group_thousands(n));
    return util::fill(tr.plural(singular, plural, n), more);
}

std::string loss_reason(const Translate& tr, const std::string& reason) {
    return tr((std::string("reason of loss") + '\004' + reason).c_str());
}

std::string stored_text(const Translate& tr, const std::string& text) {
    // An older version's form of the sentence is read as today's, which the catalogue has.
    return privacy::mask_card_numbers(text.empty() ? text : tr(desk::current_form(text).c_str()));
}

std::string format_day(const Translate& tr, model::Date day) {
    return tr.day(util::format_date(day));
}

std::string format_moment(const Translate& tr, model::Timestamp t, const std::string& zone) {
    if (!t) return "";
    const auto local = retention::local_time(t, zone);
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", local.minute_of_day / 60 % 24, local.minute_of_day % 60);
    return format_day(tr, local.date) + " " + hhmm;
}

std::string format_working_time(std::int64_t seconds, const Translate& tr) {
    // Hours and minutes of working time, never days: "1d" read as a calendar day where it meant 24
    // working hours (three office days), and the minutes were dropped.
    auto t = [&tr](const char* s) { return tr ? tr(s) : std::string(s); };
    const bool overdue = seconds < 0;
    const std::int64_t s = overdue ? -seconds : seconds, h = s / 3600, m = s % 3600 / 60;
    char buf[64];
    if (h > 0) std::snprintf(buf, sizeof buf, t("%lldh %02lldm").c_str(), static_cast<long long>(h), static_cast<long long>(m));
    else std::snprintf(buf, sizeof buf, t("%lldm").c_str(), static_cast<long long>(m));
    return overdue ? t("overdue") + " " + buf : std::string(buf);
}

WriteBackLine write_back_line(const std::map<std::string, connector::OutboxBacklog>& backlog, model::Timestamp now,
                              const Translate& translate_with) {
    auto tr = [&](const char* s) { return translate_with ? translate_with(s) : std::string(s); };
    WriteBackLine line;
    for (const auto& [target, b] : backlog) {
        if (b.pending == 0 && b.failed == 0) continue;
        line.text += line.text.empty() ? tr("Not yet sent:") : std::string(",");
        line.text += " " + target;
        if (b.pending > 0) {
            line.text += " " + counted(translate_with, NP_("{1} waiting", "{1} waiting"), b.pending);
            if (b.next_attempt_at >= now + 60)
                line.text += " (" + tr("next try in") + " " + format_working_time(b.next_attempt_at - now, translate_with) + ")";
            else if (b.next_attempt_at > now)
                line.text += " (" + tr("next try in under a minute") + ")";
            if (line.tone != Tone::danger) line.tone = Tone::warning;
        }
        if (b.failed > 0) {
            line.text += " " + counted(translate_with, NP_("{1} failed (kartoteka-cli outbox retry)", "{1} failed (kartoteka-cli outbox retry)"),
                                       b.failed);
            line.tone = Tone::danger;
        }
    }
    return line;
}

std::string CardPresenter::when(model::Timestamp t) const {
    return format_moment(m_tr, t, m_timezone);
}

std::string CardPresenter::due_clock(model::Timestamp due, model::Timestamp now) const {
    // What the agent tells the customer: the clock time in the centre's zone, "today" when it is today.
    const auto at = retention::local_time(due, m_timezone);
    if (at.date != retention::local_time(now, m_timezone).date) return when(due);
    char hhmm[32];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", at.minute_of_day / 60, at.minute_of_day % 60);
    return tr("today") + " " + hhmm;
}

void CardPresenter::add_header(CardView& v, const card::Card& c) const {
    v.customer_id = c.customer.id;
    v.title = c.customer.display_name();
    // A customer with no order yet is new, not "active" (DOMAIN: active = buying within the rhythm), and
    // has no grade: a C drawn from no data at all would be a verdict on nothing (m8).
    const bool no_orders = c.orders.orders == 0 && c.retention.value.orders == 0 && c.status.status == model::LifecycleStatus::active;
    v.facts.emplace_back(tr("Status"), no_orders ? tr("new customer, no orders yet") : tr(model::to_string(c.status.status)));
    std::string phones;
    for (const auto& p : c.customer.phones) phones += (phones.empty() ? "" : ", ") + m_phones.display(p);
    v.facts.emplace_back(tr("Phone"), phones);
    // Always a row, "—" for none: a header one line shorter for some customers moved the tabs (m9).
    v.facts.emplace_back(tr("Email"), c.customer.emails.empty() ? "—" : c.customer.emails.front());
    // Each currency's sum on its own: euro and roubles are never added up.
    const std::string currency = c.orders.currency.empty() ? m_currency : c.orders.currency;
    std::string totals;
    for (const auto& [code, sum] : c.orders.totals)
        totals += (totals.empty() ? "" : " + ") + money(sum, m_decimal) + " " + code;
    if (c.orders.totals.empty() && c.orders.orders > 0) totals = money(c.orders.total, m_decimal) + " " + currency;
    v.facts.emplace_back(tr("Orders"), group_thousands(c.orders.orders) +
                                           (totals.empty() ? std::string() : " (" + tr("total") + " " + totals + ")"));
    const auto& r = c.retention;
    v.facts.emplace_back(tr("Value"), no_orders ? tr("no grade before the first order")
                                                : std::string(1, r.value.tier) + " · " + tr("lifetime value") + " " +
                                                      money(r.value.lifetime_value, currency, m_decimal));
    char sat[64];
    std::snprintf(sat, sizeof sat, "%.1f / 5", r.satisfaction.index);
    v.facts.emplace_back(tr("Satisfaction"), r.satisfaction.ratings ? std::string(sat) + " (" +
                                                 counted(m_tr, NP_("{1} rating", "{1} ratings"), r.satisfaction.ratings) + ")"
                                                                    : tr("no ratings yet"));
    v.facts.emplace_back(tr("Preferred channel"),
                         c.preferences.preferred_channel ? tr(model::to_string(*c.preferences.preferred_channel)) : "—");
}

std::string CardPresenter::sla_clock(const sla::TicketSla& s, model::Timestamp now) const {
    // "overdue 5h 55m" says breached already; other states say their name and the time left.
    std::string clock = s.state == sla::State::breached && s.has_deadline ? std::string() : tr(sla::to_string(s.state));
    if (s.has_deadline) clock += (clock.empty() ? "" : ", ") + format_working_time(s.to_next_deadline, m_tr);
    if (s.has_deadline && s.next_deadline) clock += ", " + tr("due") + " " + due_clock(s.next_deadline, now);
    return clock;
}

std::string CardPresenter::text_of(const util::Message& m) const {
    return privacy::mask_card_numbers(m.in(m_tr, [this](long long t) { return when(t); }));
}

namespace {

std::string ticket_number(const model::Ticket& t) {
    return card::is_local(t) ? "#" + std::to_string(t.id) : t.source_system + " " + t.external_id;
}

bool is_open(const model::Ticket& t) {
    return t.status == model::TicketStatus::open || t.status == model::TicketStatus::waiting_customer;
}

}  // namespace

void CardPresenter::add_status_alerts(CardView& v, const card::Card& c) const {
    using model::LifecycleStatus;
    const auto& st = c.retention.status;
    const auto& r = c.status;
    switch (r.status) {
    case LifecycleStatus::do_not_retain:
        v.banners.push_back({Tone::danger, tr("Do not retain: the company stands with its staff"), "do_not_retain"});
        break;
    case LifecycleStatus::lost_twice:
        v.banners.push_back({Tone::danger, tr("Lost twice: do not try to win back"), "lost_twice"});
        break;
    case LifecycleStatus::lost: {
        // The loss record as lifecycle show has it: when, why, by whom.
        std::string text = tr("Lost on") + " " + format_day(m_tr, retention::local_time(r.lost_at, m_timezone).date);
        // In its own context: "service" as a reason of loss is "недоволен обслуживанием", as a problem
        // type it is "обслуживание" (NC_ spelled out for a word known at run time).
        if (r.lost_reason) text += ": " + loss_reason(m_tr, model::to_string(*r.lost_reason));
        v.banners.push_back({Tone::warning, text, "lost"});
        break;
    }
    case LifecycleStatus::sleeping:
        v.banners.push_back({Tone::warning,
                             counted(m_tr, NP_("Sleeping: no purchase for {1} day", "Sleeping: no purchase for {1} days"),
                                     st.days_since_order) +
                                 " (" + counted(m_tr, NP_("the {1}-day bucket", "the {1}-day bucket"), st.sleeping_bucket) + ")",
                             "sleeping"});
        break;
    default: break;
    }
    if (st.extra_sensitive || r.status == LifecycleStatus::returned) {
        std::string text = tr("Returned customer: extremely sensitive to any problem");
        if (st.sensitive_until) text += " (" + tr("until") + " " + format_day(m_tr, retention::local_time(st.sensitive_until, m_timezone).date) + ")";
        v.banners.push_back({Tone::danger, text, "returned"});
    }
}

void CardPresenter::add_complaint_alerts(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas,
                                         model::Timestamp now) const {
    for (std::size_t k = 0; k < c.tickets.size(); ++k) {
        const auto& t = c.tickets[k];
        if (!is_open(t)) continue;
        // What the agent tells the customer: the complaint, its state and the clock time of its deadline.
        std::string text = tr("Open complaint") + " " + ticket_number(t) + " «" + stored_text(m_tr, t.subject) + "»";
        Tone tone = Tone::warning;
        if (slas && k < slas->size()) {
            const auto& s = (*slas)[k];
            text += ": " + sla_clock(s, now);
            if (s.state == sla::State::breached) tone = Tone::danger;
        }
        v.banners.push_back({tone, text, "complaint"});
    }
}

void CardPresenter::add_preference_alerts(CardView& v, const card::Card& c, model::Timestamp now) const {
    const auto& p = c.preferences;
    if (p.do_not_call) v.banners.push_back({Tone::warning, tr("Do not call"), "do_not_call"});
    if (p.quiet_hours.enabled()) {
        // Quiet hours are the customer's: their zone, their phone country's, or the centre's.
        const std::string zone = retention::customer_zone(c.customer, p, m_timezone, now);
        const auto here = retention::local_time(now, zone);
        if (retention::in_quiet_hours(p.quiet_hours, here.minute_of_day)) {
            char text[160];
            std::snprintf(text, sizeof text, tr("Quiet hours now: %02d:%02d for the customer (%s), until %02d:%02d").c_str(),
                          here.minute_of_day / 60, here.minute_of_day % 60, zone.c_str(), p.quiet_hours.to_minute / 60,
                          p.quiet_hours.to_minute % 60);
            v.banners.push_back({Tone::warning, text, "quiet_hours_now"});
        }
    }
    if (p.calls_themselves)
        v.banners.push_back({Tone::warning, tr("Wants to be left alone: calls us themselves"), "calls_themselves"});
    if (p.written_only) v.banners.push_back({Tone::warning, tr("Written proposals only: no sales calls"), "written_only"});
}

void CardPresenter::add_banners(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas,
                                model::Timestamp now) const {
    using model::LifecycleStatus;
    add_status_alerts(v, c);
    add_complaint_alerts(v, c, slas, now);
    add_preference_alerts(v, c, now);
    const auto& sat = c.retention.satisfaction;
    if (sat.warning) {
        char text[160];
        std::snprintf(text, sizeof text, tr("Satisfaction %.1f of 5, under 4.5: reach out before they leave").c_str(), sat.index);
        v.banners.push_back({Tone::warning, text, "satisfaction"});
    }
    // Early warnings are about a customer still buying; a lost or sleeping one has a status instead.
    const auto status = c.status.status;
    if (status == LifecycleStatus::active || status == LifecycleStatus::at_risk || status == LifecycleStatus::returned)
        for (const auto& s : c.retention.status.signals)
            if (s.code != "low_satisfaction")
                v.banners.push_back({Tone::warning, tr("Early warning:") + std::string(" ") +
                                                        (s.text.empty() ? privacy::mask_card_numbers(s.fact) : text_of(s.text)),
                                     "signal"});
    if (c.matches.size() > 1)  // an office line or a family phone: the first card may be the wrong person
        v.banners.push_back({Tone::warning,
                             counted(m_tr, NP_("{1} customer has this number. Choose in the list on the left.",
                                               "{1} customers have this number. Choose in the list on the left."),
                                     static_cast<long long>(c.matches.size())),
                             "shared_number"});
    for (const auto& s : c.sources) {
        // A source that failed costs its part of the card; the agent must know which part is missing.
        if (s.status == card::SourceStatus::ok || s.status == card::SourceStatus::pending) continue;
        char text[256];
        std::snprintf(text, sizeof text, tr("Part of the card is missing: %s (%s)").c_str(), s.name.c_str(),
                      tr(card::to_string(s.status)).c_str());
        v.banners.push_back({Tone::warning, text, "source_missing"});
    }
    if (!c.preferences.irritants.empty())
        v.banners.push_back({Tone::normal, tr("Irritates them:") + std::string(" ") + privacy::mask_card_numbers(c.preferences.irritants),
                             "irritants"});
}

void CardPresenter::add_next_offer(CardView& v, const card::Card& c) const {
    const retention::Eligibility* refused = nullptr;
    const model::Offer* refused_offer = nullptr;
    for (std::size_t k = 0; k < c.offers.size(); ++k) {  // the card's order: priority first
        const auto& o = c.offers[k];
        if (!model::is_open(o.status) || k >= c.retention.offers.size()) continue;
        const auto& e = c.retention.offers[k];
        if (!e.eligible) {
            if (!refused) refused = &e, refused_offer = &o;
            continue;
        }
        std::string text = tr("Offer now:") + " " + privacy::mask_card_numbers(o.product);
        if (!o.script.empty()) text += " — " + privacy::mask_card_numbers(o.script);
        if (!e.caution.empty()) text += " (" + text_of(e.caution) + ")";
        v.next_offer = {e.caution.empty() ? Tone::good : Tone::warning, text, "next_offer"};
        return;
    }
    if (refused)
        v.next_offer = {Tone::muted,
                        tr("No offer now:") + " " + privacy::mask_card_numbers(refused_offer->product) + " — " + tr(refused->rule.c_str()) +
                            ": " + (refused->why.empty() ? refused->reason : text_of(refused->why)),
                        "no_offer"};
}

std::vector<Row> CardPresenter::timeline_rows(const std::vector<model::Interaction>& items) const {
    std::vector<Row> rows;
    rows.reserve(items.size());
    for (const auto& i : items) {
        auto code = m_dispositions.find(i.disposition);
        const std::string result = i.disposition.empty() ? "" : "[" + (code == m_dispositions.end() ? i.disposition : code->second) + "] ";
        rows.push_back({{when(i.occurred_at), tr(model::to_string(i.channel)), tr(model::to_string(i.direction)),
                         i.source_system, result + (i.details.empty() ? privacy::mask_card_numbers(i.summary) : text_of(util::Message::from_json(i.details)))},
                        Tone::normal, i.id});
    }
    return rows;
}

std::string CardPresenter::timeline_caption(std::size_t shown, long long total) const {
    // Only a part of the history is news: "Showing 15 of 15" under every tab said nothing (m9).
    if (static_cast<long long>(shown) >= total) return {};
    // The noun follows the total ("из 21 записи", "от 21 записа").
    return counted(m_tr, NP_("Showing {2} of {1} entry", "Showing {2} of {1} entries"), total,
                   {group_thousands(static_cast<long long>(shown))});
}

void CardPresenter::add_timeline(CardView& v, const card::Card& c) const {
    v.timeline.columns = {tr("When"), tr("Channel"), tr("Direction"), tr("Source"), tr("Summary")};
    v.timeline.rows = timeline_rows(c.interactions.items);
    v.timeline.caption = timeline_caption(c.interactions.items.size(), c.interactions.total);
    v.timeline_total = static_cast<std::size_t>(c.interactions.total);
}

// "no — quiet_hours: 22:10 at the customer's" in the screen's language: the core's English reason only
// when a rule gave no template.
std::string CardPresenter::refusal(const retention::Eligibility& e) const {
    return tr("no") + std::string(" — ") + tr(e.rule.c_str()) + ": " + (e.why.empty() ? e.reason : text_of(e.why));
}

void CardPresenter::add_offers(CardView& v, const card::Card& c) const {
    v.offers.columns = {tr("Product"), tr("Priority"), tr("Channel"), tr("Valid until"), tr("Status"), tr("May offer now"),
                        tr("Next step")};
    for (std::size_t k = 0; k < c.offers.size(); ++k) {
        const auto& o = c.offers[k];
        const retention::Eligibility* e = k < c.retention.offers.size() ? &c.retention.offers[k] : nullptr;
        const bool open = o.status == model::OfferStatus::planned || o.status == model::OfferStatus::in_progress ||
                          o.status == model::OfferStatus::postponed;
        // A closed offer is done with: whether it "may be offered" is no question any more.
        const std::string may = !e || !open ? "" : e->eligible ? tr("yes") : refusal(*e);
        std::string step = o.next_step.kind == model::NextStepKind::none
                               ? ""
                               : tr(model::to_string(o.next_step.kind)) + " " + when(o.next_step.at) + " " + o.next_step.address + " " + privacy::mask_card_numbers(o.next_step.note);
        Tone tone = open ? (e && !e->eligible ? Tone::muted : Tone::normal) : Tone::muted;
        v.offers.rows.push_back({{privacy::mask_card_numbers(o.product), std::to_string(o.priority), tr(model::to_string(o.channel)),
                                  when(o.valid_until), tr(model::to_string(o.status)), may, step},
                                 tone, o.id});
    }
}

void CardPresenter::add_tickets(CardView& v, const card::Card& c, const std::vector<sla::TicketSla>* slas,
                                model::Timestamp now) const {
    v.tickets.columns = {tr("Ticket"), tr("SLA"), tr("Problem"), tr("Severity"), tr("Status"), tr("Opened"), tr("Subject")};
    for (std::size_t k = 0; k < c.tickets.size(); ++k) {
        const auto& t = c.tickets[k];
        const bool open = t.status == model::TicketStatus::open || t.status == model::TicketStatus::waiting_customer;
        std::string clock = "—";
        Tone tone = open ? Tone::normal : Tone::muted;
        if (open && slas && k < slas->size()) {
            // The countdown in working time, coloured by the clock's state (breached, warning, paused, ok).
            const auto& s = (*slas)[k];
            clock = sla_clock(s, now);
            tone = s.state == sla::State::breached ? Tone::danger : s.state == sla::State::warning ? Tone::warning
                   : s.state == sla::State::paused ? Tone::muted : Tone::good;
        }
        // A backend's ticket by its own number: what the agent reads out ("helpdesk SD-412").
        const std::string number = card::is_local(t) ? "#" + std::to_string(t.id) : t.source_system + " " + t.external_id;
        v.tickets.rows.push_back({{number, clock, tr(t.problem_type.c_str()), std::to_string(t.severity) + "/5",
                                   tr(model::to_string(t.status)), when(t.created_at), stored_text(m_tr, t.subject)},
                                  tone, t.id});
    }
}

void CardPresenter::add_contacts(CardView& v, const card::Card& c) const {
    v.contacts.columns = {tr("Due"), tr("Type"), tr("Status"), tr("May contact now"), tr("Outcome")};
    for (std::size_t i = 0; i < c.contacts.size(); ++i) {
        const auto& k = c.contacts[i];
        const bool planned = k.status == model::ContactStatus::planned;
        const retention::ContactView* view = planned && i < c.retention.contacts.size() ? &c.retention.contacts[i] : nullptr;
        const retention::Eligibility* e = view ? &view->eligibility : nullptr;
        // What may be done on the contact's own channel: a welcome letter is sent, not called.
        const std::string may = !e ? "" : e->eligible ? tr(contact_now(view->channel))
                                                      : refusal(*e);
        const std::string outcome = privacy::mask_card_numbers(k.outcome) +
                                    (k.answers.satisfaction ? " (" + std::to_string(k.answers.satisfaction) + "/5)" : std::string());
        v.contacts.rows.push_back({{format_day(m_tr, k.due), tr(model::to_string(k.type)), tr(model::to_string(k.status)), may, outcome},
                                   planned ? Tone::normal : Tone::muted, k.id});
    }
}

void CardPresenter::add_preferences(CardView& v, const card::Card& c) const {
    const auto& p = c.preferences;
    // "Value" is also the header's worth row ("Ценность"); a setting's value is another word ("Значение").
    v.preferences.columns = {tr("Preference"), tr(NC_("a setting's value", "Value"))};
    auto yes_no = [this](bool b) { return b ? tr("yes") : tr("no"); };
    auto channels = [this](const std::set<model::Channel>& s, const char* empty) {
        std::string out;
        for (auto ch : s) out += (out.empty() ? "" : ", ") + tr(model::to_string(ch));
        return out.empty() ? tr(empty) : out;
    };
    char quiet[32] = "";
    if (p.quiet_hours.enabled())
        std::snprintf(quiet, sizeof quiet, "%02d:%02d–%02d:%02d", p.quiet_hours.from_minute / 60,
                      p.quiet_hours.from_minute % 60, p.quiet_hours.to_minute / 60, p.quiet_hours.to_minute % 60);
    v.preferences.rows = {
        {{tr("Allowed channels"), channels(p.allowed_channels, "all")}},
        {{tr("Unsubscribed from"), channels(p.unsubscribed, "none")}},
        {{tr("Written only"), yes_no(p.written_only)}, p.written_only ? Tone::warning : Tone::normal},
        {{tr("Do not call"), yes_no(p.do_not_call)}, p.do_not_call ? Tone::warning : Tone::normal},
        {{tr("Always calls us themselves"), yes_no(p.calls_themselves)}},
        {{tr("Quiet hours"), p.quiet_hours.enabled() ? std::string(quiet) + " " + p.timezone : tr("none")}},
        {{tr("What irritates them"), privacy::mask_card_numbers(p.irritants)}},
    };
}

CardView CardPresenter::present(const card::Card& c, model::Timestamp now, const std::vector<sla::TicketSla>* slas) const {
    CardView v;
    add_header(v, c);
    add_banners(v, c, slas, now);
    add_next_offer(v, c);
    v.pinned_note = privacy::mask_card_numbers(c.customer.pinned_note);
    add_timeline(v, c);
    add_offers(v, c);
    add_tickets(v, c, slas, now);
    add_contacts(v, c);
    add_preferences(v, c);
    for (const auto& s : c.sources) {
        Tone tone = s.status == card::SourceStatus::ok ? Tone::good
                    : s.status == card::SourceStatus::pending ? Tone::muted : Tone::danger;
        v.sources.push_back({{s.name == "local" ? tr("local store") : s.name, tr(card::to_string(s.status)),
                              privacy::mask_card_numbers(s.detail)},
                             tone, 0});
    }
    return v;
}

}  // namespace kartoteka::gui
