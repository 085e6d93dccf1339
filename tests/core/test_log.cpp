// The program's log (util/log.h): where the file goes, what is masked before a line is written, and that a
// log file that cannot be opened never stops the program.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "test_support.h"
#include "util/log.h"

using namespace kartoteka;
using kartoteka::test::TempDir;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Sets an environment variable for one scope and puts the old value back.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~EnvVar() {
        if (m_old) ::setenv(m_name, m_old->c_str(), 1);
        else ::unsetenv(m_name);
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

/// What the program writes on stderr (fd 2) while this object lives.
class CaptureStderr {
public:
    explicit CaptureStderr(const std::string& file) : m_file(file) {
        std::fflush(stderr);
        m_saved = ::dup(2);
        std::FILE* f = std::fopen(file.c_str(), "w");
        ::dup2(::fileno(f), 2);
        std::fclose(f);
    }
    ~CaptureStderr() { restore(); }
    std::string text() {
        restore();
        return read(m_file);
    }

private:
    void restore() {
        if (m_saved < 0) return;
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
        m_saved = -1;
    }
    std::string m_file;
    int m_saved = -1;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(logging)

BOOST_AUTO_TEST_CASE(levels_are_read_by_name) {
    BOOST_TEST((util::parse_log_level("debug") == spdlog::level::debug));
    BOOST_TEST((util::parse_log_level("warn") == spdlog::level::warn));
    BOOST_TEST((util::parse_log_level("warning") == spdlog::level::warn));
    BOOST_TEST((util::parse_log_level("error") == spdlog::level::err));
    BOOST_TEST((util::parse_log_level("off") == spdlog::level::off));
    BOOST_TEST(!util::parse_log_level("loud"));
    BOOST_TEST(!util::parse_log_level(""));
}

BOOST_AUTO_TEST_CASE(the_file_is_kept_under_the_xdg_state_folder) {
    {
        EnvVar state("XDG_STATE_HOME", "/var/tmp/agent-state");
        BOOST_TEST(util::default_log_file() == "/var/tmp/agent-state/kartoteka/kartoteka.log");
    }
    EnvVar home("HOME", "/home/agent");
    {
        EnvVar state("XDG_STATE_HOME", nullptr);
        BOOST_TEST(util::default_log_file() == "/home/agent/.local/state/kartoteka/kartoteka.log");
    }
    EnvVar relative("XDG_STATE_HOME", "relative/state");  // invalid by the XDG spec: ignored
    BOOST_TEST(util::default_log_file() == "/home/agent/.local/state/kartoteka/kartoteka.log");
}

BOOST_AUTO_TEST_CASE(redact_masks_phones_emails_and_cards_and_keeps_the_rest) {
    const std::string phones =
        util::redact("GET http://127.0.0.1:18765/lookup/%2B79161234567: HTTP 503; 8 (916) 123-45-67, 79161234567");
    BOOST_TEST(phones.find("79161234567") == std::string::npos, phones);
    BOOST_TEST(phones.find("123-45-67") == std::string::npos, phones);
    BOOST_TEST(phones.find("916") == std::string::npos, phones);
    BOOST_TEST(phones.find("http://127.0.0.1:18765/lookup/%2B") != std::string::npos, phones);  // the rest stays
    BOOST_TEST(phones.find("HTTP 503") != std::string::npos, phones);

    const std::string emails = util::redact("no customer ivan.petrov@example.com or /c/ivan%40mail.ru here; a@b");
    BOOST_TEST(emails == "no customer <email> or /c/<email> here; a@b");

    BOOST_TEST(util::redact("field 'last_name': expected a whole number, found 'Петров'") ==
               "field 'last_name': expected a whole number, found '…'");
    BOOST_TEST(util::redact("field 'state': value 'Ivanov' is not in its map") == "field 'state': value '…' is not in its map");
    BOOST_TEST(util::redact(R"(field 'created': expected an ISO 8601 time, found "Ivan Petrov, Lenina)") ==
               R"(field 'created': expected an ISO 8601 time, found "…)");

    const std::string card = util::redact("paid with 4111 1111 1111 1111 after 800 ms, outbox #42");
    BOOST_TEST(card == "paid with **** **** **** 1111 after 800 ms, outbox #42");
}

BOOST_AUTO_TEST_CASE(phones_in_every_notation_are_masked) {
    for (const char* phone : {"+7.916.123.45.67", "+7 (916) 123-45-67", "8-916-123-45-67", "+359 88 812 3456",
                              "8 (916) 123-45-67", "+7\t916\t1234567", "+79161234567"}) {
        const std::string r = util::redact(std::string("call ") + phone + " back");
        BOOST_TEST_CONTEXT(phone) {
            BOOST_TEST(r.find_first_of("0123456789") == std::string::npos, r);
            BOOST_TEST(r.rfind("call ", 0) == 0u, r);
            BOOST_TEST(r.substr(r.size() - 5) == " back", r);
        }
    }
    // A server's address is not a person's number.
    BOOST_TEST(util::redact("cannot reach 192.168.100.200:8080") == "cannot reach 192.168.100.200:8080");
}

BOOST_AUTO_TEST_CASE(card_numbers_are_masked_in_the_log_by_the_one_rule) {
    BOOST_TEST(util::redact("paid 4111.1111.1111.1111") == "paid ****.****.****.1111");
    BOOST_TEST(util::redact("paid 4111_1111_1111_1111") == "paid ****_****_****_1111");
    BOOST_TEST(util::redact("paid 4111/1111/1111/1111") == "paid ****/****/****/1111");
    BOOST_TEST(util::redact("paid 4111 1111\n1111 1111") == "paid **** ****\n**** 1111");
    BOOST_TEST(util::redact("paid \uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11"
                            "\uFF11\uFF11\uFF11\uFF11") == "paid ************\uFF11\uFF11\uFF11\uFF11");
}

BOOST_AUTO_TEST_CASE(a_line_nobody_redacted_is_redacted_on_its_way_to_the_file) {
    TempDir dir;
    const std::string file = dir.file("kartoteka.log");
    util::log_to_file({file, spdlog::level::info});
    // A careless caller: a backend's body quoted as it came.
    util::logger()->error("backend said: {}", "Ivan, +7.916.123.45.67, ivan@example.com, card 4111 1111 1111 1111");
    const std::string text = read(file);
    util::log_off();
    BOOST_TEST(text.find("backend said: Ivan, ") != std::string::npos, text);
    BOOST_TEST(text.find("916") == std::string::npos, text);
    BOOST_TEST(text.find("ivan@example.com") == std::string::npos, text);
    BOOST_TEST(text.find("4111") == std::string::npos, text);
    BOOST_TEST(text.find("**** **** **** 1111") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(lines_go_to_the_file_at_the_level_asked_for) {
    TempDir dir;
    const std::string file = dir.file("state/kartoteka/kartoteka.log");
    const auto setup = util::log_to_file({file, spdlog::level::info});
    BOOST_TEST(setup.file == file);
    BOOST_TEST(setup.problem.empty(), setup.problem);
    util::logger()->debug("not at info");
    util::logger()->warn("source {}: {} after {} ms", "helpdesk", "down", 12);
    const std::string text = read(file);  // every line is flushed as it is written
    util::log_off();
    BOOST_TEST(text.find("[warning] ") != std::string::npos, text);
    BOOST_TEST(text.find("source helpdesk: down after 12 ms") != std::string::npos, text);
    BOOST_TEST(text.find("not at info") == std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(an_unwritable_log_folder_falls_back_to_stderr) {
    TempDir dir;
    // A regular file where the folder should be: no one can create the folder, not even root (the test
    // may run as root, for whom permission bits do not stop a write).
    test::write_file(dir.file("state"), "not a folder\n");
    const std::string file = dir.file("state/kartoteka/kartoteka.log");
    util::LogSetup setup;
    std::string err;
    {
        CaptureStderr capture(dir.file("stderr.txt"));
        BOOST_CHECK_NO_THROW(setup = util::log_to_file({file, spdlog::level::info}));
        util::logger()->warn("outbox #{} to {}: attempt failed", 7, "helpdesk");  // still logged, and no throw
        util::logger()->flush();
        err = capture.text();
    }
    util::log_off();
    BOOST_TEST(setup.file.empty());
    BOOST_TEST(!setup.problem.empty());
    // Every line is redacted on its way out: the temporary folder's long digit runs are masked too.
    BOOST_TEST(err.find("cannot write the log file " + util::redact(file)) != std::string::npos, err);
    BOOST_TEST(err.find("logging to stderr instead") != std::string::npos, err);
    BOOST_TEST(err.find("outbox #7 to helpdesk: attempt failed") != std::string::npos, err);
}

BOOST_AUTO_TEST_CASE(without_a_setup_nothing_is_written) {
    util::log_off();
    BOOST_CHECK_NO_THROW(util::logger()->error("goes nowhere"));
    BOOST_TEST((util::logger()->level() == spdlog::level::off));
}

BOOST_AUTO_TEST_SUITE_END()
