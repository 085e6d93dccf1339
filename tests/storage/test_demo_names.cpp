// The demo data reads right to a native speaker (issue 19, m16): patronymics by the real rules,
// Bulgarian fathers' names with -ов/-ев, complaint subjects that fit their type, one offer per product.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "demo/demo_generator.h"
#include "demo/demo_names.h"
#include "store_fixture.h"

using namespace kartoteka;
using demo::Nation;

BOOST_AUTO_TEST_SUITE(demo_names)

// Russian отчество: {father, male, female}. The irregular ones are those a native speaker spots first.
BOOST_AUTO_TEST_CASE(russian_patronymics_follow_the_rules) {
    const struct { const char* father; const char* male; const char* female; } table[] = {
        {"Иван", "Иванович", "Ивановна"},          {"Сергей", "Сергеевич", "Сергеевна"},
        {"Николай", "Николаевич", "Николаевна"},   {"Андрей", "Андреевич", "Андреевна"},
        {"Евгений", "Евгеньевич", "Евгеньевна"},   {"Юрий", "Юрьевич", "Юрьевна"},
        {"Григорий", "Григорьевич", "Григорьевна"}, {"Анатолий", "Анатольевич", "Анатольевна"},
        {"Дмитрий", "Дмитриевич", "Дмитриевна"},   {"Георгий", "Георгиевич", "Георгиевна"},
        {"Игорь", "Игоревич", "Игоревна"},         {"Павел", "Павлович", "Павловна"},
        {"Михаил", "Михайлович", "Михайловна"},    {"Пётр", "Петрович", "Петровна"},
        {"Лев", "Львович", "Львовна"},             {"Яков", "Яковлевич", "Яковлевна"},
        {"Илья", "Ильич", "Ильинична"},            {"Никита", "Никитич", "Никитична"},
        {"Фома", "Фомич", "Фоминична"},            {"Кузьма", "Кузьмич", "Кузьминична"},
        {"Александр", "Александрович", "Александровна"}, {"Фёдор", "Фёдорович", "Фёдоровна"},
        {"Олег", "Олегович", "Олеговна"},          {"Алексей", "Алексеевич", "Алексеевна"},
    };
    for (const auto& row : table) {
        BOOST_TEST(demo::patronymic(row.father, false, Nation::ru) == row.male, row.father);
        BOOST_TEST(demo::patronymic(row.father, true, Nation::ru) == row.female, row.father);
    }
}

// Bulgarian бащино име: the father's name + -ов/-ев, -а for a woman.
BOOST_AUTO_TEST_CASE(bulgarian_fathers_names_take_ov_or_ev) {
    const struct { const char* father; const char* male; const char* female; } table[] = {
        {"Иван", "Иванов", "Иванова"},       {"Христо", "Христов", "Христова"},
        {"Николай", "Николаев", "Николаева"}, {"Васил", "Василев", "Василева"},
        {"Георги", "Георгиев", "Георгиева"}, {"Петър", "Петров", "Петрова"},
        {"Димитър", "Димитров", "Димитрова"}, {"Никола", "Николов", "Николова"},
        {"Илия", "Илиев", "Илиева"},         {"Павел", "Павлов", "Павлова"},
        {"Стоян", "Стоянов", "Стоянова"},    {"Тодор", "Тодоров", "Тодорова"},
        {"Славчо", "Славчев", "Славчева"},   {"Коле", "Колев", "Колева"},
        {"Андрей", "Андреев", "Андреева"},   {"Михаил", "Михайлов", "Михайлова"},
    };
    for (const auto& row : table) {
        BOOST_TEST(demo::patronymic(row.father, false, Nation::bg) == row.male, row.father);
        BOOST_TEST(demo::patronymic(row.father, true, Nation::bg) == row.female, row.father);
    }
    BOOST_TEST(demo::patronymic("James", false, Nation::uk).empty());
}

// Every father in the pools gives a name that no rule above leaves half-made.
BOOST_AUTO_TEST_CASE(no_father_in_the_pools_gives_a_broken_patronymic) {
    for (Nation n : {Nation::ru, Nation::bg}) {
        for (auto father : demo::names_for(n).patronymic_stems) {
            for (bool female : {false, true}) {
                const auto p = demo::patronymic(father, female, n);
                for (const char* wrong : {"оов", "аов", "йов", "йев", "елович", "аилович", "ьов", "ъров", "Евгение", "Юрие", "Григорие", "Анатолие"}) {
                    const bool clean = p.find(wrong) == std::string::npos;
                    BOOST_TEST(clean, p << " has " << wrong);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(seeded_tickets_fit_their_type_and_offers_are_not_repeated) {
    test::for_each_store([](storage::Store& s) {
        demo::DemoOptions opt;
        opt.customers = 400;
        opt.seed = 11;
        opt.now = 1795000000;
        demo::seed_demo(s, opt);
        int tickets = 0;
        for (const auto& t : s.open_tickets()) {
            ++tickets;
            const auto& types = demo::problem_types();
            const auto k = static_cast<std::size_t>(std::find(types.begin(), types.end(), t.problem_type) - types.begin());
            BOOST_REQUIRE(k < types.size());
            bool fits = false;
            for (Nation n : {Nation::ru, Nation::bg, Nation::uk})
                for (auto subject : demo::ticket_subjects(n, k)) fits = fits || subject == t.subject;
            BOOST_TEST(fits, t.problem_type + " / " + t.subject);
        }
        BOOST_TEST(tickets > 5);
        std::set<std::pair<model::Id, std::string>> seen;
        int offers = 0;
        for (model::Id id : s.open_offer_ids(0)) {
            const auto o = s.offer(id);
            BOOST_REQUIRE(o.has_value());
            ++offers;
            BOOST_TEST(seen.insert({o->customer_id, o->product}).second, "customer #" << o->customer_id << " " << o->product);
        }
        BOOST_TEST(offers > 50);
    });
}

BOOST_AUTO_TEST_SUITE_END()
