#pragma once
/// Helpers shared by the test suites: temporary folders, the PostgreSQL server CI starts, running the
/// real binaries.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace kartoteka::test {

/// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/// The PostgreSQL server given to the tests (KARTOTEKA_TEST_PG, a libpq connection string), if any.
std::optional<std::string> postgres_url();

/// A fresh, empty PostgreSQL schema-less database state: drops every Kartoteka table in the test
/// database so each test starts clean. Only ever pointed at the throwaway server CI starts.
void reset_postgres(const std::string& url);

/// Runs a command through the shell; returns its exit code and what it printed on stdout.
struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
RunResult run(const std::string& command);

/// Path of a built program, e.g. binary("app/cli/kartoteka-cli").
std::string binary(const std::string& relative);
std::string source_path(const std::string& relative);

/// Writes text to a file (creating it).
void write_file(const std::string& path, const std::string& text);

}  // namespace kartoteka::test
