// Reads the `retention:` section (RetentionConfig) with the strict MapReader: every error names the file,
// line and key, and unknown keys are errors.
#include <cmath>

#include "config/retention_config.h"
#include "config/yaml_reader.h"

namespace kartoteka::config {
namespace {

/// Money is written in major units (12500.50) and kept in minor units so sums stay exact.
model::Money get_money(MapReader& r, const std::string& key, model::Money fallback) {
    const double major = r.get_double(key, static_cast<double>(fallback) / 100.0, 0, 1e13);
    return static_cast<model::Money>(std::llround(major * 100.0));
}

template <typename E>
E get_enum(MapReader& r, const std::string& key, E fallback, const std::vector<std::string>& names) {
    const std::string text = r.get_choice(key, model::to_string(fallback), names);
    return *model::parse<E>(text);
}

std::vector<std::string> lower_words(MapReader& r, const std::string& key, std::vector<std::string> fallback) {
    if (!r.has(key)) {
        r.get_string_list(key);  // marks it read
        return fallback;
    }
    auto words = r.get_string_list(key);
    for (const auto& w : words)
        if (w.empty()) r.fail(key, "contains an empty word, which would match every interaction");
    return words;
}

void read_lifecycle(MapReader r, LifecycleRules& c) {
    c.max_order_gap_days = static_cast<int>(r.get_int("max_order_gap_days", c.max_order_gap_days, 1, 3650));
    if (r.has("sleeping_buckets")) {
        c.sleeping.clear();
        for (auto b : r.map_list("sleeping_buckets")) {
            SleepingBucket s;
            s.days = static_cast<int>(b.get_int("days", 0, 1, 3650));
            if (s.days == 0) b.fail("days", "is required");
            s.winback_discount_percent = static_cast<int>(b.get_int("winback_discount_percent", 0, 0, 100));
            b.done();
            if (!c.sleeping.empty() && s.days <= c.sleeping.back().days)
                b.fail("days", "buckets must be in ascending order of days");
            c.sleeping.push_back(s);
        }
        if (c.sleeping.empty()) r.fail("sleeping_buckets", "needs at least one bucket");
    } else {
        r.map_list("sleeping_buckets");
    }
    if (c.sleeping.front().days <= c.max_order_gap_days)
        r.fail("sleeping_buckets", "the first bucket must be longer than max_order_gap_days");
    c.falling_recent_orders = static_cast<int>(r.get_int("falling_recent_orders", c.falling_recent_orders, 1, 100));
    c.falling_drop_percent = static_cast<int>(r.get_int("falling_drop_percent", c.falling_drop_percent, 1, 100));
    c.signal_window_days = static_cast<int>(r.get_int("signal_window_days", c.signal_window_days, 1, 3650));
    c.discount_words = lower_words(r, "discount_words", c.discount_words);
    c.new_manager_words = lower_words(r, "new_manager_words", c.new_manager_words);
    c.returned_sensitive_days =
        static_cast<int>(r.get_int("returned_sensitive_days", c.returned_sensitive_days, 0, 3650));
    r.done();
}

void read_tier(MapReader r, TierCriteria& t) {
    t.min_annual_turnover = get_money(r, "min_annual_turnover", t.min_annual_turnover);
    t.min_orders_per_year = r.get_double("min_orders_per_year", t.min_orders_per_year, 0, 10000);
    t.min_margin_percent = static_cast<int>(r.get_int("min_margin_percent", t.min_margin_percent, -100, 100));
    r.done();
}

void read_value(MapReader r, ValueRules& c) {
    c.expected_years = r.get_double("expected_years", c.expected_years, 0.1, 100);
    c.min_history_days = static_cast<int>(r.get_int("min_history_days", c.min_history_days, 1, 3650));
    read_tier(r.map("tier_a"), c.tier_a);
    read_tier(r.map("tier_b"), c.tier_b);
    c.reference_is_a = r.get_bool("reference_is_a", c.reference_is_a);
    c.worth_min_margin_percent =
        static_cast<int>(r.get_int("worth_min_margin_percent", c.worth_min_margin_percent, -100, 100));
    c.rare_orders_per_year = r.get_double("rare_orders_per_year", c.rare_orders_per_year, 0, 10000);
    c.little_average = get_money(r, "little_average", c.little_average);
    c.satisfaction_warning_below = r.get_double("satisfaction_warning_below", c.satisfaction_warning_below, 1, 5);
    r.done();
}

const std::vector<std::string> channel_names{"phone", "email", "sms", "letter", "chat", "messenger", "meeting", "web"};
const std::vector<std::string> role_names{"operator", "service", "supervisor", "admin"};

void read_winback(MapReader r, WinbackRules& c) {
    c.product = r.get_string("product", c.product);
    if (c.product.empty()) r.fail("product", "is empty");
    c.channel = get_enum(r, "channel", c.channel, channel_names);
    c.validity_days = static_cast<int>(r.get_int("validity_days", c.validity_days, 1, 3650));
    c.priority = static_cast<int>(r.get_int("priority", c.priority, 0, 100));
    c.assignee_role = get_enum(r, "assignee_role", c.assignee_role, role_names);
    r.done();
}

void read_intervals(MapReader r, ContactIntervals& c) {
    for (auto& [type, days] : c) days = static_cast<int>(r.get_int(model::to_string(type), days, 0, 3650));
    r.done();
}

void read_contacts(MapReader r, ContactRules& c) {
    c.service_call_after_days = static_cast<int>(r.get_int("service_call_after_days", c.service_call_after_days, 0, 365));
    c.service_role = get_enum(r, "service_role", c.service_role, role_names);
    {
        MapReader p = r.map("periodic_days");
        read_intervals(p.map("A"), c.periodic['A']);
        read_intervals(p.map("B"), c.periodic['B']);
        read_intervals(p.map("C"), c.periodic['C']);
        p.done();
    }
    {
        MapReader ch = r.map("channels");
        for (auto& [type, channel] : c.channels) channel = get_enum(ch, model::to_string(type), channel, channel_names);
        ch.done();
    }
    c.complaint_problem_type = r.get_string("complaint_problem_type", c.complaint_problem_type);
    if (c.complaint_problem_type.empty()) r.fail("complaint_problem_type", "is empty");
    c.complaint_severity = static_cast<int>(r.get_int("complaint_severity", c.complaint_severity, 1, 5));
    r.done();
}

/// `satisfaction: {weights: {contact, review, survey}, warn_below}` (003).
void read_satisfaction(MapReader s, RetentionConfig& c, bool warning_in_value) {
    {
        MapReader w = s.map("weights");
        bool any = false;
        for (auto& [channel, weight] : c.satisfaction.weights) {
            weight = w.get_double(model::to_string(channel), weight, 0, 100);
            any = any || weight > 0;
        }
        w.done();
        if (!any) s.fail("weights", "at least one weight must be above 0, or the index counts nothing");
    }
    if (s.has("warn_below") && warning_in_value)
        s.fail("warn_below", "given here and as value.satisfaction_warning_below; keep one");
    c.value.satisfaction_warning_below = s.get_double("warn_below", c.value.satisfaction_warning_below, 1, 5);
    s.done();
}

/// One privilege: its text in each UI language, all three required so no agent sees a gap.
Privilege read_privilege(MapReader p) {
    Privilege out;
    for (const char* lang : {"en", "ru", "bg"}) {
        out.text[lang] = p.require_string(lang);
        if (out.text[lang].empty()) p.fail(lang, "is empty");
    }
    p.done();
    return out;
}

/// `grades: {A: {conditions: {...}, privileges: [{en, ru, bg}, ...]}, B: ..., C: {privileges: ...}}` (004).
void read_grades(MapReader g, RetentionConfig& c, bool tiers_in_value) {
    for (char grade : {'A', 'B', 'C'}) {
        MapReader m = g.map(std::string(1, grade));
        if (m.has("conditions")) {
            if (grade == 'C') m.fail("conditions", "C is the grade every customer starts in; it has no conditions");
            if (tiers_in_value) m.fail("conditions", "given here and as value.tier_a / tier_b; keep one");
            read_tier(m.map("conditions"), grade == 'A' ? c.value.tier_a : c.value.tier_b);
        }
        if (m.has("privileges")) {  // a grade's list replaces the default one; an empty list is allowed
            auto& list = c.grades.privileges[grade];
            list.clear();
            for (auto p : m.map_list("privileges")) list.push_back(read_privilege(p));
        }
        m.done();
    }
    g.done();
}

}  // namespace

void read_retention(MapReader r, RetentionConfig& c) {
    read_lifecycle(r.map("lifecycle"), c.lifecycle);
    read_value(r.map("value"), c.value);
    const MapReader value = r.map("value");
    read_satisfaction(r.map("satisfaction"), c, value.has("satisfaction_warning_below"));
    read_grades(r.map("grades"), c, value.has("tier_a") || value.has("tier_b"));
    read_winback(r.map("winback"), c.winback);
    read_contacts(r.map("contacts"), c.contacts);
    {
        MapReader o = r.map("offers");
        c.offers.office_within_days = static_cast<int>(o.get_int("office_within_days", c.offers.office_within_days, 0, 60));
        c.offers.no_sales_call_after_inbound_days = static_cast<int>(
            o.get_int("no_sales_call_after_inbound_days", c.offers.no_sales_call_after_inbound_days, 0, 30));
        o.done();
    }
    {
        MapReader ch = r.map("churn");
        c.churn.normal_max_percent = ch.get_double("normal_max_percent", c.churn.normal_max_percent, 0, 100);
        c.churn.action_percent = ch.get_double("action_percent", c.churn.action_percent, 0, 100);
        if (c.churn.action_percent < c.churn.normal_max_percent)
            ch.fail("action_percent", "must not be below normal_max_percent");
        ch.done();
    }
    r.done();
}

}  // namespace kartoteka::config
