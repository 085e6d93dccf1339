// What the card and the contact lists say, checked without a window (issue 18: m3, m7, m8, m9, and money
// in the core's sentences). The retention rules run for real, so a channel or a count comes from the
// same code the desk uses.
#include <boost/test/unit_test.hpp>

#include "presenters/card_presenter.h"
#include "presenters/work_presenter.h"
#include "retention/customer_retention.h"

using namespace kartoteka;

namespace {

// 2025-11-20 12:00 in Moscow: inside the customer's quiet hours 11:00-15:00 below.
constexpr model::Timestamp noon = 20412LL * 86400 + 9 * 3600;

model::Agent service_agent() {
    model::Agent a;
    a.id = 5;
    a.role = model::Role::service;
    return a;
}

/// A customer who asked not to be called and is in their quiet hours, with a welcome letter and a
/// how-are-you call planned for today: what the retention rules make of it, as the card carries it.
card::Card letter_and_call() {
    retention::CustomerHistory h;
    h.customer.id = 7;
    h.customer.last_name = "Новикова";
    h.preferences.do_not_call = true;
    h.preferences.quiet_hours = {11 * 60, 15 * 60};
    h.preferences.timezone = "Europe/Moscow";
    h.contacts.push_back({31, 7, model::ContactType::welcome_letter, 20412, 5, model::ContactStatus::planned, "", 0, {}});
    h.contacts.push_back({32, 7, model::ContactType::how_are_you, 20412, 5, model::ContactStatus::planned, "", 0, {}});
    card::Card c;
    c.customer = h.customer;
    c.contacts = h.contacts;
    c.preferences = h.preferences;
    c.retention = retention::assess(h, config::RetentionConfig{}, "Europe/Moscow", noon);
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(card_texts)

// m7: a welcome letter is sent, not called. Do-not-call and quiet hours hold the call back, not the
// letter; the lists and F7 say "send the letter", and F7 asks no questionnaire of a letter.
BOOST_AUTO_TEST_CASE(a_planned_letter_reads_as_a_letter_not_a_call) {
    const card::Card c = letter_and_call();
    gui::WorkPresenter work(nullptr, "Europe/Moscow");
    const auto choices = work.planned_contacts(c, service_agent(), noon);
    BOOST_REQUIRE(choices.size() == 2u);
    const auto& letter = choices[0].type == model::ContactType::welcome_letter ? choices[0] : choices[1];
    const auto& call = choices[0].type == model::ContactType::welcome_letter ? choices[1] : choices[0];
    BOOST_TEST(letter.written);
    BOOST_TEST(!letter.questionnaire);
    BOOST_TEST(letter.eligible);
    BOOST_TEST(letter.eligibility == "Send the letter now");
    BOOST_TEST(letter.label.find("letter") != std::string::npos);
    BOOST_TEST(!call.written);
    BOOST_TEST(call.questionnaire);
    BOOST_TEST(!call.eligible);
    BOOST_TEST(call.eligibility.find("Not now — do_not_call") == 0u, call.eligibility);

    // The service list: one column for both kinds, each row on its own channel.
    phone::PhoneNormalizer ru("RU");
    std::vector<std::pair<retention::ContactView, model::Customer>> due;
    for (const auto& v : c.retention.contacts) due.emplace_back(v, c.customer);
    const auto list = work.due_contacts(due, ru, noon);
    BOOST_TEST(list.table.columns.back() == "May contact now");
    BOOST_REQUIRE(list.table.rows.size() == 2u);
    BOOST_TEST(list.table.rows[0].cells.back() == "Send the letter now");
    BOOST_TEST(list.table.rows[1].cells.back().find("Not now — do_not_call") == 0u);

    // The card's planned-contacts tab.
    const auto v = gui::CardPresenter(ru, nullptr, "RUB", "Europe/Moscow").present(c, noon);
    BOOST_TEST(v.contacts.columns.at(3) == "May contact now");
    BOOST_TEST(v.contacts.rows.at(0).cells.at(3) == "Send the letter now");
    BOOST_TEST(v.contacts.rows.at(1).cells.at(3).find("no — do_not_call") == 0u);
    // Each channel says its own action.
    BOOST_TEST(std::string(gui::contact_now(model::Channel::phone)) == "Call now");
    BOOST_TEST(std::string(gui::contact_now(model::Channel::email)) == "Send the e-mail now");
    BOOST_TEST(gui::written_contact(model::Channel::email));
    BOOST_TEST(!gui::written_contact(model::Channel::meeting));
}

// A refused contact's reason on the card is the rule's own template in the screen's language, never the
// core's English sentence (it was, in the card's contacts and offers tabs, while My work translated it).
BOOST_AUTO_TEST_CASE(a_refusal_on_the_card_is_in_the_screens_language) {
    const card::Card c = letter_and_call();
    const auto& call = c.retention.contacts.at(1).eligibility;
    BOOST_REQUIRE(!call.eligible);
    BOOST_REQUIRE(!call.why.empty());
    // A catalogue that marks each word it was asked for: the reason must have passed through it.
    const util::Translator marked = [](const char* s) { return "<" + util::without_context(s) + ">"; };
    phone::PhoneNormalizer ru("RU");
    const auto v = gui::CardPresenter(ru, marked, "RUB", "Europe/Moscow").present(c, noon);
    const std::string cell = v.contacts.rows.at(1).cells.at(3);
    BOOST_TEST(cell.find("<no> — <do_not_call>: <") == 0u, cell);
    BOOST_TEST(cell.find(": " + call.reason) == std::string::npos, cell);  // not the untranslated sentence
}

// m8: a customer just created has no orders: new, and no grade drawn from no data ("active · C").
BOOST_AUTO_TEST_CASE(a_new_customer_is_new_and_ungraded) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB");
    card::Card c = letter_and_call();
    auto v = p.present(c, noon);
    BOOST_TEST(v.facts.at(0).second == "new customer, no orders yet");
    BOOST_TEST(v.facts.at(4).first == "Value");
    BOOST_TEST(v.facts.at(4).second == "no grade before the first order");
    // The first order makes them an ordinary active customer with a grade.
    c.orders.orders = 1;
    c.orders.total = 150000;
    c.retention.value.orders = 1;
    v = p.present(c, noon);
    BOOST_TEST(v.facts.at(0).second == "active");
    BOOST_TEST(v.facts.at(4).second.find(" · lifetime value ") != std::string::npos);
    // A lost customer with no orders on the card is not "new": the status says what happened.
    c.orders.orders = 0;
    c.retention.value.orders = 0;
    c.status.status = model::LifecycleStatus::lost;
    BOOST_TEST(p.present(c, noon).facts.at(0).second == "lost");
}

// m9: the header keeps its rows whatever the customer (no e-mail: "—"), and the timeline's count is
// shown only when part of the history is.
BOOST_AUTO_TEST_CASE(the_header_keeps_its_shape_and_the_count_says_something) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB");
    card::Card c = letter_and_call();
    const auto without = p.present(c, noon);
    c.customer.emails = {"anna@example.org"};
    const auto with = p.present(c, noon);
    BOOST_TEST(without.facts.size() == with.facts.size());
    BOOST_TEST(without.facts.at(2).second == "—");
    BOOST_TEST(with.facts.at(2).second == "anna@example.org");
    BOOST_TEST(p.timeline_caption(15, 15).empty());
    BOOST_TEST(p.timeline_caption(0, 0).empty());
    BOOST_TEST(p.timeline_caption(15, 40) == "Showing 15 of 40 entries");
}

// Money in a sentence the core wrote is typed: each reader's format shows it. English keeps the
// CLI's "22,217.10 EUR"; the card writes it as its header writes money, with the UI's decimal sign.
BOOST_AUTO_TEST_CASE(money_in_a_message_is_written_by_the_reader) {
    const util::Message m{N_("average {1} against {2}"), {util::Message::money(2221710, "EUR"), util::Message::money(-5)}};
    BOOST_TEST(m.english() == "average 22,217.10 EUR against -0.05");
    const auto back = util::Message::from_json(m.to_json());
    BOOST_TEST(back.english() == m.english());
    util::Translator comma([](const char* s) { return std::string(s); });
    comma.set_money([](long long minor, const std::string& code) { return gui::CardPresenter::money(minor, code, ','); });
    BOOST_TEST(m.in(comma) == "average 22\u202F217,10 EUR against -0,05");
    // An agent's own words that merely look like money stay as typed.
    const util::Message said{N_(" (said: {1})"), {"\xC2\xA4 300"}};
    BOOST_TEST(said.in(comma) == " (said: \xC2\xA4 300)");
    // The card shows a falling average in the screen's format.
    card::Card c;
    c.status.status = model::LifecycleStatus::at_risk;
    c.retention.status.signals.push_back({"falling_average", m.english(), 0, m});
    phone::PhoneNormalizer ru("RU");
    const auto v = gui::CardPresenter(ru, nullptr, "EUR", "UTC", ',').present(c, 0);
    std::string warning;
    for (const auto& b : v.banners)
        if (b.key == "signal") warning = b.text;
    BOOST_TEST(warning == "Early warning: average 22\u202F217,10 EUR against -0,05");
}

// A word with two meanings is looked up in its context; without a catalogue entry it reads as English.
BOOST_AUTO_TEST_CASE(a_context_never_shows_on_screen) {
    phone::PhoneNormalizer ru("RU");
    const auto plain = gui::CardPresenter(ru, nullptr).present(card::Card{}, 0);
    BOOST_TEST(plain.preferences.columns.at(1) == "Value");
    const std::map<std::string, std::string> catalogue{{"Value", "Ценность"}, {NC_("a setting's value", "Value"), "Значение"}};
    gui::Translate tr([&catalogue](const char* s) {
        auto it = catalogue.find(s);
        return it == catalogue.end() ? std::string(s) : it->second;
    });
    const auto v = gui::CardPresenter(ru, tr).present(card::Card{}, 0);
    BOOST_TEST(v.preferences.columns.at(1) == "Значение");
    BOOST_TEST(v.facts.at(4).first == "Ценность");
}

BOOST_AUTO_TEST_SUITE_END()
