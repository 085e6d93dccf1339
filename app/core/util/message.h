#pragma once
/// Sentences the core writes for people (refusal reasons, early-warning signals, timeline entries) as
/// an English template with numbered holes plus the values that fill them, so each host shows them in
/// its own language: the CLI and the log print `english()`, the window translates the template through
/// its catalogue first. Templates are marked with N_() so the catalogue test finds them in the core.
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#ifndef N_
/// Marks an English message template for the translation catalogue; translates nothing by itself.
#define N_(text) text
#endif
#ifndef NP_
/// Marks a counted template's singular and plural for the catalogue (one msgid_plural entry); it
/// expands to the two arguments of Message::counted or Translator::plural.
#define NP_(singular, plural) singular, plural
#endif

#ifndef NC_
/// Marks a text whose English is shared by two meanings on screen ("Value": a customer's worth, and a
/// setting's value), with the context that tells them apart: gettext's msgctxt. It expands to the key a
/// compiled catalogue stores such an entry under (context, '\004', text), so any translator looks it up
/// like a plain string; Translator strips the context again when the catalogue has no entry.
#define NC_(context, text) context "\004" text
#endif

namespace kartoteka::util {

/// The text of a catalogue key without its context (see NC_): "preferences\004Value" -> "Value".
std::string without_context(std::string text);
/// Money kept as such in a message argument (see Message::money), shown in the reader's format.
using MoneyFormat = std::function<std::string(long long minor, const std::string& currency)>;
/// Money as the CLI, the JSON and the log write it: "22,217.10 EUR" (no currency: "22,217.10").
std::string english_money(long long minor, const std::string& currency);

/// Looks up a template's translation (the GUI passes its catalogue). A counted template needs the
/// language's plural rule too (Russian has three forms, Bulgarian two): `many` picks the form for a
/// count; without it the English rule picks singular or plural and `one` translates that.
class Translator {
public:
    using One = std::function<std::string(const char*)>;
    using Many = std::function<std::string(const char* singular, const char* plural, unsigned long n)>;
    Translator() = default;
    Translator(std::nullptr_t) {}
    /// Any callable that translates one string (a catalogue lookup, a test's map) converts implicitly.
    template <class F, class = std::enable_if_t<std::is_invocable_r_v<std::string, F&, const char*> &&
                                                !std::is_same_v<std::decay_t<F>, Translator>>>
    Translator(F one) : m_one(std::move(one)) {}
    Translator(One one, Many many) : m_one(std::move(one)), m_many(std::move(many)) {}
    Translator(One one, Many many, MoneyFormat money)
        : m_one(std::move(one)), m_many(std::move(many)), m_money(std::move(money)) {}

    explicit operator bool() const noexcept { return static_cast<bool>(m_one); }
    /// The translation of `english`, or `english` itself when there is no catalogue (a key marked with
    /// NC_ comes back without its context then).
    std::string operator()(const char* english) const;
    /// Money in the reader's language: decimal sign, grouping, the currency where the language puts it.
    /// English's "22,217.10 EUR" unless a format was given (set_money).
    std::string money(long long minor, const std::string& currency) const;
    /// The reader's money format (the GUI's comes with its language: "22 217,10 EUR" in ru and bg).
    void set_money(MoneyFormat money) { m_money = std::move(money); }
    bool has_money() const noexcept { return static_cast<bool>(m_money); }
    /// A day given as ISO "2026-12-01" as the catalogue's language writes it: the pattern of its entry
    /// NC_("date format", "YYYY-MM-DD") ("DD.MM.YYYY" in ru and bg gives "01.12.2026"); the ISO text
    /// itself without a catalogue, for text that is no ISO day, or for a pattern that lost a field.
    std::string day(const std::string& iso) const;
    /// The form of a counted template for `n` in the catalogue's language.
    std::string plural(const char* singular, const char* plural, long long n) const;

private:
    One m_one;
    Many m_many;
    MoneyFormat m_money;
};
/// Shows an instant argument (see Message::instant) as the reader's clock time: the centre's zone.
using InstantFormat = std::function<std::string(long long unix_seconds)>;

struct Message {
    Message() = default;
    Message(std::string text_, std::vector<std::string> args_ = {}, std::vector<Message> then_ = {})
        : text(std::move(text_)), args(std::move(args_)), then(std::move(then_)) {}

    std::string text;               ///< English template; {1}..{9} are replaced by args[0]..args[8]
    std::vector<std::string> args;  ///< values as the customer's data has them (dates ISO, numbers plain);
                                    ///< an ISO day is shown through Translator::day
    /// Sentences that follow this one, each its own template (", next: {1} on {2}"), so a message made
    /// of optional parts needs one catalogue entry per part, not one per combination.
    std::vector<Message> then;
    /// A counted template's English plural ("{1} days"); empty for a template without a count.
    std::string plural;
    /// The number that picks the singular or a plural form of a counted template.
    long long count = 0;

    /// A template whose words follow a number: NP_("{1} day", "{1} days"), the count, and the
    /// values ({1} is usually the count as the reader should see it).
    static Message counted(const char* singular, const char* plural, long long n, std::vector<std::string> args);

    /// The template filled in English (what the CLI, JSON and log show); instants through `at`
    /// (ISO 8601 UTC when none is given).
    std::string english(const InstantFormat& at = {}) const;
    /// The template translated by `tr` and filled; each argument is offered to `tr` too, so enum words
    /// such as "email" or "accepted" appear in the screen's language and other values pass unchanged.
    std::string in(const Translator& tr, const InstantFormat& at = {}) const;
    bool empty() const noexcept { return text.empty(); }

    /// An argument that is a moment in time, kept as such so each reader sees it on their own clock
    /// and in their own language ("@1764583200").
    static std::string instant(long long unix_seconds);
    /// An argument that is an amount of money ("¤2221710 EUR"), kept as minor units and its currency
    /// (empty when unknown) so each reader sees it in their language's format, never English digits on a
    /// Russian screen; Translator::money shows it.
    static std::string money(long long minor, const std::string& currency = {});

    /// {"t": template, "a": [args]} for a text column ("p" and "n" for a counted one); "" for an empty message.
    std::string to_json() const;
    /// The inverse of to_json; an empty message for "" or text that is not such an object (a row
    /// written by hand stays readable through its plain summary).
    static Message from_json(const std::string& text);
};

/// Replaces {1}..{9} in `text` with args; a hole without a value stays as written.
std::string fill(std::string_view text, const std::vector<std::string>& args);

}  // namespace kartoteka::util
