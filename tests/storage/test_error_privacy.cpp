// Issue 16: a failed save must not print the record. SOCI's what() appends the statement's bound
// values and PostgreSQL's DETAIL quotes the failing row; neither may reach an Error's message (shown on
// the terminal and in the window) or the log file.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "error.h"
#include "store_fixture.h"
#include "storage/soci_error_text.h"
#include "util/log.h"

using namespace kartoteka;

namespace {

const char* const kCard = "4111 1111 1111 1111";
const char* const kCardDigits = "1111 1111 1111";  // what must not survive of it (the last four may)
const char* const kPhone = "+79161234567";
const char* const kEmail = "ivan.petrov@example.com";

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Every insert into `table` fails: a SQLite trigger that RAISE(ABORT)s, and on PostgreSQL a CHECK
/// constraint, whose message carries a DETAIL line with the whole failing row.
void refuse_inserts(storage::Store& s, const std::string& table, const std::string& column) {
    if (s.database().dialect() == storage::Dialect::sqlite)
        s.session() << "CREATE TEMP TRIGGER refuse_" + table + " BEFORE INSERT ON " + table +
                           " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
    else
        s.session() << "ALTER TABLE " + table + " ADD CONSTRAINT refuse_" + table + " CHECK (length(" + column +
                           ") < 2) NOT VALID";
}

void check_clean(const std::string& text, const std::string& where) {
    BOOST_TEST_CONTEXT(where) {
        BOOST_TEST(text.find(kCardDigits) == std::string::npos, text);
        BOOST_TEST(text.find("4111") == std::string::npos, text);
        BOOST_TEST(text.find("9161234567") == std::string::npos, text);
        BOOST_TEST(text.find("ivan.petrov") == std::string::npos, text);
        BOOST_TEST(text.find("Petrov") == std::string::npos, text);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(error_privacy)

BOOST_AUTO_TEST_CASE(a_failed_save_names_neither_the_record_nor_its_values) {
    test::for_each_store([](storage::Store& s) {
        test::TempDir dir;
        const std::string log_file = dir.file("kartoteka.log");
        util::log_to_file({log_file, spdlog::level::debug});

        model::Customer c;
        c.first_name = "Ivan";
        c.last_name = "Petrov";
        c.phones = {kPhone};
        c.emails = {kEmail};
        s.insert_customer(c, 1000);

        refuse_inserts(s, "interactions", "summary");
        model::Interaction i;
        i.customer_id = c.id;
        i.channel = model::Channel::phone;
        i.occurred_at = 2000;
        i.summary = std::string("Petrov paid with ") + kCard + ", call back on " + kPhone + " or " + kEmail;
        i.source_system = "local";
        std::string message;
        try {
            s.insert_interaction(i);
            BOOST_FAIL("the refused insert went through");
        } catch (const Error& e) {
            message = e.what();
            BOOST_TEST((e.kind() == ErrorKind::storage));
            util::logger()->error("cannot log the contact: {}", e.what());  // as a host reports it
        }
        check_clean(message, "the error's message");
        BOOST_TEST(message.find("cannot ") == 0u, message);  // still says what failed

        refuse_inserts(s, "customers", "first_name");
        model::Customer other = c;
        other.id = 0;
        try {
            s.insert_customer(other, 3000);
            BOOST_FAIL("the refused insert went through");
        } catch (const Error& e) {
            check_clean(e.what(), "a customer's save");
            util::logger()->error("cannot add the customer: {}", e.what());
        }
        const std::string logged = read(log_file);
        util::log_off();
        check_clean(logged, "the log file");
        BOOST_TEST(logged.find("cannot log the contact") != std::string::npos, logged);
    });
}

BOOST_AUTO_TEST_CASE(soci_messages_lose_context_detail_and_quoted_values) {
    const std::string pg = "ERROR:  new row for relation \"interactions\" violates check constraint \"x\"\n"
                           "DETAIL:  Failing row contains (7, 3, phone, Petrov paid with 4111 1111 1111 1111).\n";
    BOOST_TEST(storage::soci_error_text(pg) ==
               "ERROR:  new row for relation \"interactions\" violates check constraint \"x\"");
    BOOST_TEST(storage::soci_error_text("refused while executing \"INSERT INTO t VALUES(:a)\" with :a=\"Petrov\"") ==
               "refused");
    BOOST_TEST(storage::soci_error_text("ERROR:  invalid input syntax for type integer: \"Petrov +79161234567\"") ==
               "ERROR:  invalid input syntax for type integer: \"…\"");
    BOOST_TEST(storage::soci_error_text("UNIQUE constraint failed: customers.phone") ==
               "UNIQUE constraint failed: customers.phone");
}

BOOST_AUTO_TEST_SUITE_END()
