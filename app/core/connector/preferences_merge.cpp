#include "connector/preferences_merge.h"

#include <algorithm>

#include "retention/contact_policy.h"

namespace kartoteka::connector {
namespace {

using model::Channel;
using model::ContactPreferences;

/// Sources per provenance key, in priority order, each once.
class Sources {
public:
    void add(const std::string& key, const std::string& source) {
        auto& list = m_by_key[key];
        if (std::find(list.begin(), list.end(), source) == list.end()) list.push_back(source);
    }
    void write(std::map<std::string, std::string>& provenance) const {
        for (const auto& [key, list] : m_by_key) {
            std::string joined;
            for (const auto& s : list) joined += (joined.empty() ? "" : ", ") + s;
            provenance[key] = joined;
        }
    }

private:
    std::map<std::string, std::vector<std::string>> m_by_key;
};

std::vector<Channel> every_channel() {
    std::vector<Channel> out;
    for (int i = 0; i <= static_cast<int>(Channel::web); ++i) out.push_back(static_cast<Channel>(i));
    return out;
}

std::string unsubscribed_key(Channel c) { return std::string("preferences.unsubscribed.") + model::to_string(c); }

/// The refusals: any source's flag, every source's unsubscribes, only what every source allows.
void combine_refusals(const std::vector<PreferenceLayer>& layers, ContactPreferences& out, Sources& from) {
    using Flag = bool ContactPreferences::*;
    static const std::pair<const char*, Flag> flags[] = {{"do_not_call", &ContactPreferences::do_not_call},
                                                         {"written_only", &ContactPreferences::written_only},
                                                         {"calls_themselves", &ContactPreferences::calls_themselves}};
    std::vector<const PreferenceLayer*> restricting;
    for (const auto& l : layers) {
        for (const auto& [name, flag] : flags)
            if (l.preferences.*flag) {
                out.*flag = true;
                from.add(std::string("preferences.") + name, l.source);
            }
        for (auto c : l.preferences.unsubscribed) {
            out.unsubscribed.insert(c);
            from.add(unsubscribed_key(c), l.source);
        }
        if (!l.preferences.allowed_channels.empty()) restricting.push_back(&l);
    }
    if (restricting.empty()) return;
    std::set<Channel> allowed = restricting.front()->preferences.allowed_channels;
    for (const auto* l : restricting) {
        std::set<Channel> both;
        for (auto c : allowed)
            if (l->preferences.allowed_channels.count(c)) both.insert(c);
        allowed = std::move(both);
        from.add("preferences.allowed_channels", l->source);
    }
    out.allowed_channels = allowed;
    if (!allowed.empty()) return;
    // Lists that do not overlap allow nothing; an empty allowed list would read as "everything".
    for (auto c : every_channel())
        for (const auto* l : restricting)
            if (!l->preferences.allowed_channels.count(c)) {
                out.unsubscribed.insert(c);
                from.add(unsubscribed_key(c), l->source);
            }
}

bool refused(Channel c, const ContactPreferences& p) {
    return p.unsubscribed.count(c) || (!p.allowed_channels.empty() && !p.allowed_channels.count(c));
}

/// What is not a refusal: the highest-priority source that has it.
void combine_choices(const std::vector<PreferenceLayer>& layers, ContactPreferences& out, Sources& from) {
    bool quiet = false, zone = false, preferred = false, irritants = false;
    for (const auto& l : layers) {
        const auto& p = l.preferences;
        if (!quiet && p.quiet_hours.enabled()) {  // the interval is read in its own source's zone
            quiet = zone = true;
            out.quiet_hours = p.quiet_hours;
            out.timezone = p.timezone;
            from.add("preferences.quiet_hours", l.source);
            if (!p.timezone.empty()) from.add("preferences.timezone", l.source);
        }
        if (!preferred && p.preferred_channel && !refused(*p.preferred_channel, out)) {
            preferred = true;
            out.preferred_channel = p.preferred_channel;
            from.add("preferences.preferred_channel", l.source);
        }
        if (!irritants && !p.irritants.empty()) {
            irritants = true;
            out.irritants = p.irritants;
            from.add("preferences.irritants", l.source);
        }
    }
    for (const auto& l : layers)
        if (!zone && !l.preferences.timezone.empty()) {
            zone = true;
            out.timezone = l.preferences.timezone;
            from.add("preferences.timezone", l.source);
        }
}

/// The provenance key of the preference behind a refusal, for naming its source.
std::string key_of(const retention::Eligibility& e, Channel channel) {
    if (e.rule == "unsubscribed") return unsubscribed_key(channel);
    if (e.rule == "channel_not_allowed") return "preferences.allowed_channels";
    return "preferences." + e.rule;
}

/// A verdict of "may" that the merged preferences now forbid becomes their refusal, saying whose it is.
void recheck(retention::Eligibility& e, Channel channel, const card::Card& card) {
    if (!e.eligible) return;
    auto refusal = retention::check_preferences(channel, card.preferences);
    if (refusal.eligible) return;
    if (auto it = card.provenance.find(key_of(refusal, channel)); it != card.provenance.end())
        refusal.reason += " (" + it->second + ")";
    e = std::move(refusal);
}

}  // namespace

ContactPreferences combine_preferences(std::vector<PreferenceLayer> layers, std::map<std::string, std::string>& provenance) {
    std::stable_sort(layers.begin(), layers.end(), [](const auto& a, const auto& b) { return a.priority > b.priority; });
    ContactPreferences out;
    Sources from;
    for (const auto& l : layers) from.add("preferences", l.source);
    combine_refusals(layers, out, from);
    combine_choices(layers, out, from);
    from.write(provenance);
    return out;
}

void merge_preferences(card::Card& card, int local_priority, const std::vector<Contribution>& parts) {
    const bool any = std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.record.preferences.has_value(); });
    if (!any) return;
    const ContactPreferences local = card.preferences;
    std::vector<PreferenceLayer> layers;
    if (local.version > 0) layers.push_back({"local", local_priority, local});  // first: the local row wins ties
    for (const auto& p : parts)
        if (p.record.preferences) layers.push_back({p.source, p.priority, *p.record.preferences});
    card.preferences = combine_preferences(std::move(layers), card.provenance);
    card.preferences.customer_id = card.customer.id;
    card.preferences.version = local.version;
    card.preferences.updated_at = local.updated_at;
    for (std::size_t k = 0; k < card.offers.size() && k < card.retention.offers.size(); ++k)
        recheck(card.retention.offers[k], card.offers[k].channel, card);
    for (auto& c : card.retention.contacts)
        if (c.contact.status == model::ContactStatus::planned) recheck(c.eligibility, c.channel, card);
}

}  // namespace kartoteka::connector
