#include "util/log.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "privacy/card_number_mask.h"

namespace kartoteka::util {
namespace {

constexpr const char* kName = "kartoteka";
constexpr const char* kFilePattern = "[%Y-%m-%d %H:%M:%S.%e %z] [%l] [%t] %v";

std::shared_ptr<spdlog::logger> discarding() {
    auto l = std::make_shared<spdlog::logger>(kName);  // no sinks
    l->set_level(spdlog::level::off);                  // and nothing formatted for them
    return l;
}

/// Replaced whole by a host (or a test) while worker threads may be logging: an atomic shared_ptr, so a
/// thread that took the old logger finishes its line on it.
std::atomic<std::shared_ptr<spdlog::logger>>& current() {
    static std::atomic<std::shared_ptr<spdlog::logger>> instance{discarding()};
    return instance;
}

/// Every line goes through redact() on its way to the real sink: a caller that forgot to redact a
/// backend's error text, or a message that quotes a value nobody expected, still leaves no card number,
/// phone or e-mail address in the file (issue 16). Callers redacting first cost a second pass, no more.
class RedactingSink final : public spdlog::sinks::sink {
public:
    explicit RedactingSink(spdlog::sink_ptr inner) : m_inner(std::move(inner)) {}
    void log(const spdlog::details::log_msg& msg) override {
        const std::string text = redact(std::string_view(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg copy = msg;
        copy.payload = spdlog::string_view_t(text.data(), text.size());
        m_inner->log(copy);
    }
    void flush() override { m_inner->flush(); }
    void set_pattern(const std::string& pattern) override { m_inner->set_pattern(pattern); }
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
        m_inner->set_formatter(std::move(formatter));
    }

private:
    spdlog::sink_ptr m_inner;
};

std::shared_ptr<spdlog::logger> make(spdlog::sink_ptr sink, spdlog::level::level_enum level, const std::string& pattern) {
    auto l = std::make_shared<spdlog::logger>(kName, std::make_shared<RedactingSink>(std::move(sink)));
    l->set_pattern(pattern);
    l->set_level(level);
    l->flush_on(spdlog::level::trace);  // every line that is written reaches the file at once
    return l;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool email_local(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool email_domain(char c) { return is_alnum(c) || c == '.' || c == '-'; }
/// Dots too: "+7.916.123.45.67" is how some people and some CRMs write numbers.
bool phone_separator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '\t'; }

/// "192.168.100.200": four dot-separated groups of one to three digits, nothing else, is an address.
bool is_ipv4(std::string_view run) {
    int groups = 0, len = 0;
    for (char c : run) {
        if (is_digit(c)) {
            if (++len > 3) return false;
        } else if (c == '.' && len > 0) {
            ++groups, len = 0;
        } else {
            return false;
        }
    }
    return len > 0 && groups == 3;
}

/// "ivan@example.com" and "ivan%40example.com" (an e-mail in a request path) become "<email>".
void mask_emails(std::string& s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t at_len = s[pos] == '@' ? 1 : s.compare(pos, 3, "%40") == 0 ? 3 : 0;
        if (at_len == 0) {
            ++pos;
            continue;
        }
        std::size_t left = pos;
        while (left > 0 && email_local(s[left - 1])) --left;
        std::size_t right = pos + at_len;
        while (right < s.size() && email_domain(s[right])) ++right;
        const std::string_view domain(s.data() + pos + at_len, right - pos - at_len);
        if (left < pos && domain.find('.') != std::string_view::npos) {
            s.replace(left, right - left, "<email>");
            pos = left + 7;
        } else {
            pos += at_len;
        }
    }
}

/// Digit runs of 8 or more digits, up to two separators between digits ("8 (916) 123-45-67",
/// "+7.916.123.45.67"): every digit becomes '*', so the shape stays readable and the number does not.
/// An IPv4 address is left alone: it names a server, not a person.
void mask_phone_runs(std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i])) {
            ++i;
            continue;
        }
        std::size_t end = i, last_digit = i;
        int digits = 0, separators = 0;
        while (end < s.size()) {
            if (is_digit(s[end])) {
                ++digits;
                separators = 0;
                last_digit = end;
            } else if (!phone_separator(s[end]) || ++separators > 2) {
                break;
            }
            ++end;
        }
        if (digits >= 8 && !is_ipv4(std::string_view(s).substr(i, last_digit + 1 - i)))
            for (std::size_t k = i; k <= last_digit; ++k)
                if (is_digit(s[k])) s[k] = '*';
        i = last_digit + 1;
    }
}

/// A backend's value quoted in a connector's mapping error ("found 'x'", "value 'x' is not in its map")
/// becomes '…': a field mapped wrongly may hold anything, a name included. The field's name stays.
void mask_quoted_values(std::string& s) {
    for (const char* word : {"found ", "value "}) {
        const std::size_t len = std::char_traits<char>::length(word);
        std::size_t pos = 0;
        while ((pos = s.find(word, pos)) != std::string::npos) {
            const std::size_t open = pos + len;
            pos = open;
            if (open >= s.size() || (s[open] != '\'' && s[open] != '"')) continue;
            const std::size_t close = s.find(s[open], open + 1);
            const std::size_t end = close == std::string::npos ? s.size() : close;
            s.replace(open + 1, end - open - 1, "…");
            pos = open + 1;
        }
    }
}

}  // namespace

std::shared_ptr<spdlog::logger> logger() { return current().load(std::memory_order_acquire); }

void set_logger(std::shared_ptr<spdlog::logger> logger) {
    current().store(logger ? std::move(logger) : discarding(), std::memory_order_release);
}

void log_off() { set_logger(nullptr); }

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text) {
    using L = spdlog::level::level_enum;
    if (text == "trace") return L::trace;
    if (text == "debug") return L::debug;
    if (text == "info") return L::info;
    if (text == "warn" || text == "warning") return L::warn;
    if (text == "error") return L::err;
    if (text == "off") return L::off;
    return std::nullopt;
}

const char* log_level_names() { return "trace, debug, info, warn, error, off"; }

std::string default_log_file() {
    namespace fs = std::filesystem;
    const char* state = std::getenv("XDG_STATE_HOME");
    fs::path base;
    // The XDG spec: a relative value is invalid and ignored.
    if (state && *state && fs::path(state).is_absolute()) {
        base = state;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home && *home ? home : ".") / ".local" / "state";
    }
    return (base / "kartoteka" / "kartoteka.log").string();
}

LogSetup log_to_file(const LogFileOptions& options) {
    namespace fs = std::filesystem;
    LogSetup out;
    try {
        const fs::path file(options.path);
        std::error_code ec;
        if (file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
            fs::create_directories(file.parent_path(), ec);
            if (ec) throw fs::filesystem_error("cannot create the folder", file.parent_path(), ec);
            // Only its owner reads what the seat did (connector names, record ids, failures).
            fs::permissions(file.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
        }
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(options.path, options.max_bytes,
                                                                           options.max_files);
        set_logger(make(std::move(sink), options.level, kFilePattern));
        out.file = options.path;
        return out;
    } catch (const std::exception& e) {  // spdlog_ex, filesystem_error, bad_alloc: none may stop the program
        out.problem = e.what();
    }
    set_logger(make(std::make_shared<spdlog::sinks::stderr_sink_mt>(), options.level, kFilePattern));
    logger()->warn("cannot write the log file {} ({}); logging to stderr instead", options.path, out.problem);
    return out;
}

void log_to_stderr(spdlog::level::level_enum level, const std::string& program) {
    // The pattern is literal text to spdlog except its % flags: a program name is ours, never a user's.
    set_logger(make(std::make_shared<spdlog::sinks::stderr_sink_mt>(), level, program + ": %l: %v"));
}

std::string redact(std::string_view text) {
    std::string s = privacy::mask_card_numbers(text);
    mask_quoted_values(s);
    mask_emails(s);
    mask_phone_runs(s);
    return s;
}

}  // namespace kartoteka::util
