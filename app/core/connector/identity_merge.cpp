#include "connector/identity_merge.h"

#include <algorithm>
#include <set>

#include "connector/preferences_merge.h"
#include "util/text.h"

namespace kartoteka::connector {
namespace {

struct Layer {
    std::string source;
    int priority;
    const model::Customer* customer;
};

bool shares(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a)
        if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    return false;
}

template <class T>
void add_unique(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& v : from)
        if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
}

/// Grows the identity with every matching record until nothing new matches, so a chain such as
/// local --phone-- crm --ref-- billing joins all three.
std::vector<Layer> accepted_layers(model::Customer& identity, std::vector<Layer> candidates,
                                   std::vector<std::string>* rejected) {
    std::vector<Layer> accepted;
    bool grew = true;
    while (grew) {
        grew = false;
        for (auto it = candidates.begin(); it != candidates.end();) {
            if (!same_person(identity, *it->customer)) { ++it; continue; }
            add_unique(identity.phones, it->customer->phones);
            add_unique(identity.emails, it->customer->emails);
            add_unique(identity.refs, it->customer->refs);
            accepted.push_back(*it);
            it = candidates.erase(it);
            grew = true;
        }
    }
    if (rejected)
        for (const auto& c : candidates) rejected->push_back(c.source);
    return accepted;
}

void merge_customer(card::Card& card, std::vector<Layer> layers) {
    std::stable_sort(layers.begin(), layers.end(), [](const Layer& a, const Layer& b) { return a.priority > b.priority; });
    using Field = std::string model::Customer::*;
    static const std::pair<const char*, Field> fields[] = {
        {"first_name", &model::Customer::first_name}, {"middle_name", &model::Customer::middle_name},
        {"last_name", &model::Customer::last_name},   {"company", &model::Customer::company},
        {"language", &model::Customer::language}};
    model::Customer& out = card.customer;
    for (const auto& [name, field] : fields) {
        for (const auto& l : layers) {
            if ((l.customer->*field).empty()) continue;
            out.*field = l.customer->*field;
            card.provenance[name] = l.source;
            break;
        }
    }
    std::vector<std::string> phones, emails;
    std::vector<model::ExternalRef> refs;
    for (const auto& l : layers) {
        if (phones.empty() && !l.customer->phones.empty()) card.provenance["phone"] = l.source;
        if (emails.empty() && !l.customer->emails.empty()) card.provenance["email"] = l.source;
        add_unique(phones, l.customer->phones);
        add_unique(emails, l.customer->emails);
        add_unique(refs, l.customer->refs);
    }
    out.phones = std::move(phones);
    out.emails = std::move(emails);
    out.refs = std::move(refs);
}

/// Appends records not already present (same source and backend id).
template <class T>
int append_new(std::vector<T>& into, std::vector<T> from, const std::string& source, model::Id customer_id) {
    std::set<std::pair<std::string, std::string>> have;
    for (const auto& r : into)
        if (!r.external_id.empty()) have.insert({r.source_system, r.external_id});
    int added = 0;
    for (auto& r : from) {
        if (r.source_system.empty()) r.source_system = source;
        r.customer_id = customer_id;
        if (!r.external_id.empty() && !have.insert({r.source_system, r.external_id}).second) continue;
        into.push_back(std::move(r));
        ++added;
    }
    return added;
}

/// The same holding or rating reached through two paths (the store's copy of a billing record and the
/// billing system itself, under another name): same backend id and the same content. Counted twice it
/// would double a balance on screen and a rating in the satisfaction index.
bool same_record(const model::Holding& a, const model::Holding& b) {
    return !a.external_id.empty() && a.external_id == b.external_id && a.kind == b.kind && a.product == b.product &&
           a.number == b.number;
}
bool same_record(const model::Feedback& a, const model::Feedback& b) {
    return !a.external_id.empty() && a.external_id == b.external_id && a.channel == b.channel && a.score == b.score;
}

/// A holding the store has a copy of is replaced by the source's read (its balance is the newer one); a
/// rating seen twice is kept once.
void drop_copies(card::Card& card) {
    std::vector<model::Holding> holdings;
    for (auto& h : card.holdings) {
        auto it = std::find_if(holdings.begin(), holdings.end(), [&h](const auto& k) { return same_record(k, h); });
        if (it == holdings.end()) holdings.push_back(std::move(h));
        else if (it->id != 0 && h.id == 0) *it = std::move(h);  // the store's copy gives way to the live read
    }
    card.holdings = std::move(holdings);
    std::vector<model::Feedback> feedback;
    for (auto& f : card.feedback)
        if (std::none_of(feedback.begin(), feedback.end(), [&f](const auto& k) { return same_record(k, f); }))
            feedback.push_back(std::move(f));
    card.feedback = std::move(feedback);
}

void merge_activity(card::Card& card, int local_priority, std::vector<Contribution>& parts) {
    merge_preferences(card, local_priority, parts);  // first: it rechecks the local offers, still in step with their verdicts
    for (auto& p : parts) {
        const model::Id id = card.customer.id;
        card.interactions.total += append_new(card.interactions.items, std::move(p.record.interactions), p.source, id);
        append_new(card.offers, std::move(p.record.offers), p.source, id);
        append_new(card.tickets, std::move(p.record.tickets), p.source, id);
        append_new(card.holdings, std::move(p.record.holdings), p.source, id);
        append_new(card.feedback, std::move(p.record.feedback), p.source, id);
    }
    drop_copies(card);
    std::stable_sort(card.feedback.begin(), card.feedback.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
    auto& items = card.interactions.items;
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.occurred_at > b.occurred_at; });
    std::stable_sort(card.offers.begin(), card.offers.end(), [](const auto& a, const auto& b) { return a.priority > b.priority; });
    std::stable_sort(card.tickets.begin(), card.tickets.end(),
                     [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
}

}  // namespace

bool same_person(const model::Customer& a, const model::Customer& b) {
    if (shares(a.phones, b.phones) || shares(a.emails, b.emails)) return true;
    for (const auto& r : a.refs)
        if (std::find(b.refs.begin(), b.refs.end(), r) != b.refs.end()) return true;
    return false;
}

void normalize_customer(model::Customer& c, const phone::PhoneNormalizer& phones) {
    std::vector<std::string> p, e;
    for (const auto& raw : c.phones)
        if (auto n = phones.normalize(raw)) add_unique(p, std::vector<std::string>{*n});
    for (const auto& raw : c.emails) {
        std::string v = util::fold_case(util::trim(raw));
        if (!v.empty()) add_unique(e, std::vector<std::string>{v});
    }
    c.phones = std::move(p);
    c.emails = std::move(e);
}

card::Card merge_card(const std::optional<card::Card>& local, int local_priority, std::vector<Contribution> parts,
                      const Lookup& lookup, const phone::PhoneNormalizer& phones, std::vector<std::string>* rejected) {
    card::Card card = local ? *local : card::Card{};
    std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.priority > b.priority; });
    std::vector<Layer> candidates;
    for (auto& p : parts)
        if (p.record.customer) {
            normalize_customer(*p.record.customer, phones);
            candidates.push_back({p.source, p.priority, &*p.record.customer});
        }
    model::Customer identity = card.customer;
    if (!lookup.phone.empty()) add_unique(identity.phones, std::vector<std::string>{lookup.phone});
    if (!lookup.email.empty()) add_unique(identity.emails, std::vector<std::string>{lookup.email});
    add_unique(identity.refs, lookup.refs);
    std::vector<Layer> layers;
    if (local) layers.push_back({"local", local_priority, &local->customer});
    for (const auto& l : accepted_layers(identity, candidates, rejected)) layers.push_back(l);
    merge_customer(card, layers);
    std::set<std::string> accepted;
    for (const auto& l : layers) accepted.insert(l.source);
    // Activity of a source whose customer record belongs to someone else stays off this card; a source
    // that returned activity without a customer record was asked by this customer's keys, so it counts.
    std::vector<Contribution> kept;
    for (auto& p : parts)
        if (!p.record.customer || accepted.count(p.source)) kept.push_back(std::move(p));
    merge_activity(card, local_priority, kept);
    return card;
}

}  // namespace kartoteka::connector
