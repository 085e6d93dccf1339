// kartoteka-cli search, card
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iomanip>
#include <ostream>

#include "card/card.h"
#include "card/card_json.h"
#include "card/card_review.h"
#include "cli_context.h"
#include "error.h"
#include "privacy/account_number_mask.h"
#include "privacy/card_number_mask.h"
#include "retention/money_text.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

int parse_limit(const Args& args, const char* name, int fallback, int max) {
    auto text = args.option(name);
    if (!text) return fallback;
    try {
        std::size_t used = 0;
        int v = std::stoi(*text, &used);
        if (used == text->size() && v > 0 && v <= max) return v;
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::invalid, std::string("--") + name + " must be a number from 1 to " + std::to_string(max));
}

/// "synced copy from crm, 3 h old" from a copy's age in whole minutes, hours or days.
std::string copy_age(const search::Hit& h, model::Timestamp now) {
    const long long age = std::max<long long>(0, now - h.synced->synced_at);
    const std::string n = age < 3600 ? std::to_string(age / 60) + " min" : age < 86400 ? std::to_string(age / 3600) + " h"
                                                                                     : std::to_string(age / 86400) + " d";
    return "synced copy from " + h.synced->system + ", " + n + " old";
}

nlohmann::json hit_json(const search::Hit& h, model::Timestamp now) {
    auto c = card::to_json(h.customer);
    c["matched_by"] = search::to_string(h.matched_by);
    c["source"] = h.source;  // "local", or the connector that found them
    if (h.ref) c["ref"] = {{"system", h.ref->system}, {"id", h.ref->external_id}};
    if (!h.also_in.empty()) c["also_in"] = h.also_in;
    if (h.synced)
        c["synced"] = {{"system", h.synced->system}, {"at", util::format_iso(h.synced->synced_at)},
                       {"age_s", std::max<long long>(0, now - h.synced->synced_at)}};
    return c;
}

void print_hit(Context& ctx, const search::Hit& h, model::Timestamp now) {
    auto& out = ctx.out();
    out << std::setw(8) << (h.customer.id ? std::to_string(h.customer.id) : std::string("-")) << "  "
        << h.customer.display_name() << "  "
        << (h.customer.phones.empty() ? "" : ctx.phones().display(h.customer.phones.front())) << "  ("
        << search::to_string(h.matched_by) << ")";
    if (h.source != "local") out << "  [" << h.source << (h.ref ? ": " + h.ref->external_id : "") << "]";
    for (const auto& s : h.also_in) out << "  [also " << s << "]";
    if (h.synced) out << "  [" << copy_age(h, now) << "]";
    out << "\n";
}

int search(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    const int limit = parse_limit(args, "limit", 20, 1000);
    args.check_unused();
    if (args.positional().empty()) throw Error(ErrorKind::invalid, "search needs a query: a phone, name, email or id");
    std::string query;
    for (const auto& w : args.positional()) query += (query.empty() ? "" : " ") + w;
    const auto found = ctx.desk().search_all(query, limit);
    const auto now = ctx.desk().now();
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& h : found.hits) out.push_back(hit_json(h, now));
        ctx.out() << out.dump(2) << "\n";
    } else {
        for (const auto& h : found.hits) print_hit(ctx, h, now);
    }
    // A source that could not answer is said so: its customers may be missing from the list.
    for (const auto& s : found.sources)
        if (s.status != card::SourceStatus::ok)
            ctx.err() << "source " << s.name << ": " << card::to_string(s.status)
                      << (s.detail.empty() ? "" : " (" + privacy::mask_card_numbers(s.detail) + ")") << "\n";
    if (found.hits.empty()) {
        ctx.err() << "no customer matches '" << query << "'\n";
        return not_found;
    }
    return ok;
}

/// The preferences that limit contact, each with the sources it came from when sources were merged.
void print_preferences(std::ostream& out, const card::Card& c) {
    const auto& p = c.preferences;
    auto from = [&c](const std::string& key) {
        auto it = c.provenance.find("preferences." + key);
        return it == c.provenance.end() ? std::string() : "  [" + it->second + "]";
    };
    auto names = [](const std::set<model::Channel>& s) {
        std::string t;
        for (auto ch : s) t += (t.empty() ? "" : ", ") + std::string(model::to_string(ch));
        return t;
    };
    out << "preferences\n";
    if (p.do_not_call) out << "  do not call" << from("do_not_call") << "\n";
    if (p.written_only) out << "  written proposals only" << from("written_only") << "\n";
    if (p.calls_themselves) out << "  calls us themselves" << from("calls_themselves") << "\n";
    for (auto ch : p.unsubscribed)
        out << "  unsubscribed from " << model::to_string(ch) << from(std::string("unsubscribed.") + model::to_string(ch)) << "\n";
    if (!p.allowed_channels.empty()) out << "  allowed: " << names(p.allowed_channels) << from("allowed_channels") << "\n";
    if (p.quiet_hours.enabled()) {
        char quiet[32];
        std::snprintf(quiet, sizeof quiet, "%02d:%02d-%02d:%02d", p.quiet_hours.from_minute / 60 % 24,
                      p.quiet_hours.from_minute % 60, p.quiet_hours.to_minute / 60 % 24, p.quiet_hours.to_minute % 60);
        out << "  quiet hours " << quiet << (p.timezone.empty() ? "" : " " + p.timezone) << from("quiet_hours") << "\n";
    }
    if (p.preferred_channel) out << "  preferred: " << model::to_string(*p.preferred_channel) << from("preferred_channel") << "\n";
    if (!p.irritants.empty())
        out << "  irritates them: " << privacy::mask_card_numbers(p.irritants) << from("irritants") << "\n";
}

/// Holdings near the top (issue 20): a balance with its time and source; a down source's last good
/// read says STALE with its age, never passes for current.
void print_holdings(std::ostream& out, const card::Card& c) {
    if (c.holdings.empty()) return;
    out << "holdings (" << c.holdings.size() << ")\n";
    for (const auto& h : c.holdings) {
        out << "  " << model::to_string(h.kind) << "  " << privacy::mask_card_numbers(h.product);
        if (!h.number.empty()) out << "  " << privacy::mask_account_number(h.number);
        if (h.balance) out << "  " << retention::format_money(h.balance->minor) << (h.balance->currency.empty() ? "" : " " + h.balance->currency);
        out << "  " << model::to_string(h.status) << "  [" << h.source_system << "]";
        if (h.stale) out << "  STALE: last good read " << card::age_text(card::holding_age(c, h)) << " ago";
        if (h.as_of) out << "  (as of " << util::format_iso(h.as_of) << ")";
        out << "\n";
    }
}

/// The index with each of its inputs: what the agent reads when asking why.
void print_satisfaction(std::ostream& out, const retention::Satisfaction& s) {
    char shown[16];
    std::snprintf(shown, sizeof shown, "%.2f", s.index);
    out << "satisfaction " << (s.ratings ? shown : "-");
    if (s.warning) {
        char below[16];
        std::snprintf(below, sizeof below, "%.2f", s.warn_below);
        out << "  WARNING: under " << below;
    }
    out << "\n";
    for (const auto& line : retention::explain(s)) out << "  " << line << "\n";
}

/// The grade's privileges, what the next adds and what it takes to get there (004).
void print_grade(std::ostream& out, const retention::GradeView& g) {
    out << "grade " << g.grade << "\n";
    for (const auto& p : g.privileges) out << "  privilege: " << retention::privilege_text(p, "en") << "\n";
    if (!g.next) return;
    for (const auto& p : g.next_adds) out << "  " << g.next << " adds: " << retention::privilege_text(p, "en") << "\n";
    for (const auto& m : g.missing) out << "  missing for " << g.next << ": " << m.english() << "\n";
}

void print_card(Context& ctx, const card::Card& c) {
    auto& out = ctx.out();
    out << c.customer.display_name() << "  #" << c.customer.id << "  [" << model::to_string(c.status.status) << "]\n";
    for (const auto& p : c.customer.phones) out << "  phone  " << ctx.phones().display(p) << "\n";
    for (const auto& e : c.customer.emails) out << "  email  " << e << "\n";
    if (!c.customer.pinned_note.empty()) out << "  pinned: " << privacy::mask_card_numbers(c.customer.pinned_note) << "\n";
    const auto& r = c.retention;
    if (r.status.extra_sensitive) out << "  !!! RETURNED CUSTOMER: extremely sensitive to problems\n";
    // Signals quote the summary that raised them: free text, masked like the summary itself.
    for (const auto& s : r.status.signals) out << "  signal " << s.code << ": " << privacy::mask_card_numbers(s.fact) << "\n";
    if (!r.status.responding.empty())
        out << "  not passive yet: " << privacy::mask_card_numbers(r.status.responding) << "\n";
    out << "  tier " << r.value.tier << ", lifetime value " << r.value.lifetime_value / 100 << ", satisfaction "
        << (r.satisfaction.ratings ? std::to_string(r.satisfaction.index).substr(0, 4) : std::string("-"))
        << (r.satisfaction.warning ? " (warning)" : "") << "\n";
    out << "  orders " << c.orders.orders << ", total " << c.orders.total / 100 << ", average " << c.orders.average / 100
        << "\n";
    print_holdings(out, c);
    print_satisfaction(out, r.satisfaction);
    print_grade(out, r.grade);
    out << "interactions (" << c.interactions.items.size() << " of " << c.interactions.total << ")\n";
    for (const auto& i : c.interactions.items)
        out << "  " << util::format_iso(i.occurred_at) << "  " << model::to_string(i.channel) << "/"
            << model::to_string(i.direction) << "  [" << i.source_system << "]  " << privacy::mask_card_numbers(i.summary)
            << "\n";
    out << "offers (" << c.offers.size() << ")\n";
    for (std::size_t i = 0; i < c.offers.size(); ++i) {
        const auto& o = c.offers[i];
        out << "  #" << o.id << "  " << privacy::mask_card_numbers(o.product) << "  priority " << o.priority << "  " << model::to_string(o.status);
        if (i < r.offers.size() && !r.offers[i].eligible) out << "  [refused: " << r.offers[i].rule << "]";
        out << "\n";
    }
    out << "tickets (" << c.tickets.size() << ")\n";
    for (std::size_t i = 0; i < c.tickets.size(); ++i) {
        const auto& t = c.tickets[i];
        // A backend's ticket is named by its own number ("helpdesk SD-412"), which the agent reads out.
        out << "  " << (card::is_local(t) ? "#" + std::to_string(t.id) : t.source_system + " " + t.external_id) << "  "
            << t.problem_type << "  severity " << t.severity << "  " << model::to_string(t.status);
        if (i < c.ticket_sla.size()) {
            const auto& s = c.ticket_sla[i];
            out << "  SLA " << sla::to_string(s.state);
            if (s.has_deadline) out << " due " << util::format_iso(s.next_deadline);
        }
        out << "  " << privacy::mask_card_numbers(t.subject) << "\n";
    }
    print_preferences(out, c);
    out << "planned contacts (" << c.contacts.size() << ")\n";
    for (const auto& k : c.contacts)
        out << "  " << util::format_date(k.due) << "  " << model::to_string(k.type) << "  "
            << model::to_string(k.status) << "\n";
    out << "sources:";
    for (const auto& s : c.sources) out << "  " << s.name << " " << card::to_string(s.status);
    out << "\n";
    for (const auto& s : c.sources)
        if (!s.detail.empty())  // a failure, or what an answering source skipped and why
            out << "  " << s.name << ": " << privacy::mask_card_numbers(s.detail) << (s.as_of ? " (data as of " + util::format_iso(s.as_of) + ")" : "") << "\n";
}

int show_card(Context& ctx, const Args& args) {
    const bool json = args.flag("json");
    auto phone = args.option("phone");
    auto id_text = args.option("id");
    // A tel:/callto:/sip: link the desktop hands over (main.cpp turns it into --link).
    const auto link = args.option("link");
    const auto ref = args.option("ref");  // a search hit only a backend knows: SYSTEM:ID
    args.check_unused();
    if (link && !phone && !id_text) phone = link;
    if (int(phone.has_value()) + int(id_text.has_value()) + int(ref.has_value()) != 1)
        throw Error(ErrorKind::invalid, "card needs exactly one of --phone P, --id ID or --ref SYSTEM:ID");
    const auto origin = link ? desk::Origin::tel_link : desk::Origin::cli;
    std::optional<card::Card> c;
    if (ref) {
        const auto colon = ref->find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == ref->size())
            throw Error(ErrorKind::invalid, "--ref must be SYSTEM:ID, e.g. helpdesk:42");
        desk::CardRequest request;
        request.ref = model::ExternalRef{ref->substr(0, colon), ref->substr(colon + 1)};
        c = ctx.desk().open_card(request, origin);
        if (!c) throw Error(ErrorKind::not_found, "no customer has that reference");
    } else if (phone) {
        c = ctx.desk().open_card({0, *phone}, origin);  // the store and every configured source
        if (!c) throw Error(ErrorKind::not_found, "no customer has that phone number");
    } else {
        const model::Id id = positive_id(*id_text, "--id");
        c = ctx.desk().open_card({id, ""}, origin);
        if (!c) throw Error(ErrorKind::not_found, "no customer #" + std::to_string(id));
    }
    if (json) ctx.out() << card::to_json(*c).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else print_card(ctx, *c);
    return ok;
}

int pin_note(Context& ctx, const Args& args) {
    const model::Id id = required_id(args, "id");
    const auto note = args.option("note");
    args.check_unused();
    if (!note) throw Error(ErrorKind::invalid, "customer pin needs --note TEXT (an empty text unpins)");
    ctx.desk().pin_note(id, *note);
    ctx.out() << (note->empty() ? "note unpinned from customer #" : "note pinned on customer #") << id << "\n";
    return ok;
}

}  // namespace

void add_customer_commands(std::vector<Command>& out) {
    out.push_back({"search", "QUERY [--json] [--limit N]",
                   "find customers by phone (any notation), name prefix, email, #id or system:reference, locally and in "
                   "every connector that can look them up (--json: each hit's source and, for a backend's, ref)",
                   {"json"}, search});
    out.push_back({"card", "--phone P | --id ID | --ref SYSTEM:ID [--json]",
                   "print the whole customer card (--ref: a backend's customer, opened like a pop)", {"json"}, show_card});
    out.push_back({"customer pin", "--id ID --note TEXT",
                   "pin a note on top of the customer's card for every agent (\"say this first\", VIP, legal); "
                   "--note \"\" unpins it",
                   {}, pin_note});
}

}  // namespace kartoteka::cli
