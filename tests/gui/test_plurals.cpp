#define BOOST_TEST_MODULE kartoteka plural forms
#include <boost/test/unit_test.hpp>

#include <wx/init.h>
#include <wx/translation.h>

#include <map>

#include "presenters/board_presenter.h"
#include "presenters/card_presenter.h"
#include "presenters/my_work_presenter.h"
#include "wx_translator.h"

// Counts in Russian and Bulgarian, rendered the way the window renders them: through the catalogues
// this build compiled from app/gui/po and wx's reading of their Plural-Forms rules. The numbers are the
// ones the rules turn on: 1, 2, 5 (Russian's three forms), 11 (not "one" although it ends in 1), 21, 22,
// 25 (the forms repeat per ten) and 111 (not "one" either).

using namespace kartoteka;

namespace {

const long long numbers[] = {1, 2, 5, 11, 21, 22, 25, 111};

/// wx base started once and the given language's catalogue loaded, as main.cpp does it.
struct Catalogue {
    explicit Catalogue(const char* language) {
        static wxInitializer wx_base;
        static const bool lookup = [] {
            wxFileTranslationsLoader::AddCatalogLookupPathPrefix(KARTOTEKA_BINARY_DIR "/locale");
            return true;
        }();
        (void)lookup;
        auto* t = new wxTranslations();
        wxTranslations::Set(t);  // takes ownership, deletes the previous one
        t->SetLanguage(language);
        BOOST_REQUIRE_MESSAGE(t->AddCatalog("kartoteka"), "no compiled catalogue for " << language);
    }
    ~Catalogue() { wxTranslations::Set(nullptr); }
};

std::string each(const char* singular, const char* plural) {
    std::string out;
    for (long long n : numbers) out += (out.empty() ? "" : " / ") + gui::counted(gui::wx_translator(), singular, plural, n);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(russian_has_three_forms_by_the_last_digits) {
    Catalogue ru("ru");
    BOOST_TEST(each(NP_("{1} open ticket", "{1} open tickets")) ==
               "1 открытое обращение / 2 открытых обращения / 5 открытых обращений / 11 открытых обращений / "
               "21 открытое обращение / 22 открытых обращения / 25 открытых обращений / 111 открытых обращений");
    BOOST_TEST(each(NP_("{1} warning", "{1} warnings")) ==
               "1 предупреждение / 2 предупреждения / 5 предупреждений / 11 предупреждений / 21 предупреждение / "
               "22 предупреждения / 25 предупреждений / 111 предупреждений");
    BOOST_TEST(each(NP_("{1} day ago", "{1} days ago")) ==
               "1 день назад / 2 дня назад / 5 дней назад / 11 дней назад / 21 день назад / 22 дня назад / "
               "25 дней назад / 111 дней назад");
    BOOST_TEST(each(NP_("{1} task", "{1} tasks")) ==
               "1 задача / 2 задачи / 5 задач / 11 задач / 21 задача / 22 задачи / 25 задач / 111 задач");
    BOOST_TEST(each(NP_("{1} rating", "{1} ratings")) ==
               "1 оценка / 2 оценки / 5 оценок / 11 оценок / 21 оценка / 22 оценки / 25 оценок / 111 оценок");
}

BOOST_AUTO_TEST_CASE(bulgarian_has_one_form_for_one_and_one_for_the_rest) {
    Catalogue bg("bg");
    BOOST_TEST(each(NP_("{1} open ticket", "{1} open tickets")) ==
               "1 отворен сигнал / 2 отворени сигнала / 5 отворени сигнала / 11 отворени сигнала / 21 отворени сигнала / "
               "22 отворени сигнала / 25 отворени сигнала / 111 отворени сигнала");
    BOOST_TEST(each(NP_("{1} day ago", "{1} days ago")) ==
               "преди 1 ден / преди 2 дни / преди 5 дни / преди 11 дни / преди 21 дни / преди 22 дни / преди 25 дни / "
               "преди 111 дни");
    BOOST_TEST(each(NP_("{1} task", "{1} tasks")) ==
               "1 задача / 2 задачи / 5 задачи / 11 задачи / 21 задачи / 22 задачи / 25 задачи / 111 задачи");
}

BOOST_AUTO_TEST_CASE(a_counted_core_message_keeps_its_count_through_storage) {
    // A signal is stored as JSON on the customer's row and shown later in the reader's language.
    util::Message m{N_("last order {1}, "), {"2026-04-01"}};
    m.then.push_back(util::Message::counted(NP_("{1} day ago", "{1} days ago"), 243, {"243"}));
    m.then.push_back(util::Message::counted(NP_(" (maximum gap: {1} day)", " (maximum gap: {1} days)"), 21, {"21"}));
    const auto stored = util::Message::from_json(m.to_json());
    BOOST_TEST(stored.english() == "last order 2026-04-01, 243 days ago (maximum gap: 21 days)");
    {
        Catalogue ru("ru");
        BOOST_TEST(stored.in(gui::wx_translator()) == "последний заказ 2026-04-01, 243 дня назад (допустимый перерыв: 21 день)");
    }
    Catalogue bg("bg");
    BOOST_TEST(stored.in(gui::wx_translator()) == "последна поръчка 2026-04-01, преди 243 дни (максимален интервал: 21 дни)");
}

BOOST_AUTO_TEST_CASE(presenters_count_in_the_screens_language) {
    phone::PhoneNormalizer phones("RU");
    {
        Catalogue ru("ru");
        gui::CardPresenter card(phones, gui::wx_translator());
        BOOST_TEST(card.timeline_caption(15, 21) == "Показано 15 из 21 записи");
        BOOST_TEST(card.timeline_caption(50, 3214) == "Показано 50 из 3\u202F214 записей");
        std::vector<desk::WorkItem> items(22);
        for (std::size_t i = 0; i < items.size(); ++i) items[i].overdue = i < 5, items[i].may_now = i != 0;
        BOOST_TEST(gui::MyWorkPresenter(gui::wx_translator(), "UTC").present(items, 0).caption ==
                   "22 задачи, 5 просрочено, 1 не сейчас");
        // Working time in Cyrillic units, the minutes without a leading zero, no Latin h or m.
        BOOST_TEST(gui::format_working_time(3 * 3600 + 5 * 60, gui::wx_translator()) == "3 ч 5 мин");
        BOOST_TEST(gui::format_working_time(-(5 * 3600 + 55 * 60), gui::wx_translator()) == "просрочено на 5 ч 55 мин");
    }
    Catalogue bg("bg");
    gui::CardPresenter card(phones, gui::wx_translator());
    BOOST_TEST(card.timeline_caption(1, 1) == "Показани: 1 от 1 запис");
    BOOST_TEST(card.timeline_caption(15, 21) == "Показани: 15 от 21 записа");
    BOOST_TEST(gui::format_working_time(3 * 3600 + 5 * 60, gui::wx_translator()) == "3 ч 5 мин");
}

BOOST_AUTO_TEST_CASE(the_windows_own_counted_texts_use_the_same_rules) {
    Catalogue ru("ru");
    auto more = [](unsigned n) { return std::string(wxString::Format(wxPLURAL("(%d more callback due)", "(%d more callbacks due)", n), n).utf8_str()); };
    BOOST_TEST(more(1) == "(ещё 1 обратный звонок)");
    BOOST_TEST(more(3) == "(ещё 3 обратных звонка)");
    BOOST_TEST(more(11) == "(ещё 11 обратных звонков)");
}
