// The Latin search key (util/translit.h): the spellings people really write of one name meet, and the
// Cyrillic name meets them. Variants from Russian passports (ICAO 9303 since 2013, and the older
// French-style "ou"/"ie" passports are left out), GOST 7.79 B, BGN/PCGN, and Bulgaria's transliteration
// law (щ sht, ъ a, ж zh, ц ts, ю yu, я ya, х h, й y).
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "util/translit.h"

using kartoteka::util::latin_key;

BOOST_AUTO_TEST_SUITE(translit)

BOOST_AUTO_TEST_CASE(every_spelling_of_a_name_meets_its_cyrillic_form) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"Смирнов", {"Smirnov", "SMIRNOV", "smirnov"}},
        {"Смирнова", {"Smirnova"}},
        {"Мария", {"Mariya", "Maria", "Mariia", "Marija", "MARIIA"}},
        {"Юлия", {"Yulia", "Yuliya", "Iuliia", "Julia", "Yuliia", "Julija"}},
        {"Новикова", {"Novikova"}},
        {"Георгиев", {"Georgiev", "Georgiyev"}},                  // Bulgarian law; BGN
        {"Желязков", {"Zhelyazkov", "Zheliazkov", "Želiazkov"}},  // law; ICAO-style; ISO 9 háček
        {"Щербаков", {"Shcherbakov", "Scherbakov", "Shterbakov", "Ščerbakov"}},
        {"Щерев", {"Shterev", "Shcherev"}},                         // Bulgarian щ = sht
        {"Евгений", {"Evgenii", "Yevgeniy", "Evgeny", "Evgenij", "Yevgeny"}},
        {"Дмитрий", {"Dmitrii", "Dmitriy", "Dmitry", "Dmitrij"}},
        {"Наталья", {"Natalia", "Natalya", "Nataliya", "Natal'ya", "Natalja"}},
        {"Фёдор", {"Fedor", "Fyodor", "Fiodor", "Fjodor"}},
        {"Пётр", {"Petr", "Pyotr", "Piotr"}},
        {"Ильин", {"Ilin", "Il'in", "Ilyin", "Il’in"}},
        {"Ольга", {"Olga", "Ol'ga"}},
        {"Цветкова", {"Tsvetkova", "Tzvetkova", "Czvetkova"}},
        {"Христов", {"Hristov", "Khristov"}},                       // BG law; ICAO
        {"Хаджиев", {"Hadzhiev", "Khadzhiev"}},
        {"Кънчев", {"Kanchev"}},                                    // ъ = a (Bulgarian law)
        {"Чернев", {"Chernev", "Tchernev"}},
        {"Шишков", {"Shishkov"}},
        {"Кирилл", {"Kirill", "Kiril"}},
        {"Кирил", {"Kirill", "Kiril"}},
        {"Ксения", {"Kseniya", "Ksenia", "Xenia"}},
        {"Алексей", {"Aleksei", "Aleksey", "Alexey", "Alexei"}},
        {"Юрий", {"Yuri", "Yury", "Yuriy", "Iurii"}},
        {"Татьяна", {"Tatiana", "Tatyana", "Tatjana"}},
        {"Елена", {"Elena", "Yelena"}},
        {"Крылов", {"Krylov"}},
        {"Стоян", {"Stoyan", "Stoian"}},
        {"Йорданов", {"Yordanov", "Iordanov", "Jordanov"}},
        {"Петров Иван", {"Petrov Ivan", "petrov  ivan", "Petrov, Ivan"}},
    };
    for (const auto& [cyrillic, spellings] : table)
        for (const auto& latin : spellings)
            BOOST_TEST(latin_key(latin) == latin_key(cyrillic), latin << " -> " << latin_key(latin) << ", " << cyrillic
                                                                     << " -> " << latin_key(cyrillic));
}

BOOST_AUTO_TEST_CASE(cyrillic_typed_for_a_latin_name_meets_it) {
    BOOST_TEST(latin_key("Мария") == latin_key("Maria"));
    BOOST_TEST(latin_key("Смит") == latin_key("Smith"));
    BOOST_TEST(latin_key("Анна") == latin_key("Anna"));
    BOOST_TEST(latin_key("Виктор") == latin_key("Victor"));
}

BOOST_AUTO_TEST_CASE(different_names_stay_apart_and_prefixes_stay_prefixes) {
    BOOST_TEST(latin_key("Smirnov") != latin_key("Petrov"));
    BOOST_TEST(latin_key("Иванов") != latin_key("Иванова"));
    BOOST_TEST(latin_key("Шишков") != latin_key("Жижков"));
    BOOST_TEST(latin_key("Чернев") != latin_key("Щерев"));
    // A typed prefix keys to a prefix of the whole name's key, word by word.
    for (const auto& [prefix, whole] : std::vector<std::pair<std::string, std::string>>{
             {"Smir", "Смирнова Мария"}, {"Petrov Iv", "Петров Иван Сергеевич"}, {"Novikova Mar", "Новикова Мария"},
             {"Zhelyaz", "Желязков"}, {"Shcherb", "Щербаков"}}) {
        BOOST_TEST(latin_key(whole).rfind(latin_key(prefix), 0) == 0u, prefix << " / " << whole);
    }
    BOOST_TEST(latin_key("  ").empty());
    BOOST_TEST(latin_key("O'Brien, Anne-Marie") == "obren ane mare");
}

BOOST_AUTO_TEST_SUITE_END()
