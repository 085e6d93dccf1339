// Issue 16 through the real kartoteka-cli on a SQLite file: a card number in every grouping issue 16
// found unmasked, typed into a lifecycle note, a contact's summary and a complaint, comes out of
// `lifecycle show` (text and JSON) and `card --json` with at most its last four digits.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "test_support.h"
#include "util/time.h"

using namespace kartoteka;
using nlohmann::json;

namespace {

/// One text holding the same card number in each grouping, words between them so each stands alone,
/// and an order number of 16 digits that fails Luhn and must stay as it is.
const std::string kText = "dots 4111.1111.1111.1111 | two spaces 4111  1111  1111  1111 | slashes 4111/1111/1111/1111"
                          " | underscores 4111_1111_1111_1111 | line break 4111 1111\n1111 1111"
                          " | tabs 4111\t1111\t1111\t1111 | no-break spaces 4111\u00A01111\u00A01111\u00A01111"
                          " | full-width \uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11"
                          "\uFF11\uFF11\uFF11\uFF11 | order 4111111111111112";
const char* const kOrder = "order 4111111111111112";

const std::vector<std::string>& masked_forms() {
    static const std::vector<std::string> forms = {
        "****.****.****.1111", "****  ****  ****  1111", "****/****/****/1111", "****_****_****_1111",
        "**** ****\n**** 1111", "****\t****\t****\t1111", "****\u00A0****\u00A0****\u00A01111",
        "************\uFF11\uFF11\uFF11\uFF11"};
    return forms;
}

/// Nothing of the card number left in `text` but its last four; the order numbers are taken out first.
void check_nothing_left(std::string text, const std::string& where) {
    BOOST_TEST_CONTEXT(where) {
        for (auto at = text.find(kOrder); at != std::string::npos; at = text.find(kOrder))
            text.erase(at, std::string(kOrder).size());
        BOOST_TEST(text.find("4111") == std::string::npos, text);
        BOOST_TEST(text.find("\uFF14\uFF11\uFF11\uFF11") == std::string::npos, text);
    }
}

/// Every grouping masked, the order number left alone, nothing else of the card left.
void check_masked(const std::string& text, const std::string& where) {
    BOOST_TEST_CONTEXT(where) {
        for (const auto& form : masked_forms()) BOOST_TEST(text.find(form) != std::string::npos, form << " in " << text);
        BOOST_TEST(text.find(kOrder) != std::string::npos, text);
    }
    check_nothing_left(text, where);
}

struct Seat {
    test::TempDir dir;
    std::string db = dir.file("masking.db");
    std::string text_file = dir.file("text.txt");

    Seat() {
        auto r = run("demo seed --customers 20 --seed 7 --now " + util::format_iso(util::system_now() - 30 * 86400));
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        test::write_file(text_file, kText);
    }
    test::RunResult run(const std::string& args) const {
        return test::run(test::binary("app/cli/kartoteka-cli") + " --config " +
                         test::source_path("config/kartoteka.yaml") + " --db " + db + " " + args);
    }
    /// The text as one shell argument, line break and tabs included.
    std::string text_arg() const { return "\"$(cat '" + text_file + "')\""; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(masking_cli)

BOOST_AUTO_TEST_CASE(lifecycle_show_masks_card_numbers_in_notes) {
    Seat seat;
    // The first demo customer who can be recorded as lost (not lost already, not do-not-retain).
    std::string customer;
    test::RunResult r;
    for (int id = 1; id <= 20 && customer.empty(); ++id) {
        r = seat.run("lifecycle lost --customer " + std::to_string(id) + " --reason competitor --by operator2 --note " +
                     seat.text_arg());
        if (r.exit_code == 0) customer = std::to_string(id);
    }
    BOOST_REQUIRE_MESSAGE(!customer.empty(), r.err);
    r = seat.run("lifecycle show --customer " + customer);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    check_masked(r.out, "lifecycle show");
    r = seat.run("lifecycle show --customer " + customer + " --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const json shown = json::parse(r.out);
    std::string notes;
    for (const auto& e : shown["events"]) notes += e["note"].get<std::string>() + "\n";
    check_masked(notes, "lifecycle show --json");
    check_nothing_left(r.out, "the JSON as printed");
}

BOOST_AUTO_TEST_CASE(the_card_masks_card_numbers_in_summaries_and_complaints) {
    Seat seat;
    auto r = seat.run("record contact --id 4 --summary " + seat.text_arg());
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = seat.run("record complaint --id 4 --subject " + seat.text_arg() + " --description " + seat.text_arg());
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = seat.run("card --id 4 --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const json card = json::parse(r.out);
    bool found = false;
    for (const auto& i : card["interactions"]["items"])
        if (i["summary"].get<std::string>().find("dots ") == 0) found = true, check_masked(i["summary"], "summary");
    BOOST_TEST(found);
    found = false;
    for (const auto& t : card["tickets"])
        if (t["subject"].get<std::string>().find("dots ") == 0) {
            found = true;
            check_masked(t["subject"], "subject");
            check_masked(t["description"], "description");
        }
    BOOST_TEST(found);
    r = seat.run("card --id 4");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    check_nothing_left(r.out, "card");
}

BOOST_AUTO_TEST_CASE(connectors_describe_prints_send_card_numbers) {
    Seat seat;
    auto r = seat.run("connectors describe");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("send_card_numbers") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()
