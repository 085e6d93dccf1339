// Contact preferences and offer eligibility: every refusal names its rule (DOMAIN.md "Contact
// preferences", "Offers and win-back").
#include <boost/test/unit_test.hpp>

#include "error.h"
#include "retention/contact_policy.h"
#include "retention/customer_retention.h"
#include "util/time.h"
#include "retention_builders.h"

using namespace kartoteka;
using model::Channel;
using test::day;
using test::test_now;

namespace {

retention::ContactSituation at(const std::string& iso) { return {*util::parse_iso(iso), "Europe/Moscow", {}}; }

std::string rule(const retention::Eligibility& e) { return e.eligible ? "ok" : e.rule; }

model::Offer offer(const std::string& product, Channel channel = Channel::phone) {
    model::Offer o;
    o.customer_id = 1;
    o.product = product;
    o.channel = channel;
    o.valid_from = test_now() - 5 * day;
    o.valid_until = test_now() + 5 * day;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(policy)

BOOST_AUTO_TEST_CASE(written_only_and_do_not_call_customers_get_no_calls) {
    const config::OfferRules rules;
    model::ContactPreferences p;
    p.written_only = true;
    const auto noon = at("2026-11-24T09:00:00Z");
    auto e = retention::check_channel(Channel::phone, false, p, noon, rules);
    BOOST_TEST(rule(e) == "written_only");
    BOOST_TEST(e.reason == "the customer wants written proposals only, no calls");
    BOOST_TEST(rule(retention::check_channel(Channel::email, false, p, noon, rules)) == "ok");
    p.written_only = false;
    p.do_not_call = true;
    BOOST_TEST(rule(retention::check_channel(Channel::phone, true, p, noon, rules)) == "do_not_call");
    BOOST_TEST(rule(retention::check_channel(Channel::letter, true, p, noon, rules)) == "ok");
}

BOOST_AUTO_TEST_CASE(an_unsubscribed_channel_is_refused) {
    model::ContactPreferences p;
    p.unsubscribed.insert(Channel::sms);
    const auto e = retention::check_channel(Channel::sms, true, p, at("2026-11-24T09:00:00Z"), {});
    BOOST_TEST(rule(e) == "unsubscribed");
    BOOST_TEST(e.reason == "the customer unsubscribed from sms");
    p.allowed_channels = {Channel::email};
    BOOST_TEST(rule(retention::check_channel(Channel::messenger, true, p, at("2026-11-24T09:00:00Z"), {})) ==
               "channel_not_allowed");
}

BOOST_AUTO_TEST_CASE(quiet_hours_across_midnight_in_the_customers_zone) {
    model::QuietHours q{22 * 60, 8 * 60};
    BOOST_TEST(retention::in_quiet_hours(q, 22 * 60));
    BOOST_TEST(retention::in_quiet_hours(q, 23 * 60 + 59));
    BOOST_TEST(retention::in_quiet_hours(q, 0));
    BOOST_TEST(retention::in_quiet_hours(q, 7 * 60 + 59));
    BOOST_TEST(!retention::in_quiet_hours(q, 8 * 60));
    BOOST_TEST(!retention::in_quiet_hours(q, 21 * 60 + 59));
    BOOST_TEST(!retention::in_quiet_hours(model::QuietHours{}, 3 * 60));
    model::ContactPreferences p;
    p.quiet_hours = q;
    p.timezone = "Europe/Sofia";  // UTC+2 in winter
    // 20:30 UTC is 22:30 in Sofia: quiet, though it is still 23:30 in the centre's Moscow.
    auto e = retention::check_channel(Channel::phone, false, p, at("2026-11-24T20:30:00Z"), {});
    BOOST_TEST(rule(e) == "quiet_hours");
    BOOST_TEST(e.reason == "it is 22:30 in Europe/Sofia, inside the quiet hours 22:00-08:00");
    BOOST_TEST(rule(retention::check_channel(Channel::phone, false, p, at("2026-11-24T05:59:00Z"), {})) == "quiet_hours");
    BOOST_TEST(rule(retention::check_channel(Channel::phone, false, p, at("2026-11-24T06:00:00Z"), {})) == "ok");
    // Without a zone of their own the centre's zone applies: 06:00 UTC is 09:00 in Moscow.
    p.timezone.clear();
    BOOST_TEST(rule(retention::check_channel(Channel::phone, false, p, at("2026-11-24T04:30:00Z"), {})) == "quiet_hours");
    BOOST_TEST(rule(retention::check_channel(Channel::phone, false, p, at("2026-11-24T06:00:00Z"), {})) == "ok");
    p.timezone = "Mars/Olympus";
    BOOST_CHECK_THROW(retention::check_channel(Channel::phone, false, p, at("2026-11-24T06:00:00Z"), {}), Error);
}

// A customer who named no zone keeps their country's clock when the country keeps one: a British
// number's quiet hours are London's, not the Moscow centre's (06:30 in London is 09:30 in Moscow, when
// the centre's clock would let the call through); a Russian number could be any of eleven zones and
// keeps the centre's; a zone the customer named wins over both.
BOOST_AUTO_TEST_CASE(without_a_zone_of_their_own_a_customer_keeps_their_countrys_clock) {
    const auto now = *util::parse_iso("2026-11-24T06:30:00Z");
    retention::CustomerHistory h;
    h.preferences.quiet_hours = {21 * 60, 9 * 60};
    auto check = [&](const char* phone) {
        h.customer.phones = {phone};
        return retention::check_channel(Channel::phone, false, h.preferences, retention::situation_of(h, "Europe/Moscow", now), {});
    };
    const auto london = check("+442079460958");
    BOOST_TEST(rule(london) == "quiet_hours");
    BOOST_TEST(london.reason == "it is 06:30 in Europe/London, inside the quiet hours 21:00-09:00");
    BOOST_TEST(rule(check("+359888123456")) == "quiet_hours");  // 08:30 in Sofia
    BOOST_TEST(rule(check("+79161234567")) == "ok");            // 09:30 in Moscow, the centre's clock
    h.preferences.timezone = "Asia/Yekaterinburg";                // named: 11:30 there
    BOOST_TEST(rule(check("+442079460958")) == "ok");
    BOOST_TEST(retention::customer_zone(h.customer, {}, "Europe/Moscow", now) == "Europe/London");
    BOOST_TEST(retention::customer_zone(model::Customer{}, {}, "Europe/Moscow", now) == "Europe/Moscow");
}

BOOST_AUTO_TEST_CASE(no_sales_call_the_day_after_the_customers_own_call) {
    model::ContactPreferences p;
    auto s = at("2026-11-24T09:00:00Z");                        // 12:00 in Moscow
    s.inbound_calls = {*util::parse_iso("2026-11-23T17:00:00Z")};  // yesterday 20:00 Moscow
    auto e = retention::check_channel(Channel::phone, true, p, s, {});
    BOOST_TEST(rule(e) == "day_after_inbound_call");
    BOOST_TEST(e.reason == "the customer called us on 2026-11-23; no sales call the day after");
    BOOST_TEST(rule(retention::check_channel(Channel::phone, false, p, s, {})) == "ok");   // a service call is fine
    BOOST_TEST(rule(retention::check_channel(Channel::email, true, p, s, {})) == "ok");
    s.inbound_calls = {*util::parse_iso("2026-11-24T07:00:00Z")};  // today: the inbound operator sells then
    BOOST_TEST(rule(retention::check_channel(Channel::phone, true, p, s, {})) == "ok");
    s.inbound_calls = {*util::parse_iso("2026-11-22T09:00:00Z")};  // two days ago
    BOOST_TEST(rule(retention::check_channel(Channel::phone, true, p, s, {})) == "ok");
}

BOOST_AUTO_TEST_CASE(offers_for_products_the_customer_has_are_suppressed) {
    auto h = test::customer_with_order(10);
    h.orders.back().product = "Mobile Unlimited";
    const auto status = retention::assess_status(h, {}, test_now());
    retention::ContactSituation s{test_now(), "Europe/Moscow", {}};
    auto e = retention::check_offer(offer("mobile unlimited"), h, status, s, {});
    BOOST_TEST(rule(e) == "already_has_product");
    BOOST_TEST(e.reason == "bought Mobile Unlimited on 2026-11-14");
    BOOST_TEST(rule(retention::check_offer(offer("Home Internet"), h, status, s, {})) == "ok");
    auto expired = offer("Home Internet");
    expired.valid_until = test_now() - day;
    BOOST_TEST(rule(retention::check_offer(expired, h, status, s, {})) == "expired");
    auto done = offer("Home Internet");
    done.status = model::OfferStatus::declined;
    BOOST_TEST(rule(retention::check_offer(done, h, status, s, {})) == "closed");
    h.preferences.written_only = true;
    BOOST_TEST(rule(retention::check_offer(offer("Home Internet"), h, status, s, {})) == "written_only");
    BOOST_TEST(rule(retention::check_offer(offer("Home Internet", Channel::email), h, status, s, {})) == "ok");
}

BOOST_AUTO_TEST_CASE(lost_twice_and_do_not_retain_customers_get_no_offers) {
    auto h = test::customer_with_order(400);
    h.events.push_back(test::loss_at(test_now() - 300 * day));
    h.orders.push_back(test::order_at(test_now() - 200 * day, 5000));
    h.events.push_back(test::loss_at(test_now() - 100 * day));
    retention::ContactSituation s{test_now(), "Europe/Moscow", {}};
    auto status = retention::assess_status(h, {}, test_now());
    BOOST_TEST(rule(retention::check_offer(offer("Home Internet"), h, status, s, {})) == "lost_twice");
    status.record.status = model::LifecycleStatus::do_not_retain;
    BOOST_TEST(rule(retention::check_offer(offer("Home Internet"), h, status, s, {})) == "do_not_retain");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(wall_clock_readings_back_to_instants) {
    using retention::LocalTime;
    // 2026-11-25 11:00 in Moscow (UTC+3, no daylight saving) is 08:00 UTC.
    const auto nov25 = util::parse_date("2026-11-25").value();
    BOOST_TEST(retention::utc_of(LocalTime{nov25, 11 * 60}, "Europe/Moscow") == util::parse_iso("2026-11-25T08:00:00Z").value());
    // Round trip through local_time, in a zone with daylight saving (Sofia, summer: UTC+3).
    const auto t = util::parse_iso("2026-07-01T06:30:00Z").value();
    BOOST_TEST(retention::utc_of(retention::local_time(t, "Europe/Sofia"), "Europe/Sofia") == t);
    // 03:30 on the spring-forward night does not exist in Sofia: the earlier reading's instant is taken.
    const auto skipped = retention::utc_of(LocalTime{util::parse_date("2026-03-29").value(), 3 * 60 + 30}, "Europe/Sofia");
    BOOST_TEST(skipped == util::parse_iso("2026-03-29T01:00:00Z").value());
    BOOST_CHECK_THROW(retention::utc_of(LocalTime{nov25, 0}, "Mars/Olympus"), Error);
}
