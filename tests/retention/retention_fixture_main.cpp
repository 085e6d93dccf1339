// Writes the retention page's prepared store (retention_fixture.h) into the store given (a SQLite file
// or a PostgreSQL connection string, which must be empty): the GUI test opens the page on it. With a
// month (2026-10), the worked month is that one instead of October 2026.
#include <iostream>

#include "error.h"
#include "retention/contact_policy.h"
#include "retention_fixture.h"
#include "storage/database.h"

int main(int argc, char** argv) {
    using namespace kartoteka;
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: retention_fixture STORE [YYYY-MM]\n";
        return 2;
    }
    try {
        if (argc == 3) {
            const auto month = util::parse_date(std::string(argv[2]) + "-01"), october = util::parse_date("2026-10-01");
            if (!month) throw Error(ErrorKind::invalid, "the month must be written 2026-10");
            test::retention_fixture::shift = retention::utc_of({*month, 0}, "Europe/Moscow") -
                                             retention::utc_of({*october, 0}, "Europe/Moscow");
        }
        storage::Database db(storage::StoreLocation::parse(argv[1]));
        storage::Store store(db);
        test::retention_fixture::build(store);
    } catch (const std::exception& e) {
        std::cerr << "retention_fixture: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
