#include "connector/record_rows.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "connector/connector.h"
#include "privacy/account_number_mask.h"
#include "util/money.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connector {
namespace {

ConnectorError bad_data(const std::string& message) { return ConnectorError(Failure::bad_data, message, false); }

std::string get(const Row& row, const char* key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
}

long long number(const Row& row, const char* key, long long fallback) {
    auto it = row.find(key);
    if (it == row.end() || it->second.empty()) return fallback;
    try {
        return std::stoll(it->second);
    } catch (const std::exception&) {
        throw bad_data(std::string("field '") + key + "': not a number");
    }
}

/// The enum value whose name is `text`; `fallback` when absent. Enums are contiguous from 0.
template <class E>
E enum_of(const Row& row, const char* key, E fallback, E last) {
    auto it = row.find(key);
    if (it == row.end() || it->second.empty()) return fallback;
    for (int i = 0; i <= static_cast<int>(last); ++i)
        if (it->second == model::to_string(static_cast<E>(i))) return static_cast<E>(i);
    throw bad_data(std::string("field '") + key + "': not a known value (use a map)");
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        std::string part = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (!util::trim(part).empty()) out.push_back(util::trim(part));
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return out;
}

/// The trimmed, non-empty parts of a list given one per line or comma-separated.
std::vector<std::string> items(const std::string& text) {
    std::string joined = text;
    std::replace(joined.begin(), joined.end(), ',', '\n');
    return lines(joined);
}

std::set<model::Channel> channels(const Row& row, const char* key) {
    std::set<model::Channel> out;
    for (const auto& name : items(get(row, key))) {
        auto c = model::parse<model::Channel>(name);
        if (!c) throw bad_data(std::string("field '") + key + "': an item is not a channel (phone, email, sms, letter, "
                               "chat, messenger, meeting, web; use a map)");
        out.insert(*c);
    }
    return out;
}

bool flag(const Row& row, const char* key) {
    auto it = row.find(key);
    if (it == row.end() || util::trim(it->second).empty()) return false;
    if (auto b = parse_flag(it->second)) return *b;
    throw bad_data(std::string("field '") + key + "': not true or false");
}

bool two_digits(const std::string& v, std::size_t at) {
    return std::isdigit(static_cast<unsigned char>(v[at])) && std::isdigit(static_cast<unsigned char>(v[at + 1]));
}

/// Minutes since midnight of an "HH:MM" reading (or "HH:MM:SS", as SQL prints a TIME).
std::optional<int> minute_of_day(const Row& row, const char* key) {
    auto it = row.find(key);
    if (it == row.end() || util::trim(it->second).empty()) return std::nullopt;
    const std::string v = util::trim(it->second);
    const bool shape = (v.size() == 5 || (v.size() == 8 && v[5] == ':' && two_digits(v, 6))) && v[2] == ':' &&
                       two_digits(v, 0) && two_digits(v, 3);
    const int h = shape ? std::stoi(v.substr(0, 2)) : -1, m = shape ? std::stoi(v.substr(3, 2)) : -1;
    if (h < 0 || h > 23 || m > 59)
        throw bad_data(std::string("field '") + key + "': not a time of day HH:MM");
    return h * 60 + m;
}

std::string zone_name(const Row& row) {
    const std::string tz = util::trim(get(row, "timezone"));
    if (tz.empty()) return tz;
    try {
        date::locate_zone(tz);
    } catch (const std::exception&) {
        // Refused here: every later quiet-hours check for the customer would fail on it instead.
        throw bad_data("field 'timezone': not an IANA time zone such as Europe/Sofia");
    }
    return tz;
}

}  // namespace

std::optional<bool> parse_flag(const std::string& text) {
    const std::string v = util::fold_case(util::trim(text));
    for (const char* yes : {"true", "yes", "y", "t", "on", "1"})
        if (v == yes) return true;
    for (const char* no : {"false", "no", "n", "f", "off", "0"})
        if (v == no) return false;
    return std::nullopt;
}

model::Customer to_customer(const Row& row, const std::string& source) {
    model::Customer c;
    c.first_name = get(row, "first_name");
    c.middle_name = get(row, "middle_name");
    c.last_name = get(row, "last_name");
    if (c.first_name.empty() && c.last_name.empty()) {  // one "name" field: "First Last"
        const std::string name = util::trim(get(row, "name"));
        const auto sp = name.rfind(' ');
        c.first_name = sp == std::string::npos ? name : name.substr(0, sp);
        c.last_name = sp == std::string::npos ? "" : name.substr(sp + 1);
    }
    c.company = get(row, "company");
    c.language = get(row, "language");
    for (const char* key : {"phone", "mobile", "phones"})
        for (auto& p : lines(get(row, key))) c.phones.push_back(p);
    for (const char* key : {"email", "emails"})
        for (auto& e : lines(get(row, key))) c.emails.push_back(e);
    const std::string id = get(row, "id");
    if (!id.empty()) c.refs.push_back({source, id});
    return c;
}

model::Interaction to_interaction(const Row& row, const std::string& source) {
    model::Interaction i;
    i.external_id = get(row, "id");
    i.occurred_at = number(row, "at", 0);
    i.channel = enum_of(row, "channel", model::Channel::phone, model::Channel::web);
    i.direction = enum_of(row, "direction", model::Direction::inbound, model::Direction::outbound);
    i.summary = get(row, "summary");
    i.agent_name = get(row, "agent_name");
    i.source_system = source;
    return i;
}

model::Ticket to_ticket(const Row& row, const std::string& source) {
    model::Ticket t;
    t.external_id = get(row, "id");
    t.subject = get(row, "subject");
    t.description = get(row, "description");
    t.problem_type = get(row, "problem_type");
    t.severity = static_cast<int>(number(row, "severity", 3));
    if (t.severity < 1 || t.severity > 5) throw bad_data("field 'severity': " + std::to_string(t.severity) + " is not 1-5");
    t.status = enum_of(row, "status", model::TicketStatus::open, model::TicketStatus::closed);
    t.cause = enum_of(row, "cause", model::TicketCause::unknown, model::TicketCause::technical);
    t.created_at = number(row, "created_at", 0);
    t.updated_at = number(row, "updated_at", t.created_at);
    t.first_response_at = number(row, "first_response_at", 0);
    t.resolved_at = number(row, "resolved_at", 0);
    t.source_system = source;
    return t;
}

model::Offer to_offer(const Row& row, const std::string& source) {
    model::Offer o;
    o.external_id = get(row, "id");
    o.product = get(row, "product");
    o.priority = static_cast<int>(number(row, "priority", 0));
    o.status = enum_of(row, "status", model::OfferStatus::planned, model::OfferStatus::suppressed);
    o.kind = enum_of(row, "kind", model::OfferKind::regular, model::OfferKind::winback);
    o.channel = enum_of(row, "channel", model::Channel::phone, model::Channel::web);
    o.discount_percent = static_cast<int>(number(row, "discount_percent", 0));
    o.valid_from = number(row, "valid_from", 0);
    o.valid_until = number(row, "valid_until", 0);
    o.outcome = get(row, "outcome");
    o.script = get(row, "script");
    o.source_system = source;
    return o;
}

model::ContactPreferences to_preferences(const Row& row) {
    model::ContactPreferences p;
    p.allowed_channels = channels(row, "allowed_channels");
    p.unsubscribed = channels(row, "unsubscribed");
    if (const Row one{{"preferred_channel", util::trim(get(row, "preferred_channel"))}}; !one.begin()->second.empty())
        p.preferred_channel = enum_of(one, "preferred_channel", model::Channel::phone, model::Channel::web);
    p.written_only = flag(row, "written_only");
    p.do_not_call = flag(row, "do_not_call");
    p.calls_themselves = flag(row, "calls_themselves");
    const auto from = minute_of_day(row, "quiet_from"), to = minute_of_day(row, "quiet_to");
    if (from.has_value() != to.has_value())
        throw bad_data(std::string("field '") + (from ? "quiet_to" : "quiet_from") +
                       "': quiet hours need both quiet_from and quiet_to");
    if (from) p.quiet_hours = {*from, *to};
    p.timezone = zone_name(row);
    p.irritants = get(row, "irritants");
    return p;
}

}  // namespace kartoteka::connector

namespace kartoteka::connector {
namespace {

/// The balance of a holding row: `balance` as decimal text or `balance_minor` as whole minor units.
std::optional<model::Balance> balance_of(const Row& row) {
    const std::string text = util::trim(get(row, "balance")), minor = util::trim(get(row, "balance_minor"));
    if (text.empty() && minor.empty()) return std::nullopt;
    if (!text.empty() && !minor.empty()) throw bad_data("field 'balance': map either balance or balance_minor, not both");
    model::Balance b;
    if (!text.empty()) {
        auto v = util::parse_money(text);
        if (!v) throw bad_data("field 'balance': not an amount with at most two decimals");
        b.minor = *v;
    } else {
        b.minor = number(row, "balance_minor", 0);
    }
    b.currency = util::trim(get(row, "currency"));
    for (auto& ch : b.currency) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const bool iso = b.currency.size() == 3 && std::all_of(b.currency.begin(), b.currency.end(),
                                                          [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!b.currency.empty() && !iso) throw bad_data("field 'currency': not a three-letter ISO 4217 code");
    return b;
}

/// A date field given as an instant: the mapping reads a bare date as midnight in the source's zone, so
/// the date is that of the nearest UTC midnight (right for every zone from UTC-12 to UTC+11:59).
model::Date date_field(const Row& row, const char* key) {
    const long long t = number(row, key, 0);
    return t == 0 ? 0 : util::date_of(t + 12 * 3600);
}

}  // namespace

model::Holding to_holding(const Row& row, const std::string& source) {
    model::Holding h;
    h.external_id = get(row, "id");
    h.kind = enum_of(row, "kind", model::HoldingKind::account, model::HoldingKind::service);
    h.product = util::trim(get(row, "product"));
    if (h.product.empty()) throw bad_data("field 'product': empty; a holding needs the product it is of");
    h.number = privacy::mask_account_number(util::trim(get(row, "number")));
    h.balance = balance_of(row);
    h.status = enum_of(row, "status", model::HoldingStatus::active, model::HoldingStatus::closed);
    h.opened = date_field(row, "opened");
    h.closed = date_field(row, "closed");
    h.as_of = number(row, "as_of", 0);
    h.source_system = source;
    return h;
}

model::Feedback to_feedback(const Row& row, const std::string& source) {
    model::Feedback f;
    f.external_id = get(row, "id");
    f.channel = enum_of(row, "channel", model::FeedbackChannel::survey, model::FeedbackChannel::survey);
    f.score = static_cast<int>(number(row, "score", 0));
    if (f.score < 1 || f.score > 5) throw bad_data("field 'score': not a rating 1-5");
    f.text = get(row, "text");
    f.at = number(row, "at", 0);
    f.source_system = source;
    return f;
}

}  // namespace kartoteka::connector
