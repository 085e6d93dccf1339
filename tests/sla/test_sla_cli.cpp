// kartoteka-cli calendar add / between and sla board, run as the real binary.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "sla_test_util.h"
#include "test_support.h"

using namespace kartoteka;

namespace {

struct Cli {
    test::TempDir dir;
    std::string config = dir.file("k.yaml");
    Cli() {
        test::write_file(config, "agent:\n  login: supervisor\nstore:\n  url: " + dir.file("k.db") +
                                     "\ncalendars:\n  - id: office\n    timezone: Europe/Moscow\n    hours:\n" +
                                     test::office_hours + "sla:\n  calendar: office\n  default:\n    first_response: 8h\n"
                                     "    resolution: 24h\n");
    }
    test::RunResult operator()(const std::string& args) const {
        return test::run(test::binary("app/cli/kartoteka-cli") + " --config " + config + " " + args);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sla_cli, Cli)

BOOST_AUTO_TEST_CASE(calendar_arithmetic_prints_instants_and_seconds) {
    auto add = (*this)("calendar add --calendar office --from 2015-03-27T11:00:00Z --seconds 54000");
    BOOST_TEST(add.exit_code == 0);
    BOOST_TEST(add.out == "2015-03-31T09:00:00Z\n");
    auto between = (*this)("calendar between --calendar office --from 2015-03-27T11:00:00Z --to 2015-04-02T11:00:00Z");
    BOOST_TEST(between.exit_code == 0);
    BOOST_TEST(between.out == "115200\n");
    auto backwards = (*this)("calendar between --calendar office --from 2015-04-02T11:00:00Z --to 2015-03-27T11:00:00Z");
    BOOST_TEST(backwards.out == "0\n");
    auto offset = (*this)("calendar add --calendar office --from 2015-03-27T14:00:00+03:00 --seconds 0");
    BOOST_TEST(offset.out == "2015-03-27T11:00:00Z\n");
}

BOOST_AUTO_TEST_CASE(bad_input_exits_2_with_a_message) {
    for (const char* args : {"calendar add --calendar office --from 2015-03-27T11:00:00Z --seconds -5",
                             "calendar add --calendar office --from 2015-03-27T11:00:00Z --seconds abc",
                             "calendar add --calendar office --from 2015-03-27T11:00:00Z --seconds 1.5",
                             "calendar add --calendar office --from 2015-03-27T11:00:00Z",
                             "calendar add --calendar mars --from 2015-03-27T11:00:00Z --seconds 5",
                             "calendar add --calendar office --from 2015-02-30T11:00:00Z --seconds 5",
                             "calendar between --calendar office --from yesterday --to 2015-03-27T11:00:00Z",
                             "calendar between --calendar office --from 2015-03-27T11:00:00Z",
                             "calendar between --from 2015-03-27T11:00:00Z --to 2015-03-28T11:00:00Z",
                             "sla board --at tomorrow"}) {
        auto r = (*this)(args);
        BOOST_TEST_CONTEXT(args) {
            BOOST_TEST(r.exit_code == 2);
            BOOST_TEST(r.out.empty());
            BOOST_TEST(r.err.find("kartoteka-cli: ") == 0u);
        }
    }
    BOOST_TEST((*this)("calendar add --calendar mars --from 2015-03-27T11:00:00Z --seconds 5").err.find("unknown calendar 'mars'") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(board_over_demo_data_records_escalations_once) {
    auto seed = (*this)("demo seed --customers 400 --seed 3 --now 2026-03-18T12:00:00Z");
    BOOST_REQUIRE_MESSAGE(seed.exit_code == 0, seed.err);
    auto first = (*this)("sla board --json --at 2026-03-18T12:00:00Z --from 2026-03-01T00:00:00Z --to 2026-03-18T12:00:00Z");
    BOOST_REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    auto j = nlohmann::json::parse(first.out);
    const int total = j["totals"]["total"];
    BOOST_TEST(total > 0);
    BOOST_TEST(j["tickets"].size() == static_cast<std::size_t>(total));
    BOOST_TEST(j["totals"]["breached"].get<int>() > 0);
    int by_team = 0;
    for (const auto& t : j["by_team"]) by_team += t["counts"]["total"].get<int>();
    BOOST_TEST(by_team == total);
    BOOST_TEST(j["breach_rate"]["tickets"].get<int>() >= j["breach_rate"]["breached"].get<int>());
    BOOST_TEST(!j["new_escalations"].empty());
    for (const auto& e : j["new_escalations"]) BOOST_TEST(e["escalated_to_id"].get<long long>() > 0);
    auto again = nlohmann::json::parse((*this)("sla board --json --at 2026-03-18T12:00:00Z").out);
    BOOST_TEST(again["new_escalations"].empty());
    test::write_file(dir.file("operator.yaml"), "agent:\n  login: operator\nstore:\n  url: " + dir.file("k.db") + "\n");
    auto refused = test::run(test::binary("app/cli/kartoteka-cli") + " --config " + dir.file("operator.yaml") + " sla board");
    BOOST_TEST(refused.exit_code == 2);  // the board is the supervisor's
    BOOST_TEST(refused.err.find("may not view the SLA board") != std::string::npos);
    auto text = (*this)("sla board --at 2026-03-18T12:00:00Z --no-record");
    BOOST_TEST(text.exit_code == 0);
    BOOST_TEST(text.out.find("per team") != std::string::npos);
    BOOST_TEST(text.out.find("breach rate") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
