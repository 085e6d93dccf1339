// kartoteka-cli report churn, contacts due|log|schedule, deal close, offer work, winback run, traits set:
// the retention rules (app/core/retention) at the command line.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "cli_context.h"
#include "error.h"
#include "retention/money_text.h"
#include "util/time.h"

namespace kartoteka::cli {
namespace {

using nlohmann::json;
using model::Id;
using model::Timestamp;

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", v);
    return buf;
}

/// One currency's churn: the retention report's single period.
json churn_json(const retention::CurrencyReport& c) {
    const auto& f = c.total;
    json returned = json::array();
    for (const auto& b : c.returned)
        returned.push_back({{"customer_id", b.customer_id}, {"name", b.name}, {"lost_at", util::format_iso(b.lost_at)},
                            {"returned_at", util::format_iso(b.returned_at)}, {"first_order", b.first_order}});
    return {{"currency", c.currency}, {"customers_at_start", f.at_start}, {"lost", f.lost},
            {"count_churn_percent", f.count_churn_percent}, {"annualized_percent", f.annualized_percent},
            {"verdict", f.verdict}, {"average_bill", f.average_bill}, {"payments_per_period", f.payments_per_period},
            {"money_churn", f.money_churn}, {"average_lifetime_value", f.lost ? f.value_lost / f.lost : 0},
            {"value_lost", f.value_lost}, {"returned", returned}, {"returned_first_orders", f.winback.first_orders},
            {"money_unit", "minor"}};
}

void print_churn(std::ostream& out, const retention::RetentionReport& r, const retention::CurrencyReport& c) {
    using retention::format_money;
    const auto& f = c.total;
    out << "churn " << util::format_iso(r.from) << " .. " << util::format_iso(r.to) << ", " << c.currency << "\n"
        << "  customers at start   " << f.at_start << "\n"
        << "  lost in the period   " << f.lost << "\n"
        << "  count churn          " << percent(f.count_churn_percent) << " (a year: " << percent(f.annualized_percent)
        << ", " << f.verdict << ")\n"
        << "  money churn          " << format_money(f.money_churn) << " = " << f.lost << " x "
        << format_money(f.average_bill) << " x " << f.payments_per_period << " payments\n"
        << "  value lost           " << format_money(f.value_lost) << " (average lifetime value "
        << format_money(f.lost ? f.value_lost / f.lost : 0) << ")\n"
        << "  returned customers   " << c.returned.size() << ", first orders " << format_money(f.winback.first_orders)
        << "\n";
    constexpr std::size_t shown = 20;  // the whole list is in --json
    for (std::size_t i = 0; i < c.returned.size() && i < shown; ++i) {
        const auto& b = c.returned[i];
        out << "    #" << b.customer_id << "  " << b.name << "  back " << util::format_date(util::date_of(b.returned_at))
            << "  first order " << format_money(b.first_order) << "\n";
    }
    if (c.returned.size() > shown) out << "    ... and " << c.returned.size() - shown << " more (--json lists all)\n";
}

int report_churn(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    auto from = args.option("from"), to = args.option("to");
    args.check_unused();
    if (!from || !to) throw Error(ErrorKind::invalid, "report churn needs --from D1 --to D2");
    const auto r = ctx.desk().churn_report(instant_of(*from, "--from"), instant_of(*to, "--to"));
    if (as_json) {
        json currencies = json::array();
        for (const auto& c : r.currencies) currencies.push_back(churn_json(c));
        ctx.out() << json{{"from", util::format_iso(r.from)}, {"to", util::format_iso(r.to)}, {"currencies", currencies}}.dump(2)
                  << "\n";
        return ok;
    }
    for (std::size_t i = 0; i < r.currencies.size(); ++i) {
        if (i) ctx.out() << "\n";
        print_churn(ctx.out(), r, r.currencies[i]);
    }
    return ok;
}

json contact_json(Context& ctx, const retention::ContactView& v, const std::string& name) {
    const auto& c = v.contact;
    return {{"id", c.id}, {"type", model::to_string(c.type)}, {"due", util::format_date(c.due)},
            {"customer_id", c.customer_id}, {"customer", name}, {"assignee", agent_login(ctx, c.assignee_id)},
            {"channel", model::to_string(v.channel)}, {"eligible", v.eligibility.eligible},
            {"rule", v.eligibility.eligible ? json(nullptr) : json(v.eligibility.rule)}, {"reason", v.eligibility.reason}};
}

json offer_json(Context& ctx, const retention::OfferView& v) {
    const auto& o = v.offer;
    return {{"id", o.id}, {"product", o.product}, {"kind", model::to_string(o.kind)},
            {"discount_percent", o.discount_percent}, {"priority", o.priority}, {"customer_id", o.customer_id},
            {"customer", v.customer_name}, {"assignee", agent_login(ctx, o.assignee_id)},
            {"channel", model::to_string(o.channel)}, {"eligible", v.eligibility.eligible},
            {"rule", v.eligibility.eligible ? json(nullptr) : json(v.eligibility.rule)}, {"reason", v.eligibility.reason}};
}

void print_refusal(Context& ctx, const retention::Eligibility& e) {
    if (!e.eligible) ctx.out() << "  [not now: " << e.rule << ": " << e.reason << "]";
    ctx.out() << "\n";
}

int contacts_due(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    const Timestamp now = now_of(ctx, args);
    const Id agent = agent_option(ctx, args, "agent");
    auto date_text = args.option("date");
    args.check_unused();
    model::Date day = retention::local_time(now, ctx.config().locale.timezone).date;
    if (date_text) {
        auto d = util::parse_date(*date_text);
        if (!d) throw Error(ErrorKind::invalid, "--date must be a date such as 2026-11-24");
        day = *d;
    }
    const auto work = ctx.desk().contacts_due(agent, day, now);
    const auto& due = work.contacts;
    const auto& offers = work.offers;
    json contacts_out = json::array(), offers_out = json::array();
    for (std::size_t i = 0; i < due.size(); ++i) {
        const auto& v = due[i];
        const auto& c = v.contact;
        const auto& customer = work.contact_customers[i];
        const std::string name = customer.id ? customer.display_name() : "#" + std::to_string(c.customer_id);
        if (as_json) {
            contacts_out.push_back(contact_json(ctx, v, name));
            continue;
        }
        ctx.out() << agent_login(ctx, c.assignee_id) << "  contact #" << c.id << "  " << util::format_date(c.due) << "  "
                  << model::to_string(c.type) << " by " << model::to_string(v.channel) << "  customer #"
                  << c.customer_id << " " << name;
        print_refusal(ctx, v.eligibility);
    }
    for (const auto& v : offers) {
        if (as_json) {
            offers_out.push_back(offer_json(ctx, v));
            continue;
        }
        const auto& o = v.offer;
        ctx.out() << agent_login(ctx, o.assignee_id) << "  offer #" << o.id << "  " << o.product
                  << (o.discount_percent ? " -" + std::to_string(o.discount_percent) + "%" : std::string()) << " by "
                  << model::to_string(o.channel) << "  customer #" << o.customer_id << " " << v.customer_name;
        print_refusal(ctx, v.eligibility);
    }
    if (as_json) ctx.out() << json{{"date", util::format_date(day)}, {"contacts", contacts_out}, {"offers", offers_out}}.dump(2) << "\n";
    else if (due.empty() && offers.empty()) ctx.out() << "nothing due\n";
    return ok;
}

int contacts_log(Context& ctx, const Args& args) {
    const Id id = required_id(args, "id");
    const Timestamp now = now_of(ctx, args);
    retention::ContactLog log;  // as the signed-in agent; the desk checks their role
    log.skipped = args.flag("skipped");
    log.outcome = args.option_or("outcome", "");
    if (auto s = args.option("satisfaction")) {
        if (s->size() != 1 || (*s)[0] < '1' || (*s)[0] > '5')
            throw Error(ErrorKind::invalid, "--satisfaction is a rating from 1 to 5");
        log.answers.satisfaction = (*s)[0] - '0';
    }
    log.answers.free_text = args.option_or("text", "");
    log.answers.problems = args.option_or("problems", "");
    args.check_unused();
    (void)now;  // pinned on the desk's clock
    desk::Recorded recorded;
    auto ticket = ctx.desk().log_planned_contact(id, log, &recorded);
    ctx.out() << "contact #" << id << " logged as " << (log.skipped ? "skipped" : "done") << "\n";
    if (ticket) ctx.out() << "complaint ticket #" << *ticket << " opened for the problem raised\n";
    deliver_and_report(ctx, recorded);
    return ok;
}

int contacts_schedule(Context& ctx, const Args& args) {
    const Timestamp now = now_of(ctx, args);
    args.check_unused();
    const auto planned = ctx.desk().schedule_contacts(now);
    int by_type[6] = {0, 0, 0, 0, 0, 0};
    for (const auto& c : planned) ++by_type[static_cast<int>(c.type)];
    ctx.out() << "planned " << planned.size() << " periodic contacts";
    for (int t = 2; t < 6; ++t) ctx.out() << ", " << by_type[t] << " " << model::to_string(static_cast<model::ContactType>(t));
    ctx.out() << "\n";
    return ok;
}

int deal_close(Context& ctx, const Args& args) {
    model::Order order;
    order.customer_id = required_id(args, "customer");
    const std::string amount = args.option_or("amount", "");
    try {
        std::size_t used = 0;
        const double major = std::stod(amount, &used);
        if (used != amount.size() || !(major > 0) || major > 1e13) throw std::invalid_argument("amount");
        order.amount = static_cast<model::Money>(std::llround(major * 100));
    } catch (const std::exception&) {
        throw Error(ErrorKind::invalid, "--amount must be a positive amount such as 1500.50, not '" + amount + "'");
    }
    order.product = args.option_or("product", "");
    order.currency = args.option_or("currency", "");  // "" = the customer's
    if (!order.currency.empty() && (order.currency.size() != 3 || !std::all_of(order.currency.begin(), order.currency.end(),
                                                                               [](char c) { return c >= 'A' && c <= 'Z'; })))
        throw Error(ErrorKind::invalid, "--currency must be an ISO 4217 code such as EUR, not '" + order.currency + "'");
    if (order.product.empty()) throw Error(ErrorKind::invalid, "--product is required");
    order.placed_at = now_of(ctx, args);
    order.source_system = "local";
    const Id manager = agent_option(ctx, args, "manager");
    args.check_unused();
    const auto contacts = ctx.desk().close_deal(order, manager);
    ctx.out() << "order #" << order.id << " recorded\n";
    for (const auto& c : contacts)
        ctx.out() << "  planned #" << c.id << "  " << model::to_string(c.type) << "  due " << util::format_date(c.due)
                  << "  for " << agent_login(ctx, c.assignee_id) << "\n";
    return ok;
}

int offer_work(Context& ctx, const Args& args) {
    const Id id = required_id(args, "id");
    const Timestamp now = now_of(ctx, args);
    retention::OfferWork w;
    const std::string outcome = args.option_or("outcome", "");
    auto status = model::parse<model::OfferStatus>(outcome);
    if (!status) throw Error(ErrorKind::invalid, "--outcome must be in_progress, accepted, declined or postponed");
    w.outcome = *status;
    auto step = model::parse<model::NextStepKind>(args.option_or("next-step", "none"));
    if (!step) throw Error(ErrorKind::invalid, "--next-step must be office, appointment, courier, callback or none");
    w.next_step.kind = *step;
    w.next_step.address = args.option_or("address", "");
    w.next_step.note = args.option_or("note", "");
    if (auto at = instant_option(args, "at")) w.next_step.at = *at;
    w.said = args.option_or("said", "");
    w.override_reason = args.option_or("override-reason", "");
    w.during_inbound_call = args.flag("during-call");
    args.check_unused();
    (void)now;  // pinned on the desk's clock
    desk::Recorded recorded;
    const auto o = ctx.desk().work_offer(id, w, &recorded);
    ctx.out() << "offer #" << o.id << " " << o.product << ": " << model::to_string(o.status) << ", next step "
              << model::to_string(o.next_step.kind);
    if (!o.next_step.address.empty()) ctx.out() << " at " << o.next_step.address;
    if (o.next_step.at) ctx.out() << " on " << util::format_iso(o.next_step.at);
    ctx.out() << "\n";
    deliver_and_report(ctx, recorded);
    return ok;
}

int winback_run(Context& ctx, const Args& args) {
    const bool as_json = args.flag("json");
    const Timestamp now = now_of(ctx, args);
    args.check_unused();
    const auto run = ctx.desk().run_winback(now);
    json items = json::array();
    for (const auto& it : run.items) {
        const auto& d = it.decision;
        if (as_json) {
            items.push_back({{"customer_id", it.customer_id}, {"action", retention::to_string(d.action)},
                             {"reason", d.reason}, {"discount_percent", d.offer.discount_percent},
                             {"assignee", d.offer.assignee_id ? json(agent_login(ctx, d.offer.assignee_id)) : json(nullptr)}});
            continue;
        }
        ctx.out() << "  #" << it.customer_id << "  " << retention::to_string(d.action) << "  " << d.reason;
        if (d.offer.assignee_id) ctx.out() << "  -> " << agent_login(ctx, d.offer.assignee_id);
        ctx.out() << "\n";
    }
    if (as_json)
        ctx.out() << json{{"created", run.created}, {"upgraded", run.upgraded}, {"kept", run.kept},
                          {"skipped", run.skipped}, {"items", items}}.dump(2) << "\n";
    else
        ctx.out() << "win-back: " << run.created << " created, " << run.upgraded << " upgraded, " << run.kept
                  << " kept, " << run.skipped << " skipped\n";
    return ok;
}

bool yes_no(const Args& args, const char* name, bool fallback) {
    auto v = args.option(name);
    if (!v) return fallback;
    if (*v == "yes" || *v == "true") return true;
    if (*v == "no" || *v == "false") return false;
    throw Error(ErrorKind::invalid, std::string("--") + name + " is yes or no");
}

int traits_set(Context& ctx, const Args& args) {
    const Id id = required_id(args, "customer");
    auto t = ctx.desk().traits(id);
    if (auto m = args.option("margin")) {
        if (*m == "unknown") t.margin_percent.reset();
        else {
            try {
                std::size_t used = 0;
                int v = std::stoi(*m, &used);
                if (used != m->size() || v < -100 || v > 100) throw std::invalid_argument("margin");
                t.margin_percent = v;
            } catch (const std::exception&) {
                throw Error(ErrorKind::invalid, "--margin is a percent from -100 to 100, or unknown");
            }
        }
    }
    t.reference = yes_no(args, "reference", t.reference);
    t.pays_late = yes_no(args, "pays-late", t.pays_late);
    t.demands_too_much = yes_no(args, "demands-too-much", t.demands_too_much);
    t.rude = yes_no(args, "rude", t.rude);
    t.supplier_hopper = yes_no(args, "hopper", t.supplier_hopper);
    t.updated_at = now_of(ctx, args);
    args.check_unused();
    ctx.desk().save_traits(t);
    ctx.out() << "value traits of customer #" << id << " saved\n";
    return ok;
}

}  // namespace

void add_retention_commands(std::vector<Command>& out) {
    out.push_back({"report churn", "--from D1 --to D2 [--json]",
                   "count churn, money churn, value lost and returned customers for a period", {"json"}, report_churn});
    out.push_back({"contacts due", "[--agent LOGIN] [--date D] [--now T] [--json]",
                   "what each person should do today: planned contacts and open offers, with what the preferences allow", {"json"},
                   contacts_due});
    out.push_back({"contacts log",
                   "--id N [--satisfaction 1-5] [--text T] [--problems P] [--outcome O] [--skipped] [--now T]",
                   "log a planned contact and its how-are-you answers; a problem raised opens a complaint ticket",
                   {"skipped"}, contacts_log});
    out.push_back({"contacts schedule", "[--now T]",
                   "plan the periodic contacts each active customer's value tier calls for", {}, contacts_schedule});
    out.push_back({"deal close", "--customer N --amount A --product P [--currency ISO4217] [--manager LOGIN] [--now T]",
                   "record a new deal: the order (in the customer's currency unless --currency says otherwise), a "
                   "welcome letter and a service call a month later", {}, deal_close});
    out.push_back({"offer work",
                   "--id N --outcome accepted|declined|postponed|in_progress [--next-step office|appointment|courier|"
                   "callback|none] [--address A] [--at T] [--said S] [--note N] [--override-reason R] [--during-call] [--now T]",
                   "record how an offer went and the concrete next step; a sale the rules hold back now (quiet hours, an "
                   "open complaint, ...) needs --override-reason; --during-call logs it as the caller's inbound call", {}, offer_work});
    out.push_back({"winback run", "[--now T] [--json]",
                   "apply the win-back ladder to sleeping and lost customers worth winning back", {"json"}, winback_run});
    out.push_back({"traits set",
                   "--customer N [--margin P|unknown] [--reference yes|no] [--pays-late yes|no] [--rude yes|no] "
                   "[--demands-too-much yes|no] [--hopper yes|no]",
                   "record what the orders cannot tell about a customer's worth", {}, traits_set});
}

}  // namespace kartoteka::cli
