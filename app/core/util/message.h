#pragma once
/// Sentences the core writes for people (refusal reasons, early-warning signals, timeline entries) as
/// an English template with numbered holes plus the values that fill them, so each host shows them in
/// its own language: the CLI and the log print `english()`, the window translates the template through
/// its catalogue first. Templates are marked with N_() so the catalogue test finds them in the core.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#ifndef N_
/// Marks an English message template for the translation catalogue; translates nothing by itself.
#define N_(text) text
#endif

namespace kartoteka::util {

/// Looks up a template's translation (the GUI passes its catalogue); returns the template when none.
using Translator = std::function<std::string(const char*)>;
/// Shows an instant argument (see Message::instant) as the reader's clock time: the centre's zone.
using InstantFormat = std::function<std::string(long long unix_seconds)>;

struct Message {
    Message() = default;
    Message(std::string text_, std::vector<std::string> args_ = {}, std::vector<Message> then_ = {})
        : text(std::move(text_)), args(std::move(args_)), then(std::move(then_)) {}

    std::string text;               ///< English template; {1}..{9} are replaced by args[0]..args[8]
    std::vector<std::string> args;  ///< values as the customer's data has them (dates ISO, numbers plain)
    /// Sentences that follow this one, each its own template (", next: {1} on {2}"), so a message made
    /// of optional parts needs one catalogue entry per part, not one per combination.
    std::vector<Message> then;

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

    /// {"t": template, "a": [args]} for a text column; "" for an empty message.
    std::string to_json() const;
    /// The inverse of to_json; an empty message for "" or text that is not such an object (a row
    /// written by hand stays readable through its plain summary).
    static Message from_json(const std::string& text);
};

/// Replaces {1}..{9} in `text` with args; a hole without a value stays as written.
std::string fill(std::string_view text, const std::vector<std::string>& args);

}  // namespace kartoteka::util
