#pragma once
/// The migrations compiled into the program (generated from schema/ by CMake).
#include <string>
#include <vector>

namespace kartoteka::storage {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgresql_migrations();

/// Split a migration into statements: each ends with ';' at the end of a line outside a $$-quoted body.
std::vector<std::string> split_statements(const std::string& sql);

}  // namespace kartoteka::storage
