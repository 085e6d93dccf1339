// The card's JSON for what issue 20 added: holdings, feedback, the satisfaction index with its inputs
// and the loyalty grade's privileges. Beside card_json.cpp so neither grows past what one reads at once.
#include "card/card_json.h"
#include "card/card_review.h"
#include "privacy/account_number_mask.h"
#include "privacy/card_number_mask.h"
#include "util/money.h"
#include "util/time.h"

namespace kartoteka::card {
namespace {

using nlohmann::json;

json time_or_null(model::Timestamp t) { return t ? json(util::format_iso(t)) : json(nullptr); }
json date_or_null(model::Date d) { return d ? json(util::format_date(d)) : json(nullptr); }

json privileges_json(const std::vector<config::Privilege>& list) {
    json out = json::array();
    for (const auto& p : list) out.push_back(p.text);
    return out;
}

}  // namespace

json holdings_json(const Card& card) {
    json out = json::array();
    for (const auto& h : card.holdings) {
        json balance = h.balance ? json{{"minor", h.balance->minor}, {"amount", util::decimal_text(h.balance->minor)},
                                        {"currency", h.balance->currency}}
                                 : json(nullptr);
        // Masked again on the way out: a number that reached the card some other way still leaves masked.
        out.push_back({{"id", h.id}, {"kind", model::to_string(h.kind)}, {"product", privacy::mask_card_numbers(h.product)},
                       {"number", privacy::mask_account_number(h.number)}, {"balance", balance},
                       {"status", model::to_string(h.status)}, {"opened", date_or_null(h.opened)},
                       {"closed", date_or_null(h.closed)}, {"as_of", time_or_null(h.as_of)},
                       {"age_s", h.as_of ? json(holding_age(card, h)) : json(nullptr)}, {"stale", h.stale},
                       {"source", h.source_system}, {"external_id", h.external_id}});
    }
    return out;
}

json feedback_json(const Card& card) {
    json out = json::array();
    for (const auto& f : card.feedback)
        out.push_back({{"id", f.id}, {"channel", model::to_string(f.channel)}, {"score", f.score},
                       {"text", privacy::mask_card_numbers(f.text)}, {"at", time_or_null(f.at)},
                       {"source", f.source_system}});
    return out;
}

json to_json(const retention::Satisfaction& s) {
    json channels = json::array(), inputs = json::array();
    for (const auto& c : s.channels)
        channels.push_back({{"channel", model::to_string(c.channel)}, {"ratings", c.ratings}, {"mean", c.mean},
                            {"weight", c.weight}});
    for (const auto& i : s.inputs)
        inputs.push_back({{"channel", model::to_string(i.channel)}, {"score", i.score}, {"at", time_or_null(i.at)},
                          {"source", i.source}, {"text", privacy::mask_card_numbers(i.text)}});
    return {{"index", s.ratings ? json(s.index) : json(nullptr)}, {"ratings", s.ratings}, {"warning", s.warning},
            {"warn_below", s.warn_below}, {"channels", channels}, {"inputs", inputs}, {"why", retention::explain(s)}};
}

json to_json(const retention::GradeView& g) {
    json missing = json::array();
    for (const auto& m : g.missing) missing.push_back(m.english());
    return {{"grade", std::string(1, g.grade)}, {"privileges", privileges_json(g.privileges)},
            {"next", g.next ? json(std::string(1, g.next)) : json(nullptr)}, {"next_adds", privileges_json(g.next_adds)},
            {"missing", missing}};
}

}  // namespace kartoteka::card
