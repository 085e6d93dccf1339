#include "search/customer_search.h"

#include <algorithm>
#include <charconv>

#include "util/text.h"
#include "util/translit.h"

namespace kartoteka::search {

const char* to_string(MatchedBy m) noexcept {
    switch (m) {
    case MatchedBy::phone: return "phone";
    case MatchedBy::email: return "email";
    case MatchedBy::id: return "id";
    case MatchedBy::reference: return "reference";
    case MatchedBy::name: return "name";
    case MatchedBy::last_digits: return "last digits";
    case MatchedBy::latin: return "Latin spelling";
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

/// Fewer digits than this match too many numbers' ends to be worth listing.
constexpr std::size_t kMinEndingDigits = 4;

/// The digits of text made only of digits and phone punctuation ("369-11-54" -> "3691154"); "" for
/// anything else (a name, an address, a URI).
std::string typed_digits(const std::string& q) {
    std::string digits;
    for (char c : q) {
        if (c >= '0' && c <= '9') digits += c;
        else if (std::string_view(" -().+/").find(c) == std::string_view::npos) return {};
    }
    return digits;
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
    if (const auto elsewhere = phones.readings_elsewhere(q); elsewhere.size() == 1)
        return {Kind::phone, elsewhere.front(), ""};
    // Digits that are no phone are a local id or a number's end, which backends are not asked by; a tel:
    // URI that is no number is nothing.
    if (uri || !typed_digits(q).empty()) return {};
    return {Kind::name, q, ""};
}

model::Customer prefill_from_query(const std::string& query, const phone::PhoneNormalizer& phones) {
    model::Customer c;
    const Reading r = read_query(query, phones);
    if (r.kind == Reading::Kind::phone) {
        c.phones = {phones.display(r.value)};
    } else if (r.kind == Reading::Kind::email) {
        c.emails = {util::trim(query)};
    } else if (r.kind == Reading::Kind::name) {
        const auto words = util::split_words(r.value);
        if (!words.empty()) c.last_name = words[0];
        if (words.size() > 1) c.first_name = words[1];
        for (std::size_t i = 2; i < words.size(); ++i) c.middle_name += (i > 2 ? " " : "") + words[i];
    }
    return c;
}

std::vector<Hit> CustomerSearch::find(const std::string& raw, int limit, std::vector<MatchedBy>* tried) {
    std::vector<Hit> hits;
    std::vector<MatchedBy> ways;
    const std::string q = util::trim(raw);
    const bool uri = is_phone_uri(q);
    const bool one_word = q.find(' ') == std::string::npos;
    if (q.empty() || limit <= 0) {
        // nothing to look for
    } else if (q.size() > 1 && q[0] == '#' && util::all_digits(q.substr(1))) {  // "#42": a local id, always
        model::Id id = 0;
        std::from_chars(q.data() + 1, q.data() + q.size(), id);
        ways.push_back(MatchedBy::id);
        add(hits, id, MatchedBy::id, limit);
    } else if (!uri && one_word && q.find('@') != std::string::npos) {  // a whole address, any case
        ways.push_back(MatchedBy::email);
        for (auto id : m_store.customers_by_email(util::fold_case(q))) add(hits, id, MatchedBy::email, limit);
    } else if (auto colon = q.find(':'); !uri && one_word && colon != std::string::npos && colon > 0) {
        // "system:external-id": a backend's own reference.
        ways.push_back(MatchedBy::reference);
        if (auto id = m_store.customer_by_ref(q.substr(0, colon), q.substr(colon + 1)))
            add(hits, *id, MatchedBy::reference, limit);
    } else {
        find_typed(q, limit, hits, ways);
    }
    if (tried) *tried = std::move(ways);
    return hits;
}

void CustomerSearch::find_typed(const std::string& q, int limit, std::vector<Hit>& hits, std::vector<MatchedBy>& ways) {
    const bool uri = is_phone_uri(q);
    // The caller-id parser decides what is a phone: any notation, extensions included ("8 (423)
    // 202-25-11, доб. 100" is the number +74232022511). A withheld id ("Anonymous") may still be a name.
    if (const auto caller = m_phones.parse(q); caller.is_number()) {
        ways.push_back(MatchedBy::phone);
        for (auto id : m_store.customers_by_phone(caller.e164)) add(hits, id, MatchedBy::phone, limit);
    } else if (!uri) {
        // No number at home: a national number of another region the centre serves ("0871 250 405").
        const auto elsewhere = m_phones.readings_elsewhere(q);
        if (!elsewhere.empty()) ways.push_back(MatchedBy::phone);
        for (const auto& e164 : elsewhere)
            for (auto id : m_store.customers_by_phone(e164)) add(hits, id, MatchedBy::phone, limit);
    }
    if (!hits.empty() || uri) return;
    if (const std::string digits = typed_digits(q); !digits.empty()) return find_digits(q, digits, limit, hits, ways);
    find_names(q, limit, hits, ways);
}

void CustomerSearch::find_digits(const std::string& q, const std::string& digits, int limit, std::vector<Hit>& hits,
                                 std::vector<MatchedBy>& ways) {
    // Short digit strings are local ids (a phone needs a valid number), and from four digits on also
    // the end of a number, as agents read it off a note or hear it: "369-11-54", "11-54".
    if (util::all_digits(q) && q.size() <= 12) {
        model::Id id = 0;
        std::from_chars(q.data(), q.data() + q.size(), id);
        ways.push_back(MatchedBy::id);
        add(hits, id, MatchedBy::id, limit);
    }
    // "+7 916 12" is the start of a whole number being typed, not the end of one.
    if (digits.size() < kMinEndingDigits || q.front() == '+') return;
    ways.push_back(MatchedBy::last_digits);
    for (auto id : m_store.customers_by_phone_ending(digits, limit)) add(hits, id, MatchedBy::last_digits, limit);
}

void CustomerSearch::find_names(const std::string& q, int limit, std::vector<Hit>& hits, std::vector<MatchedBy>& ways) {
    ways.push_back(MatchedBy::name);
    for (auto id : m_store.customers_by_name_prefix(util::fold_case(q), limit)) add(hits, id, MatchedBy::name, limit);
    // The same name in the other script: "Smirnova" finds Смирнова, "Мария" finds Maria (util/translit.h).
    if (const std::string latin = util::latin_key(q); !latin.empty()) {
        ways.push_back(MatchedBy::latin);
        for (auto id : m_store.customers_by_latin_prefix(latin, limit)) add(hits, id, MatchedBy::latin, limit);
    }
    // One word may be the part of an address before the "@": "ivanov" finds ivanov@example.ru.
    if (q.find(' ') == std::string::npos) {
        ways.push_back(MatchedBy::email);
        for (auto id : m_store.customers_by_email_local(util::fold_case(q), limit)) add(hits, id, MatchedBy::email, limit);
    }
}

}  // namespace kartoteka::search
