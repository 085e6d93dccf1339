// What agents type into the search box (issue 18, m5), each kind with the customer it must find, on
// SQLite and on PostgreSQL: the end of a number, an e-mail's local part, a Latin spelling of a Cyrillic
// name, a national number of another country the centre serves, and a query nobody matches.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "desk_fixture.h"
#include "desk/desk.h"

namespace kartoteka::search {
// For Boost.Test's messages when a comparison fails.
std::ostream& operator<<(std::ostream& out, MatchedBy m) { return out << to_string(m); }
}  // namespace kartoteka::search

using namespace kartoteka;
using search::MatchedBy;
using test::for_each_desk;
using test::kNow;

namespace {

const std::string kYaml = "agent: {login: operator}\nlocale: {default_region: RU, other_regions: [BG, GB]}\n";

/// The cast, by a short name: Russian and Bulgarian customers and one written in Latin letters.
std::map<std::string, model::Id> seed(desk::Desk& d) {
    std::map<std::string, model::Id> ids;
    d.with_store([&](storage::Store& s) {
        model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
        s.insert_agent(op);
        auto add = [&](const std::string& key, const std::string& last, const std::string& first,
                       const std::string& phone, const std::string& email) {
            model::Customer c;
            c.last_name = last;
            c.first_name = first;
            if (!phone.empty()) c.phones = {phone};
            if (!email.empty()) c.emails = {email};
            s.insert_customer(c, kNow - 86400);
            ids[key] = c.id;
        };
        add("smirnova", "Смирнова", "Мария", "+79163691154", "m.smirnova@example.ru");
        add("petrov", "Петров", "Иван", "+74951112233", "Ivanov@Example.RU");
        add("novikova", "Новикова", "Мария", "+359871250405", "");
        add("georgiev", "Георгиев", "Стоян", "+359888123456", "");
        add("zhelyazkov", "Желязков", "Петър", "+359887654321", "");
        add("shcherbakov", "Щербаков", "Алексей", "+74957654321", "");
        add("kozlova", "Козлова", "Юлия", "+79031234567", "");
        add("smith", "Smith", "Maria", "+447911123456", "");
    });
    return ids;
}

bool finds(desk::Desk& d, const std::string& query, model::Id id, MatchedBy how) {
    const auto hits = d.search(query, 20);
    return std::any_of(hits.begin(), hits.end(),
                       [&](const search::Hit& h) { return h.customer.id == id && h.matched_by == how; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(search_inputs)

BOOST_AUTO_TEST_CASE(the_last_digits_of_a_number_find_its_customer) {
    for_each_desk(kYaml, [](desk::Desk& d) {
        const auto ids = seed(d);
        for (const char* q : {"369-11-54", "3691154", "11-54", "1154", "36-911-54"})
            BOOST_TEST(finds(d, q, ids.at("smirnova"), MatchedBy::last_digits), q);
        // Only the number that ends so: "1154" is no other customer's ending.
        const auto hits = d.search("11-54", 20);
        BOOST_TEST(hits.size() == 1u);
        // Three digits are too few to be an ending (they stay a local id).
        BOOST_TEST(d.search("154", 20).empty());
        const auto r = d.search_all("154", 20);
        BOOST_TEST((r.tried == std::vector<MatchedBy>{MatchedBy::id}));
        // A whole number in the region's notation is still read as that number.
        for (const char* q : {"8 (916) 369-11-54", "916 369 11 54", "+7 916 3691154"})
            BOOST_TEST(finds(d, q, ids.at("smirnova"), MatchedBy::phone), q);
    });
}

BOOST_AUTO_TEST_CASE(an_email_is_found_by_its_local_part_or_whole_in_any_case) {
    for_each_desk(kYaml, [](desk::Desk& d) {
        const auto ids = seed(d);
        BOOST_TEST(finds(d, "ivanov", ids.at("petrov"), MatchedBy::email));
        BOOST_TEST(finds(d, "IVANOV", ids.at("petrov"), MatchedBy::email));
        BOOST_TEST(finds(d, "ivanov@example.ru", ids.at("petrov"), MatchedBy::email));
        BOOST_TEST(finds(d, "IVANOV@EXAMPLE.RU", ids.at("petrov"), MatchedBy::email));
        BOOST_TEST(finds(d, "m.smirnova", ids.at("smirnova"), MatchedBy::email));
        BOOST_TEST(d.search("ivanov@example.com", 20).empty());  // another domain is another address
    });
}

BOOST_AUTO_TEST_CASE(latin_spellings_find_cyrillic_names_and_back) {
    const std::vector<std::pair<std::string, std::string>> table = {
        {"Smirnov", "smirnova"},         {"Smirnova", "smirnova"},        {"smirnova mariya", "smirnova"},
        {"Petrov Ivan", "petrov"},       {"Novikova Mariya", "novikova"}, {"Novikova Maria", "novikova"},
        {"Novikova Mariia", "novikova"}, {"Georgiev", "georgiev"},        {"Zhelyazkov", "zhelyazkov"},
        {"Zheliazkov Petar", "zhelyazkov"}, {"Shcherbakov", "shcherbakov"}, {"Scherbakov Aleksey", "shcherbakov"},
        {"Yulia", "kozlova"},            {"Iuliia", "kozlova"},           {"Kozlova Yuliya", "kozlova"},
        {"Мария", "smith"},              {"Смит", "smith"}};
    for_each_desk(kYaml, [&](desk::Desk& d) {
        const auto ids = seed(d);
        for (const auto& [query, who] : table)
            BOOST_TEST(finds(d, query, ids.at(who), MatchedBy::latin), query << " should find " << who);
        // The Cyrillic query still finds Cyrillic names first, by name.
        const auto hits = d.search("Мария", 20);
        BOOST_REQUIRE(hits.size() >= 3u);
        BOOST_TEST(hits.front().matched_by == MatchedBy::name);
        BOOST_TEST(!finds(d, "Petrov Ivan", ids.at("smirnova"), MatchedBy::latin));
    });
}

BOOST_AUTO_TEST_CASE(a_national_number_of_another_served_country_is_found) {
    for_each_desk(kYaml, [](desk::Desk& d) {
        const auto ids = seed(d);
        BOOST_TEST(finds(d, "0871 250 405", ids.at("novikova"), MatchedBy::phone));
        BOOST_TEST(finds(d, "0888 123 456", ids.at("georgiev"), MatchedBy::phone));
        BOOST_TEST(finds(d, "07911 123456", ids.at("smith"), MatchedBy::phone));
        // A valid Russian number is never read as another country's.
        BOOST_TEST(finds(d, "8 495 111-22-33", ids.at("petrov"), MatchedBy::phone));
        BOOST_TEST(d.phones().readings_elsewhere("8 495 111-22-33").empty());
    });
}

BOOST_AUTO_TEST_CASE(without_other_regions_a_foreign_national_number_is_only_an_ending) {
    for_each_desk("agent: {login: operator}\n", [](desk::Desk& d) {
        const auto ids = seed(d);
        BOOST_TEST(!finds(d, "0871 250 405", ids.at("novikova"), MatchedBy::phone));
        BOOST_TEST(d.phones().readings_elsewhere("0871 250 405").empty());
    });
}

BOOST_AUTO_TEST_CASE(no_match_says_how_the_query_was_looked_up) {
    for_each_desk(kYaml, [](desk::Desk& d) {
        seed(d);
        auto r = d.search_all("Zzyzx", 20);
        BOOST_TEST(r.hits.empty());
        BOOST_TEST((r.tried == std::vector<MatchedBy>{MatchedBy::name, MatchedBy::latin, MatchedBy::email}));
        r = d.search_all("99-99", 20);
        BOOST_TEST(r.hits.empty());
        BOOST_TEST((r.tried == std::vector<MatchedBy>{MatchedBy::last_digits}));
        r = d.search_all("nobody@example.ru", 20);
        BOOST_TEST((r.tried == std::vector<MatchedBy>{MatchedBy::email}));
    });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(search_prefill)

BOOST_AUTO_TEST_CASE(a_search_that_found_nobody_fills_the_new_customer_form) {
    phone::PhoneNormalizer ru("RU", {"BG"});
    auto c = search::prefill_from_query("  Смирнова Мария Петровна ", ru);
    BOOST_TEST(c.last_name == "Смирнова");
    BOOST_TEST(c.first_name == "Мария");
    BOOST_TEST(c.middle_name == "Петровна");
    BOOST_TEST(c.phones.empty());
    c = search::prefill_from_query("8 (916) 369-11-54", ru);
    BOOST_REQUIRE(c.phones.size() == 1u);
    BOOST_TEST(ru.normalize(c.phones.front()).value_or("") == "+79163691154");
    c = search::prefill_from_query("0871 250 405", ru);  // a Bulgarian number stays Bulgarian
    BOOST_REQUIRE(c.phones.size() == 1u);
    BOOST_TEST(ru.normalize(c.phones.front()).value_or("") == "+359871250405");
    c = search::prefill_from_query("Ivanov@Example.ru", ru);
    BOOST_TEST((c.emails == std::vector<std::string>{"Ivanov@Example.ru"}));
    c = search::prefill_from_query("11-54", ru);  // an ending is no number to save
    BOOST_TEST(c.phones.empty());
    BOOST_TEST(c.last_name.empty());
}

BOOST_AUTO_TEST_SUITE_END()
