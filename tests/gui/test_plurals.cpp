#define BOOST_TEST_MODULE kartoteka plural forms
#include <boost/test/unit_test.hpp>

#include <wx/init.h>
#include <wx/translation.h>

#include <map>

#include "presenters/board_presenter.h"
#include "desk/program_texts.h"
#include "presenters/card_presenter.h"
#include "presenters/my_work_presenter.h"
#include "retention/lifecycle_rules.h"
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
        BOOST_TEST(stored.in(gui::wx_translator()) == "последний заказ 01.04.2026, 243 дня назад (допустимый перерыв: 21 день)");
    }
    Catalogue bg("bg");
    BOOST_TEST(stored.in(gui::wx_translator()) == "последна поръчка 01.04.2026, преди 243 дни (максимален интервал: 21 дни)");
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
    BOOST_TEST(card.timeline_caption(0, 1) == "Показани: 0 от 1 запис");
    BOOST_TEST(card.timeline_caption(1, 1).empty());  // the whole history shown: no count to read (m9)
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

namespace {

/// A customer whose last three orders average a quarter of the three before: the falling-average signal,
/// with amounts in euro (a Bulgarian customer).
retention::StatusAssessment falling_in_euro(model::Timestamp now) {
    retention::CustomerHistory h;
    const model::Money amounts[] = {4443421, 4443421, 4443421, 2221710, 2221710, 2221710};
    for (int k = 0; k < 6; ++k) {
        model::Order o;
        o.placed_at = now - (60 - 10 * k) * 86400LL;
        o.amount = amounts[k];
        o.currency = "EUR";
        h.orders.push_back(o);
    }
    return retention::assess_status(h, config::RetentionConfig{}, now);
}

const retention::Signal* signal_of(const retention::StatusAssessment& a, const std::string& code) {
    for (const auto& s : a.signals)
        if (s.code == code) return &s;
    return nullptr;
}

}  // namespace

// Money the core writes into a sentence is typed, so the screen writes it in its own language: a decimal
// comma and grouped thousands in ru and bg, never "22,217.10" on a Russian screen; the CLI's English stays.
BOOST_AUTO_TEST_CASE(money_in_a_core_sentence_follows_the_screens_language) {
    const model::Timestamp now = 1790000000;
    const auto a = falling_in_euro(now);
    const auto* s = signal_of(a, "falling_average");
    BOOST_REQUIRE(s);
    BOOST_TEST(s->fact == "average of the last 3 orders 22,217.10 EUR against 44,434.21 EUR before (-50%)");
    const auto stored = util::Message::from_json(s->text.to_json());  // as the customer's row keeps it
    {
        Catalogue ru("ru");
        const std::string shown = stored.in(gui::wx_translator());
        BOOST_TEST(shown.find("22\u202F217,10 EUR") != std::string::npos, shown);
        BOOST_TEST(shown.find("44\u202F434,21 EUR") != std::string::npos, shown);
        BOOST_TEST(shown.find("22,217") == std::string::npos, shown);
    }
    Catalogue bg("bg");
    const std::string shown = stored.in(gui::wx_translator());
    BOOST_TEST(shown.find("22\u202F217,10 EUR") != std::string::npos, shown);
    BOOST_TEST(gui::money_text(-5, "") == "-0,05");
    // The grade's missing turnover on the holdings tab, from the same kind of typed argument.
    const util::Message missing{N_("annual turnover {1} < {2}"), {util::Message::money(50000), util::Message::money(2000000)}};
    BOOST_TEST(missing.english() == "annual turnover 500.00 < 20,000.00");
    BOOST_TEST(missing.in(gui::wx_translator()).find("500,00") != std::string::npos);
    BOOST_TEST(missing.in(gui::wx_translator()).find("20\u202F000,00") != std::string::npos);
}

// m3: one English word, two meanings on screen. The header's "Value" is the customer's worth; the
// preferences column's is a setting's value, looked up in its own context (msgctxt) in the catalogue.
BOOST_AUTO_TEST_CASE(a_word_with_two_meanings_is_translated_by_its_context) {
    phone::PhoneNormalizer phones("RU");
    card::Card c;
    c.orders.orders = 1;
    c.retention.value.orders = 1;
    auto worth_and_setting = [&] {
        const auto v = gui::CardPresenter(phones, gui::wx_translator()).present(c, 0);
        // status, phone, e-mail, orders, value
        return std::make_pair(v.facts.at(4).first, v.preferences.columns.at(1));
    };
    {
        Catalogue ru("ru");
        BOOST_TEST((worth_and_setting() == std::make_pair(std::string("Ценность"), std::string("Значение"))));
    }
    {
        Catalogue bg("bg");
        BOOST_TEST(worth_and_setting().second == "Стойност");
    }
    Catalogue en("en");  // English has no entry in the context: the word comes back without it
    BOOST_TEST((worth_and_setting() == std::make_pair(std::string("Value"), std::string("Value"))));
}

// "service" as a reason of loss is not the "service" problem type: the loss banner has its own context.
BOOST_AUTO_TEST_CASE(a_reason_of_loss_reads_as_one) {
    phone::PhoneNormalizer phones("RU");
    card::Card c;
    c.status.status = model::LifecycleStatus::lost;
    c.status.lost_reason = model::LossReason::service;
    auto banner = [&] { return gui::CardPresenter(phones, gui::wx_translator()).present(c, 0).banners.at(0).text; };
    {
        Catalogue ru("ru");
        BOOST_TEST(banner().find(": недоволен обслуживанием") != std::string::npos, banner());
        BOOST_TEST(gui::wx_translator()("service") == "обслуживание");  // the problem type keeps its word
    }
    {
        Catalogue bg("bg");
        BOOST_TEST(banner().find(": недоволен от обслужването") != std::string::npos, banner());
    }
    Catalogue en("en");
    BOOST_TEST(banner().find(": unhappy with the service") != std::string::npos, banner());
    c.status.lost_reason = model::LossReason::other;  // no English entry: the word without its context
    BOOST_TEST(banner().find(": other") != std::string::npos, banner());
}

// Complaint subjects an older version stored as "Raised in a service_call contact" (a data name inside
// an English sentence) are read as today's sentence, which the catalogue translates.
BOOST_AUTO_TEST_CASE(an_older_stored_subject_is_shown_translated) {
    BOOST_TEST(desk::current_form("Raised in a service_call contact") == "Raised in a service call");
    BOOST_TEST(desk::current_form("Raised in a how_are_you contact") == "Raised in a \"how are you\" call");
    BOOST_TEST(desk::current_form("Raised in a courier contact") == "Raised in a courier contact");  // not a type
    BOOST_TEST(desk::current_form("Интернет пропадает") == "Интернет пропадает");
    {
        Catalogue ru("ru");
        const std::string old_form = gui::stored_text(gui::wx_translator(), "Raised in a service_call contact");
        BOOST_TEST(old_form == gui::stored_text(gui::wx_translator(), "Raised in a service call"));
        BOOST_TEST(old_form.find("Raised") == std::string::npos, old_form);
    }
    Catalogue bg("bg");
    const std::string old_form = gui::stored_text(gui::wx_translator(), "Raised in a welcome_letter contact");
    BOOST_TEST(old_form == gui::stored_text(gui::wx_translator(), "Raised in a welcome letter"));
    BOOST_TEST(old_form.find("Raised") == std::string::npos, old_form);
}
