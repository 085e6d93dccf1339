// Search and the demo generator over a real store.
#include <boost/test/unit_test.hpp>

#include "card/card.h"
#include "desk/card_service.h"
#include "demo/demo_generator.h"
#include "search/customer_search.h"
#include "sla/sla_board.h"
#include "util/time.h"
#include "store_fixture.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(search_and_demo)

BOOST_AUTO_TEST_CASE(demo_seed_is_deterministic_and_searchable) {
    test::for_each_store([](storage::Store& s) {
        demo::DemoOptions opt;
        opt.customers = 300;
        opt.seed = 7;
        opt.now = 1795000000;
        auto stats = demo::seed_demo(s, opt);
        BOOST_TEST(stats.customers == 300);
        BOOST_TEST(s.customer_count() == 300);
        BOOST_TEST(stats.interactions > 1000);
        BOOST_TEST(stats.tickets > 10);
        BOOST_TEST(stats.offers > 50);
        BOOST_TEST(stats.contacts > 20);

        phone::PhoneNormalizer ru("RU");
        search::CustomerSearch finder(s, ru);
        // Customer index 0's number, typed the way a Russian operator would.
        const std::string e164 = demo::demo_phone(0);
        auto hits = finder.find(e164);
        BOOST_REQUIRE(hits.size() == 1u);
        BOOST_TEST((hits[0].matched_by == search::MatchedBy::phone));
        const auto id = hits[0].customer.id;
        BOOST_TEST(finder.find("#" + std::to_string(id)).at(0).customer.id == id);
        BOOST_TEST(finder.find("billing:B-" + std::string(8 - std::to_string(id).size(), '0') + std::to_string(id))
                       .at(0).customer.id == id);
        const std::string last = hits[0].customer.last_name;
        auto by_name = finder.find(last.substr(0, 4), 50);
        BOOST_TEST(!by_name.empty());
        if (!hits[0].customer.emails.empty())
            BOOST_TEST(finder.find(hits[0].customer.emails[0]).at(0).customer.id == id);

        desk::CardLoader loader(s, 20);
        auto c = loader.load(id, opt.now);
        BOOST_REQUIRE(c.has_value());
        BOOST_TEST(c->customer.phones.front() == e164);
        BOOST_TEST(c->sources.at(0).name == "local");
    });
}

// Issue 14: `card --phone "8 (423) 202-25-11, доб. 100"` found the customer and `search` with the same
// text said nobody matches. Search reads a query through the same caller-id parser: extensions in
// Russian, Bulgarian and English, and URIs (a SIP URI has an "@" and a ":" like an email or a backend
// reference, and must still be read as a phone).
BOOST_AUTO_TEST_CASE(search_reads_a_phone_with_an_extension_or_in_a_uri) {
    test::for_each_store([](storage::Store& s) {
        model::Customer c;
        c.last_name = "Приморский";
        c.phones = {"+74232022511"};
        s.insert_customer(c, 1700000000);
        phone::PhoneNormalizer ru("RU");
        search::CustomerSearch finder(s, ru);
        for (const char* q : {"8 (423) 202-25-11, доб. 100", "8 (423) 202-25-11 ext. 100", "8 (423) 202-25-11 #100",
                              "8 (423) 202-25-11 x100", "8 (423) 202-25-11 вътр. 100", "8 (423) 202-25-11 доп. 100",
                              "+7 423 202-25-11;ext=100", "tel:///%2B74232022511", "tel:+7-423-202-25-11;ext=100",
                              "sip:%2B74232022511@pbx.example.local;user=phone", "<sip:+74232022511@10.0.0.1:5060>",
                              "callto://%2B74232022511"}) {
            const auto hits = finder.find(q);
            BOOST_TEST_REQUIRE(hits.size() == 1u, q);
            BOOST_TEST(hits[0].customer.id == c.id, q);
            BOOST_TEST((hits[0].matched_by == search::MatchedBy::phone), q);
        }
        BOOST_TEST(finder.by_phone("8 (423) 202-25-11, доб. 100") == std::vector<model::Id>{c.id});
        // Still what they were: "#id", a name, a withheld id (no phone, maybe a name), a URI of nobody.
        BOOST_TEST(finder.find("#" + std::to_string(c.id)).at(0).customer.id == c.id);
        BOOST_TEST(finder.find("Примор").at(0).customer.id == c.id);
        BOOST_TEST(finder.find("Anonymous").empty());
        BOOST_TEST(finder.find("sip:anonymous@anonymous.invalid").empty());
        BOOST_TEST(finder.find("sip:+79161234567@pbx.example.local").empty());
    });
}

BOOST_AUTO_TEST_CASE(demo_board_looks_like_a_working_centre) {
    // Open tickets are aged against the norms: at "now" most are on track, some at risk, a few breached
    // (before, with ages in calendar time, most came out breached).
    test::for_each_store([](storage::Store& s) {
        config::CalendarConfig office;
        office.id = "office";
        office.timezone = "Europe/Moscow";
        for (int d = 1; d <= 5; ++d) office.hours[static_cast<std::size_t>(d)] = {{9 * 3600, 13 * 3600}, {14 * 3600, 18 * 3600}};  // seconds of the day
        demo::DemoOptions opt;
        opt.customers = 1500;
        opt.seed = 3;
        opt.now = util::parse_iso("2026-11-24T09:00:00Z").value();  // a Tuesday, noon in Moscow
        opt.calendars = {office};
        opt.sla.calendar = "office";
        opt.sla.policies["connection"].targets.resolution = 16 * 3600;
        demo::seed_demo(s, opt);
        sla::PolicySet policies(opt.sla);
        sla::CalendarSet calendars(opt.calendars);
        sla::Board board(policies, calendars, sla::Directory(s.agents(), s.teams()));
        board.recompute(s.open_tickets(), opt.now);
        const auto& t = board.totals();
        BOOST_TEST_MESSAGE("open " << t.total << ": ok " << t.ok << ", warning " << t.warning << ", breached " << t.breached
                                   << ", paused " << t.paused);
        BOOST_TEST(t.total > 60);
        BOOST_TEST(t.ok > t.total / 2);
        BOOST_TEST(t.warning > 0);
        BOOST_TEST(t.breached > 0);
        BOOST_TEST(t.breached < t.total / 5);
        BOOST_TEST(t.paused > 0);
    });
}

BOOST_AUTO_TEST_CASE(same_seed_same_people) {
    test::TempDir a, b;
    std::string name_a, name_b;
    for (auto* dir : {&a, &b}) {
        storage::Database db(storage::StoreLocation::parse(dir->file("d.db")));
        storage::Store s(db);
        demo::DemoOptions opt;
        opt.customers = 50;
        opt.now = 1795000000;
        demo::seed_demo(s, opt);
        (dir == &a ? name_a : name_b) = s.customer(17)->display_name() + s.customer(17)->phones.at(0);
    }
    BOOST_TEST(name_a == name_b);
}

BOOST_AUTO_TEST_SUITE_END()
