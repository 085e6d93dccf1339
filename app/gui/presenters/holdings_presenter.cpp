#include "presenters/holdings_presenter.h"

#include <cstdarg>
#include <cstdio>

#include "card/card_review.h"
#include "privacy/account_number_mask.h"
#include "privacy/card_number_mask.h"
#include "retention/contact_policy.h"

namespace kartoteka::gui {
namespace {

const char* kind_name(model::HoldingKind k) {
    switch (k) {
    case model::HoldingKind::account: return "Account";
    case model::HoldingKind::card: return "Payment card";
    case model::HoldingKind::subscription: return "Subscription";
    case model::HoldingKind::tariff: return "Tariff";
    case model::HoldingKind::service: return "Linked service";
    }
    return "Account";
}

const char* status_name(model::HoldingStatus s) {
    switch (s) {
    case model::HoldingStatus::active: return "Active";
    case model::HoldingStatus::blocked: return "Blocked";
    case model::HoldingStatus::suspended: return "Suspended";
    case model::HoldingStatus::closed: return "Closed";
    }
    return "Active";
}

const char* channel_name(model::FeedbackChannel c) {
    switch (c) {
    case model::FeedbackChannel::contact: return "In contacts";
    case model::FeedbackChannel::review: return "In reviews";
    case model::FeedbackChannel::survey: return "In surveys";
    }
    return "In contacts";
}

}  // namespace

HoldingsPresenter::HoldingsPresenter(Translate tr, std::string language, std::string zone)
    : m_tr(std::move(tr)), m_language(std::move(language)), m_zone(std::move(zone)) {
    // Balances and the grade's amounts in the language's money format, as the card's header writes money.
    const char decimal = m_language == "en" ? '.' : ',';
    m_tr.set_money([decimal](long long minor, const std::string& code) { return CardPresenter::money(minor, code, decimal); });
}

std::string HoldingsPresenter::format(const char* english, ...) const {
    const std::string pattern = tr(english);
    char buf[512];
    va_list args;
    va_start(args, english);
    std::vsnprintf(buf, sizeof buf, pattern.c_str(), args);
    va_end(args);
    return buf;
}

std::string HoldingsPresenter::when(model::Timestamp t) const {
    return format_moment(m_tr, t, m_zone);
}

std::string HoldingsPresenter::age(model::Timestamp s) const {
    const long long v = s;
    if (v < 60) return format("%llds", v);
    if (v < 3600) return format("%lldm", v / 60);
    if (v < 86400) return format("%lldh %02lldm", v / 3600, v % 3600 / 60);
    return counted(m_tr, NP_("{1} day {2} h", "{1} days {2} h"), v / 86400, {std::to_string(v % 86400 / 3600)});
}

void HoldingsPresenter::add_holdings(HoldingsView& v, const card::Card& c) const {
    v.holdings.columns = {tr("Kind"), tr("Product"), tr("Number"), tr("Balance"), tr("Status"), tr("As of"), tr("Source")};
    for (const auto& h : c.holdings) {
        Row r;
        r.id = h.id;
        std::string balance;
        if (h.balance) balance = m_tr.money(h.balance->minor, h.balance->currency);
        // A down backend's balance is its last good read: said so with its age, never shown as current.
        std::string as_of = when(h.as_of);
        if (h.stale) as_of = format("STALE, %s old (%s)", age(card::holding_age(c, h)).c_str(), as_of.c_str());
        r.cells = {tr(kind_name(h.kind)), privacy::mask_card_numbers(h.product), privacy::mask_account_number(h.number),
                   balance, tr(status_name(h.status)), as_of, h.source_system};
        r.tone = h.stale ? Tone::warning : h.status == model::HoldingStatus::closed ? Tone::muted
                 : h.status == model::HoldingStatus::active                         ? Tone::normal
                                                                                    : Tone::danger;
        v.holdings.rows.push_back(std::move(r));
    }
    v.holdings.caption = c.holdings.empty() ? tr("No source reports anything this customer holds.") : "";
}

void HoldingsPresenter::add_satisfaction(HoldingsView& v, const retention::Satisfaction& s) const {
    if (s.ratings == 0) {
        v.satisfaction = tr("no ratings yet");
        v.satisfaction_tone = Tone::muted;
    } else {
        char index[32];
        std::snprintf(index, sizeof index, "%.2f", s.index);
        v.satisfaction = counted(m_tr, NP_("{2} of 5 ({1} rating)", "{2} of 5 ({1} ratings)"), s.ratings, {index});
        if (s.warning) v.satisfaction += " — " + format("under %.2f: a warning", s.warn_below);
        v.satisfaction_tone = s.warning ? Tone::warning : Tone::good;
    }
    for (const auto& ch : s.channels) {
        char mean[32], weight[32];
        std::snprintf(mean, sizeof mean, "%.2f", ch.mean);
        std::snprintf(weight, sizeof weight, "%g", ch.weight);
        const std::vector<std::string> values{tr(channel_name(ch.channel)), mean, weight};
        v.why.push_back(ch.weight > 0 ? counted(m_tr, NP_("{2}: mean {3} of {1} rating, weight {4}", "{2}: mean {3} of {1} ratings, weight {4}"),
                                                ch.ratings, values)
                                      : counted(m_tr, NP_("{2}: mean {3} of {1} rating, not counted", "{2}: mean {3} of {1} ratings, not counted"),
                                                ch.ratings, values));
    }
    for (const auto& in : s.inputs) {
        std::string line = format("%d on %s, %s [%s]", in.score, when(in.at).c_str(), tr(channel_name(in.channel)).c_str(),
                                  in.source.c_str());
        if (!in.text.empty()) line += ": " + privacy::mask_card_numbers(in.text);
        v.why.push_back(std::move(line));
    }
}

void HoldingsPresenter::add_grade(HoldingsView& v, const retention::GradeView& g) const {
    v.grade = format("Grade %c", g.grade);
    for (const auto& p : g.privileges) v.privileges.push_back(retention::privilege_text(p, m_language));
    if (!g.next) return;
    v.next = format("Grade %c would add:", g.next);
    for (const auto& p : g.next_adds) v.next_adds.push_back(retention::privilege_text(p, m_language));
    for (const auto& m : g.missing) v.missing.push_back(privacy::mask_card_numbers(m.in(m_tr)));
}

HoldingsView HoldingsPresenter::present(const card::Card& c) const {
    HoldingsView v;
    add_holdings(v, c);
    add_satisfaction(v, c.retention.satisfaction);
    add_grade(v, c.retention.grade);
    return v;
}

}  // namespace kartoteka::gui
