#include "search/customer_search.h"

#include <algorithm>
#include <charconv>

#include "util/text.h"

namespace kartoteka::search {

const char* to_string(MatchedBy m) noexcept {
    switch (m) {
    case MatchedBy::phone: return "phone";
    case MatchedBy::email: return "email";
    case MatchedBy::id: return "id";
    case MatchedBy::reference: return "reference";
    case MatchedBy::name: return "name";
    }
    return "?";
}

void CustomerSearch::add(std::vector<Hit>& hits, model::Id id, MatchedBy how, int limit) {
    if (static_cast<int>(hits.size()) >= limit) return;
    for (const auto& h : hits)
        if (h.customer.id == id) return;
    if (auto c = m_store.customer(id)) {
        Hit h;
        h.customer = std::move(*c);
        h.matched_by = how;
        h.synced = m_store.synced_copy(id);
        hits.push_back(std::move(h));
    }
}

std::vector<model::Id> CustomerSearch::by_phone(const std::string& text) {
    auto e164 = m_phones.normalize(text);
    if (!e164) return {};
    return m_store.customers_by_phone(*e164);
}

namespace {

/// A tel:, sip:, sips: or callto: URI, bare or in angle brackets: a phone whatever else it looks like
/// (a SIP URI has an "@" and a ":", as an email and a backend reference do).
bool is_phone_uri(const std::string& q) {
    std::string_view s(q);
    if (!s.empty() && s.front() == '<') s.remove_prefix(1);
    const std::string head = util::fold_case(s.substr(0, 7));
    for (std::string_view scheme : {"tel:", "sip:", "sips:", "callto:"})
        if (head.rfind(scheme, 0) == 0) return true;
    return false;
}

}  // namespace

Reading read_query(const std::string& raw, const phone::PhoneNormalizer& phones) {
    using Kind = Reading::Kind;
    const std::string q = util::trim(raw);
    if (q.empty() || (q[0] == '#' && util::all_digits(q.substr(1)))) return {};  // empty, or a local id
    const bool uri = is_phone_uri(q);
    const bool one_word = q.find(' ') == std::string::npos;
    if (!uri && one_word && q.find('@') != std::string::npos) return {Kind::email, util::fold_case(q), ""};
    if (auto colon = q.find(':'); !uri && one_word && colon != std::string::npos && colon > 0)
        return {Kind::reference, q.substr(colon + 1), q.substr(0, colon)};
    if (const auto caller = phones.parse(q); caller.is_number()) return {Kind::phone, caller.e164, ""};
    // Digits that are no phone are a local id; a tel: URI that is no number is nothing.
    if (uri || util::all_digits(q)) return {};
    return {Kind::name, q, ""};
}

std::vector<Hit> CustomerSearch::find(const std::string& raw, int limit) {
    std::vector<Hit> hits;
    const std::string q = util::trim(raw);
    if (q.empty() || limit <= 0) return hits;

    // "#42": a local id, always.
    if (q.size() > 1 && q[0] == '#' && util::all_digits(q.substr(1))) {
        model::Id id = 0;
        std::from_chars(q.data() + 1, q.data() + q.size(), id);
        add(hits, id, MatchedBy::id, limit);
        return hits;
    }
    const bool uri = is_phone_uri(q);
    if (!uri && q.find('@') != std::string::npos && q.find(' ') == std::string::npos) {
        for (auto id : m_store.customers_by_email(util::fold_case(q))) add(hits, id, MatchedBy::email, limit);
        return hits;
    }
    // "system:external-id": a backend's own reference.
    if (auto colon = q.find(':'); !uri && colon != std::string::npos && colon > 0 && q.find(' ') == std::string::npos) {
        if (auto id = m_store.customer_by_ref(q.substr(0, colon), q.substr(colon + 1)))
            add(hits, *id, MatchedBy::reference, limit);
        return hits;
    }
    // The caller-id parser decides what is a phone: any notation, extensions included ("8 (423)
    // 202-25-11, доб. 100" is the number +74232022511). A withheld id ("Anonymous") may still be a name.
    if (const auto caller = m_phones.parse(q); caller.is_number()) {
        for (auto id : m_store.customers_by_phone(caller.e164)) add(hits, id, MatchedBy::phone, limit);
        if (!hits.empty()) return hits;
    }
    if (uri) return hits;
    // Short digit strings are local ids (a phone needs at least five digits and a valid number).
    if (util::all_digits(q) && q.size() <= 12) {
        model::Id id = 0;
        std::from_chars(q.data(), q.data() + q.size(), id);
        add(hits, id, MatchedBy::id, limit);
        if (!hits.empty()) return hits;
    }
    for (auto id : m_store.customers_by_name_prefix(util::fold_case(q), limit)) add(hits, id, MatchedBy::name, limit);
    return hits;
}

}  // namespace kartoteka::search
