// Directory sync (issue 15) on SQLite and on PostgreSQL: a CRM (a real SQLite file read through the sql
// connector) and a help desk's paginated incremental export on loopback, copied into the local index
// batch by batch; bad rows counted and skipped; a cut-off run resumed without duplicates.
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "connector_fixture.h"
#include "desk_fixture.h"
#include "error.h"
#include "loopback_server.h"

using namespace kartoteka;
using test::for_each_desk;

namespace {

/// A CRM table: `good` well-formed customers (Сидоров-0 ...), ten per changed second, then the bad rows.
void make_crm(const std::string& file, int good, bool bad_rows) {
    soci::session s(*soci::factory_sqlite3(), "db=" + file);
    s << "CREATE TABLE clients (cid TEXT, surname TEXT, given TEXT, msisdn TEXT, mail TEXT, changed INTEGER)";
    soci::transaction tx(s);
    for (int i = 0; i < good; ++i) {
        const std::string id = "C-" + std::to_string(i), surname = "Сидоров-" + std::to_string(i);
        const std::string phone = "+7916" + std::to_string(7000000 + i);
        const long long changed = 1700000000 + i / 10;
        s << "INSERT INTO clients VALUES(:i, :s, 'Пётр', :p, NULL, :c)", soci::use(id), soci::use(surname),
            soci::use(phone), soci::use(changed);
    }
    if (bad_rows) {
        s << "INSERT INTO clients VALUES(NULL, 'Безымянный', 'Нет', '+79160000001', NULL, 1800000000)";
        s << "INSERT INTO clients VALUES('C-X', 'Кривой', 'Номер', 'not a phone', NULL, 1800000001)";
        s << "INSERT INTO clients VALUES('C-0', 'Двойник', 'Первого', '+79160000002', NULL, 1800000002)";
    }
    tx.commit();
}

std::string crm_entry(const std::string& file) {
    return "  - name: crm\n    type: sql\n    timeout_ms: 5000\n    settings:\n      backend: sqlite3\n"
           "      connection: \"db=" + file + "\"\n      queries:\n        directory:\n"
           "          sql: SELECT cid, surname, given, msisdn, mail, changed FROM clients WHERE changed >= :since ORDER BY changed\n"
           "          fields: {id: cid, last_name: surname, first_name: given, phone: msisdn, email: mail, changed_at: changed}\n";
}

void seed_operator(desk::Desk& d) {
    d.with_store([](storage::Store& s) {
        model::Agent op{0, "operator", "Olga", model::Role::operator_, 0, true};
        s.insert_agent(op);
    });
}

long long count(desk::Desk& d) {
    long long n = 0;
    d.with_store([&](storage::Store& s) { n = s.customer_count(); });
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(directory_sync)

BOOST_AUTO_TEST_CASE(a_crm_tables_customers_are_found_by_name_with_the_crm_gone) {
    test::TempDir crm_dir;
    const std::string crm = crm_dir.file("crm.db");
    make_crm(crm, 5, true);
    for_each_desk("agent: {login: operator}\nconnectors:\n" + crm_entry(crm), [&](desk::Desk& d) {
        seed_operator(d);
        const auto runs = d.sync_directory();
        BOOST_REQUIRE(runs.size() == 1u);
        const auto& r = runs[0];
        BOOST_TEST(r.complete, r.error);
        BOOST_TEST(r.added == 5);
        BOOST_TEST(r.skipped == 3);  // no id, a phone that is no number, a second C-0
        BOOST_TEST(r.reasons.at("a row without an id") == 1);
        BOOST_TEST(r.reasons.at("a phone that is not a number") == 1);
        BOOST_TEST(r.reasons.at("a second row with the same id") == 1);
        BOOST_TEST(r.summary().find("3 skipped") != std::string::npos, r.summary());
        // A second run reads only what changed since: the last second again, nothing new.
        const auto second = d.sync_directory("crm");
        BOOST_TEST(second.at(0).added == 0);
        BOOST_TEST(count(d) == 5);
        const auto status = d.directory_status();
        BOOST_REQUIRE(status.size() == 1u);
        BOOST_TEST(status[0].last_run_at == test::kNow);

        // The CRM is gone: its customers are still found by a name prefix, marked as synced copies.
        std::filesystem::rename(crm, crm + ".gone");
        const auto hits = d.search("сидоров-3", 20);
        BOOST_REQUIRE(hits.size() == 1u);
        BOOST_TEST(hits[0].customer.first_name == "Пётр");
        BOOST_TEST(hits[0].customer.phones.at(0) == "+79167000003");
        BOOST_REQUIRE(hits[0].synced);
        BOOST_TEST(hits[0].synced->system == "crm");
        BOOST_TEST(hits[0].synced->synced_at == test::kNow);
        std::filesystem::rename(crm + ".gone", crm);
        BOOST_CHECK_THROW(d.sync_directory("nope"), Error);
    });
}

BOOST_AUTO_TEST_CASE(a_run_cut_off_after_a_batch_resumes_without_duplicates) {
    test::TempDir crm_dir;
    const std::string crm = crm_dir.file("crm.db");
    make_crm(crm, 4500, false);  // three batches of at most 2000
    for_each_desk("agent: {login: operator}\nconnectors:\n" + crm_entry(crm), [&](desk::Desk& d) {
        seed_operator(d);
        // The window closes (or the network drops) after the first batch is stored.
        const auto cut = d.sync_directory("crm", false, [](const desk::DirectoryRun&) { throw std::runtime_error("closed"); });
        BOOST_TEST(!cut.at(0).complete);
        BOOST_TEST(cut.at(0).added == 2000);
        BOOST_TEST(cut.at(0).summary().find("the next run resumes") != std::string::npos);
        BOOST_TEST(d.directory_status().at(0).last_run_at == 0);  // never read to the end yet
        const auto resumed = d.sync_directory();
        BOOST_TEST(resumed.at(0).complete);
        BOOST_TEST(resumed.at(0).added == 2500);
        BOOST_TEST(resumed.at(0).updated <= 10);  // only the last stored second is read again
        BOOST_TEST(count(d) == 4500);             // upserted by (crm, id): nobody twice
        // --full reads everything again, still without duplicates.
        const auto full = d.sync_directory("crm", true);
        BOOST_TEST(full.at(0).updated == 4500);
        BOOST_TEST(count(d) == 4500);
    });
}

BOOST_AUTO_TEST_CASE(a_full_run_removes_copies_the_crm_no_longer_lists_but_keeps_their_history) {
    test::TempDir crm_dir;
    const std::string crm = crm_dir.file("crm.db");
    for_each_desk("agent: {login: operator}\nconnectors:\n" + crm_entry(crm), [&](desk::Desk& d) {
        // A whole CRM for each store: the case deletes rows from it.
        std::filesystem::remove(crm);
        make_crm(crm, 5, false);
        seed_operator(d);
        const auto first = d.sync_directory().at(0);
        BOOST_TEST(first.complete, first.error);
        BOOST_TEST(first.added == 5, first.summary());
        // C-2 was called meanwhile (a logged contact on its copy); then the CRM drops C-1 and C-2.
        d.with_store([](storage::Store& s) {
            const auto id = s.customer_by_ref("crm", "C-2");
            BOOST_REQUIRE(id);
            model::Interaction call;
            call.customer_id = *id;
            call.occurred_at = test::kNow;
            call.summary = "asked about the bill";
            call.source_system = "local";
            s.insert_interaction(call);
        });
        {
            soci::session crm_db(*soci::factory_sqlite3(), "db=" + crm);
            crm_db << "DELETE FROM clients WHERE cid IN ('C-1', 'C-2')";
        }
        // An incremental run reads changes, not deletions: nobody goes.
        BOOST_TEST(d.sync_directory("crm").at(0).removed == 0);
        BOOST_TEST(count(d) == 5);
        const auto full = d.sync_directory("crm", true).at(0);
        BOOST_TEST(full.removed == 1);
        BOOST_TEST(full.kept_unlisted == 1);
        BOOST_TEST(full.summary().find("1 no longer listed and removed") != std::string::npos, full.summary());
        BOOST_TEST(count(d) == 4);
        d.with_store([](storage::Store& s) {
            BOOST_TEST(!s.customer_by_ref("crm", "C-1"));
            const auto kept = s.customer_by_ref("crm", "C-2");
            BOOST_REQUIRE(kept);
            BOOST_TEST(!s.synced_copy(*kept));  // a local record now: no later sync replaces it
            BOOST_TEST(s.interactions_for(*kept, 10, 0).total == 1);
        });
        BOOST_TEST(d.search("сидоров-1", 20).empty());
        // A full run of an unchanged list removes nothing more.
        BOOST_TEST(d.sync_directory("crm", true).at(0).removed == 0);
    });
}

BOOST_AUTO_TEST_CASE(a_help_desks_incremental_export_is_read_page_by_page_from_its_end_time) {
    // Zendesk's time-based export: start_time in, a page of users, next_page, end_time, end_of_stream.
    test::LoopbackServer helpdesk;
    std::vector<std::string> asked;
    helpdesk.server().Get("/api/v2/incremental/users.json", [&asked](const httplib::Request& req, httplib::Response& res) {
        const std::string start = req.get_param_value("start_time");
        asked.push_back(start);
        const std::string page2 = "/api/v2/incremental/users.json?start_time=1700000100";
        std::string body;
        if (start == "0")
            body = R"({"users":[{"id":1,"name":"Анна Первая","phone":"+79161110001","updated_at":"2023-11-14T22:13:20Z"},
                                {"id":2,"name":"Борис Второй","phone":"+79161110002","updated_at":"2023-11-14T22:15:00Z"}],
                       "next_page":")" + req.get_header_value("Host").insert(0, "http://") + page2 + R"(","end_time":1700000100,"end_of_stream":false})";
        else if (start == "1700000100")
            body = R"({"users":[{"id":3,"name":"Вера Третья","phone":"+79161110003","updated_at":"2023-11-14T22:16:40Z"},
                                {"name":"Без номера"}],
                       "next_page":null,"end_time":1700000200,"end_of_stream":true})";
        else
            body = R"({"users":[],"end_time":1700000200,"end_of_stream":true})";
        res.set_content(body, "application/json");
    });
    const std::string entry =
        "  - name: zendesk\n    type: rest\n    timeout_ms: 1000\n    settings:\n      base_url: " + helpdesk.url() +
        "\n      retries: 0\n      entities:\n        directory:\n          endpoint: /api/v2/incremental/users.json\n"
        "          list: /users\n          pagination: {mode: next_link, next: /next_page, stop: /end_of_stream}\n"
        "          since: {param: start_time, format: unix, next: /end_time}\n"
        "          fields: {id: /id, name: /name, phone: /phone, changed_at: /updated_at}\n";
    for_each_desk("agent: {login: operator}\nconnectors:\n" + entry, [&](desk::Desk& d) {
        seed_operator(d);
        asked.clear();
        const auto first = d.sync_directory();
        BOOST_TEST(first.at(0).complete, first.at(0).error);
        BOOST_TEST(first.at(0).added == 3);
        BOOST_TEST(first.at(0).skipped == 1);
        BOOST_TEST(asked == (std::vector<std::string>{"0", "1700000100"}));
        // The next run starts where the export said: its last end_time.
        d.sync_directory();
        BOOST_TEST(asked.back() == "1700000200");
        BOOST_TEST(d.search("вера", 5).at(0).synced->system == "zendesk");
    });
}

BOOST_AUTO_TEST_SUITE_END()
