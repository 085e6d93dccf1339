#include "demo/demo_names.h"

#include <array>
#include <string>

namespace kartoteka::demo {
namespace {

using sv = std::string_view;

constexpr std::array<sv, 30> ru_male{"Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений",
    "Иван", "Михаил", "Николай", "Владимир", "Павел", "Артём", "Денис", "Игорь", "Олег", "Роман", "Виктор",
    "Юрий", "Антон", "Кирилл", "Константин", "Георгий", "Борис", "Григорий", "Фёдор", "Леонид", "Вадим",
    "Степан", "Тимофей"};
constexpr std::array<sv, 30> ru_female{"Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Мария", "Ирина",
    "Светлана", "Екатерина", "Юлия", "Анастасия", "Марина", "Людмила", "Галина", "Дарья", "Ксения", "Полина",
    "Виктория", "Алина", "Вера", "Надежда", "Любовь", "Валентина", "Софья", "Алёна", "Кристина", "Жанна",
    "Лариса", "Нина", "Зоя"};
constexpr std::array<sv, 40> ru_last{"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
    "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев",
    "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
    "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв"};
constexpr std::array<sv, 24> ru_fathers{"Иван", "Сергей", "Пётр", "Николай", "Алексей", "Андрей", "Владимир",
    "Михаил", "Александр", "Дмитрий", "Юрий", "Виктор", "Олег", "Павел", "Борис", "Евгений", "Игорь", "Илья",
    "Лев", "Никита", "Георгий", "Анатолий", "Григорий", "Яков"};

constexpr std::array<sv, 24> bg_male{"Георги", "Иван", "Димитър", "Николай", "Петър", "Христо", "Тодор",
    "Стефан", "Васил", "Александър", "Йордан", "Атанас", "Красимир", "Стоян", "Пламен", "Любомир", "Мартин",
    "Калоян", "Борислав", "Цветан", "Емил", "Асен", "Симеон", "Велизар"};
constexpr std::array<sv, 24> bg_female{"Мария", "Иванка", "Елена", "Йорданка", "Пенка", "Десислава", "Даниела",
    "Цветелина", "Гергана", "Ралица", "Виолета", "Николета", "Радостина", "Силвия", "Надежда", "Теодора",
    "Калина", "Божана", "Ани", "Петя", "Веселина", "Милена", "Росица", "Светла"};
constexpr std::array<sv, 30> bg_last{"Иванов", "Георгиев", "Димитров", "Петров", "Николов", "Христов",
    "Стоянов", "Тодоров", "Илиев", "Василев", "Атанасов", "Петков", "Ангелов", "Колев", "Йорданов", "Маринов",
    "Стефанов", "Попов", "Михайлов", "Кръстев", "Костов", "Димов", "Павлов", "Симеонов", "Янков", "Цветков",
    "Каменов", "Русев", "Вълчев", "Лазаров"};
constexpr std::array<sv, 16> bg_fathers{"Иван", "Георги", "Димитър", "Петър", "Николай", "Христо", "Стоян",
    "Тодор", "Васил", "Атанас", "Йордан", "Стефан", "Никола", "Илия", "Павел", "Славчо"};

constexpr std::array<sv, 26> uk_male{"James", "Oliver", "Harry", "George", "Jack", "Thomas", "William", "Charlie",
    "Daniel", "Samuel", "Joseph", "Henry", "Edward", "Arthur", "Alfie", "Leo", "Oscar", "Jacob", "Noah",
    "Benjamin", "Lucas", "Matthew", "Adam", "Ryan", "Liam", "Ethan"};
constexpr std::array<sv, 26> uk_female{"Olivia", "Amelia", "Isla", "Emily", "Sophie", "Grace", "Jessica",
    "Charlotte", "Lily", "Ella", "Mia", "Evie", "Chloe", "Hannah", "Lucy", "Alice", "Freya", "Poppy", "Ruby",
    "Florence", "Eleanor", "Imogen", "Harriet", "Sarah", "Emma", "Zoe"};
constexpr std::array<sv, 36> uk_last{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
    "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harrison", "Edwards", "Hughes", "Turner", "Hill", "Moore",
    "Cooper", "Ward", "Morris", "King", "Baker", "Parker", "Bennett"};

const NamePool ru_pool{ru_male, ru_female, ru_last, ru_fathers};
const NamePool bg_pool{bg_male, bg_female, bg_last, bg_fathers};
const NamePool uk_pool{uk_male, uk_female, uk_last, {}};

constexpr std::array<sv, 10> product_list{"Home Internet 100", "Home Internet 500", "Mobile Unlimited",
    "Mobile Family", "TV Premium", "TV Start", "Cloud Backup", "Smart Home Kit", "Device Insurance",
    "Business Line"};
constexpr std::array<sv, 6> problem_list{"billing", "connection", "delivery", "equipment", "service", "porting"};

constexpr std::array<sv, 12> ru_summaries{"Уточнил баланс и дату списания", "Жалоба на скорость интернета вечером",
    "Интересовался переходом на тариф с ТВ", "Просил перенести визит мастера", "Подтвердил доставку роутера",
    "Спрашивал про семейный тариф", "Благодарил за быстрое решение", "Недоволен повышением цены",
    "Запросил детализацию счёта", "Сообщил о смене адреса", "Отказался от рассылки SMS",
    "Обсудили продление договора"};
constexpr std::array<sv, 12> bg_summaries{"Попита за баланса и датата на плащане", "Оплакване от бавен интернет вечер",
    "Интересува се от пакет с телевизия", "Помоли да се премести посещението на техник",
    "Потвърди доставката на рутера", "Пита за семеен план", "Благодари за бързото решение",
    "Недоволен от увеличението на цената", "Поиска подробна сметка", "Съобщи за смяна на адреса",
    "Отказа SMS известията", "Обсъдихме подновяване на договора"};
constexpr std::array<sv, 12> uk_summaries{"Checked balance and next payment date", "Complained about slow evening broadband",
    "Asked about adding TV to the plan", "Asked to move the engineer visit", "Confirmed router delivery",
    "Asked about the family plan", "Thanked us for the quick fix", "Unhappy about the price rise",
    "Requested an itemised bill", "Reported a change of address", "Opted out of SMS updates",
    "Discussed contract renewal"};

// Two subjects per problem type, in problem_list's order: a ticket's type and subject agree.
constexpr std::array<sv, 12> ru_subjects{"Двойное списание за месяц", "Списали деньги за отключённую услугу",
    "Интернет пропадает каждый вечер", "Нет связи после грозы",
    "Курьер не приехал в назначенное время", "Привезли не тот роутер",
    "Роутер перегревается", "ТВ-приставка не включается",
    "Грубость оператора", "Обещали перезвонить и не перезвонили",
    "Номер не перенесли в срок", "После переноса номера не приходят SMS"};
constexpr std::array<sv, 12> bg_subjects{"Двойно таксуване за месеца", "Таксуваха ме за изключена услуга",
    "Интернетът прекъсва всяка вечер", "Няма връзка след бурята",
    "Куриерът не дойде навреме", "Доставиха грешен рутер",
    "Рутерът прегрява", "ТВ приемникът не се включва",
    "Грубо отношение на оператор", "Обещаха да ми се обадят и не се обадиха",
    "Номерът не е пренесен навреме", "След преноса на номера не получавам SMS"};
constexpr std::array<sv, 12> uk_subjects{"Charged twice this month", "Billed for a cancelled service",
    "Broadband drops every evening", "No service since the storm",
    "Courier missed the delivery slot", "Wrong router delivered",
    "Router overheats", "TV box will not switch on",
    "Rude call-centre agent", "Promised a call back that never came",
    "Number port overdue", "No texts since the number was ported"};
constexpr std::size_t kSubjectsPerProblem = 2;
static_assert(ru_subjects.size() == problem_list.size() * kSubjectsPerProblem);

constexpr std::array<sv, 5> ru_irritants{"Не звонить до 10 утра", "Раздражают рекламные SMS",
    "Не любит, когда переключают между операторами", "Просит обращаться по имени-отчеству",
    "Не предлагать кредитные продукты"};
constexpr std::array<sv, 5> bg_irritants{"Да не се звъни преди 10 ч.", "Дразнят го рекламните SMS",
    "Не обича да бъде прехвърлян между оператори", "Предпочита официално обръщение", "Без кредитни предложения"};
constexpr std::array<sv, 5> uk_irritants{"No calls before 10am", "Dislikes marketing texts",
    "Hates being transferred between agents", "Prefers to be addressed formally", "Never offer credit products"};

constexpr std::array<sv, 3> ru_offices{"Москва, ул. Тверская, 12, офис 3", "Москва, Ленинградский пр-т, 37",
    "Санкт-Петербург, Невский пр-т, 28"};
constexpr std::array<sv, 3> bg_offices{"София, бул. Витоша 45", "Пловдив, ул. Главна 10", "Варна, бул. Сливница 22"};
constexpr std::array<sv, 3> uk_offices{"London, 221 Baker Street", "Manchester, 10 Deansgate", "Leeds, 5 Briggate"};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

const NamePool& names_for(Nation n) {
    switch (n) {
    case Nation::ru: return ru_pool;
    case Nation::bg: return bg_pool;
    case Nation::uk: return uk_pool;
    }
    return uk_pool;
}

std::string female_surname(std::string_view male, Nation n) {
    if (n == Nation::uk) return std::string(male);
    // -ов/-ев/-ёв/-ин take -а in both languages.
    if (ends_with(male, "ов") || ends_with(male, "ев") || ends_with(male, "ёв") || ends_with(male, "ин"))
        return std::string(male) + "а";
    return std::string(male);
}

namespace {

/// Drops the last `letters` Cyrillic letters (two bytes each in UTF-8).
std::string drop(std::string_view s, std::size_t letters) { return std::string(s.substr(0, s.size() - 2 * letters)); }

/// The Cyrillic letter `from_end` letters before the end (0 = the last one).
sv letter(std::string_view s, std::size_t from_end) {
    return s.size() < 2 * (from_end + 1) ? sv() : s.substr(s.size() - 2 * (from_end + 1), 2);
}

bool is_vowel(sv l) {
    for (sv v : {"а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "А", "Е", "Ё", "И", "О", "У", "Э", "Ю", "Я"})
        if (l == v) return true;
    return false;
}

/// ж, ч, ш, щ, ц (and й): after them both languages write е, not о (Славчо -> Славчев).
bool is_hushing(sv l) {
    for (sv v : {"ж", "ч", "ш", "щ", "ц", "й"})
        if (l == v) return true;
    return false;
}

/// Russian отчество by the rules of the civil registry's practice: consonant + ович/овна
/// (Иван), -ей/-ай -> еевич (Сергей, Николай), -ий -> ьевич after a vowel and a consonant (Евгений,
/// Юрий) but иевич after two consonants (Дмитрий, Георгий), -ь -> евич (Игорь), -а -> ич/ична
/// (Никита), and the names everyone learns one by one (Павел, Лев, Пётр, Михаил, Яков, Илья ...).
std::string russian_patronymic(std::string_view father, bool female) {
    struct Irregular { sv father, male, female; };
    static constexpr std::array<Irregular, 9> irregular{{{"Павел", "Павлович", "Павловна"},
        {"Лев", "Львович", "Львовна"}, {"Пётр", "Петрович", "Петровна"}, {"Михаил", "Михайлович", "Михайловна"},
        {"Яков", "Яковлевич", "Яковлевна"}, {"Илья", "Ильич", "Ильинична"}, {"Фома", "Фомич", "Фоминична"},
        {"Кузьма", "Кузьмич", "Кузьминична"}, {"Лука", "Лукич", "Лукинична"}}};
    for (const auto& i : irregular)
        if (i.father == father) return std::string(female ? i.female : i.male);
    const std::string ending = female ? "вна" : "вич";
    if (ends_with(father, "ий")) {
        const std::string stem = drop(father, 2);
        return stem + (is_vowel(letter(stem, 1)) ? "ье" : "ие") + ending;
    }
    if (ends_with(father, "й") || ends_with(father, "ь")) return drop(father, 1) + "е" + ending;
    if (ends_with(father, "а") || ends_with(father, "я")) return drop(father, 1) + (female ? "ична" : "ич");
    return std::string(father) + (is_hushing(letter(father, 0)) ? "е" : "о") + ending;
}

/// Bulgarian бащино име: the father's name with -ов/-ев (-а for a woman): Иван -> Иванов, Христо ->
/// Христов, Никола -> Николов, Николай -> Николаев, Георги -> Георгиев, Илия -> Илиев, Петър -> Петров,
/// and by custom Васил -> Василев, Павел -> Павлов, Михаил -> Михайлов.
std::string bulgarian_male_patronymic(std::string_view father) {
    struct Irregular { sv father, male; };
    static constexpr std::array<Irregular, 3> irregular{{{"Васил", "Василев"}, {"Павел", "Павлов"},
                                                         {"Михаил", "Михайлов"}}};
    for (const auto& i : irregular)
        if (i.father == father) return std::string(i.male);
    if (ends_with(father, "ър")) return drop(father, 2) + "ров";                      // Петър, Димитър
    if (ends_with(father, "ия") || ends_with(father, "й")) return drop(father, 1) + "ев";  // Илия, Николай
    if (ends_with(father, "и")) return std::string(father) + "ев";                    // Георги
    if (ends_with(father, "е")) return std::string(father) + "в";                     // Коле
    const std::string stem = ends_with(father, "о") || ends_with(father, "а") ? drop(father, 1) : std::string(father);
    return stem + (is_hushing(letter(stem, 0)) ? "ев" : "ов");                       // Христо, Никола, Славчо, Иван
}

std::string bulgarian_patronymic(std::string_view father, bool female) {
    const std::string male = bulgarian_male_patronymic(father);
    return female ? male + "а" : male;
}

}  // namespace

std::string patronymic(std::string_view father, bool female, Nation n) {
    if (n == Nation::uk) return {};
    return n == Nation::bg ? bulgarian_patronymic(father, female) : russian_patronymic(father, female);
}

std::string transliterate(std::string_view s) {
    static const std::array<std::pair<sv, sv>, 66> table{{
        {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"}, {"д", "d"}, {"е", "e"}, {"ё", "e"}, {"ж", "zh"},
        {"з", "z"}, {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"}, {"м", "m"}, {"н", "n"}, {"о", "o"},
        {"п", "p"}, {"р", "r"}, {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"}, {"х", "h"}, {"ц", "ts"},
        {"ч", "ch"}, {"ш", "sh"}, {"щ", "sht"}, {"ъ", "a"}, {"ы", "y"}, {"ь", ""}, {"э", "e"}, {"ю", "yu"},
        {"я", "ya"}, {"А", "a"}, {"Б", "b"}, {"В", "v"}, {"Г", "g"}, {"Д", "d"}, {"Е", "e"}, {"Ё", "e"},
        {"Ж", "zh"}, {"З", "z"}, {"И", "i"}, {"Й", "y"}, {"К", "k"}, {"Л", "l"}, {"М", "m"}, {"Н", "n"},
        {"О", "o"}, {"П", "p"}, {"Р", "r"}, {"С", "s"}, {"Т", "t"}, {"У", "u"}, {"Ф", "f"}, {"Х", "h"},
        {"Ц", "ts"}, {"Ч", "ch"}, {"Ш", "sh"}, {"Щ", "sht"}, {"Ъ", "a"}, {"Ы", "y"}, {"Ь", ""}, {"Э", "e"},
        {"Ю", "yu"}, {"Я", "ya"}}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool matched = false;
        for (const auto& [cyr, lat] : table) {
            if (s.substr(i, cyr.size()) == cyr) {
                out += lat;
                i += cyr.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            char c = s[i++];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        }
    }
    return out;
}

std::span<const std::string_view> products() { return product_list; }
std::span<const std::string_view> problem_types() { return problem_list; }

std::span<const std::string_view> interaction_summaries(Nation n) {
    return n == Nation::ru ? std::span<const sv>(ru_summaries)
                           : n == Nation::bg ? std::span<const sv>(bg_summaries) : std::span<const sv>(uk_summaries);
}
std::span<const std::string_view> ticket_subjects(Nation n, std::size_t problem) {
    const auto all = n == Nation::ru ? std::span<const sv>(ru_subjects)
                                     : n == Nation::bg ? std::span<const sv>(bg_subjects) : std::span<const sv>(uk_subjects);
    return all.subspan((problem % problem_list.size()) * kSubjectsPerProblem, kSubjectsPerProblem);
}
std::span<const std::string_view> irritants(Nation n) {
    return n == Nation::ru ? std::span<const sv>(ru_irritants)
                           : n == Nation::bg ? std::span<const sv>(bg_irritants) : std::span<const sv>(uk_irritants);
}
std::span<const std::string_view> office_addresses(Nation n) {
    return n == Nation::ru ? std::span<const sv>(ru_offices)
                           : n == Nation::bg ? std::span<const sv>(bg_offices) : std::span<const sv>(uk_offices);
}

}  // namespace kartoteka::demo
