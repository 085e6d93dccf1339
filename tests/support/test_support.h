#pragma once
/// Helpers shared by the test suites: temporary folders, the PostgreSQL server CI starts, running the
/// real binaries.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

/// Starts a program (argv[0] is its path) without waiting; `quiet` sends its stdout to /dev/null.
int spawn(const std::vector<std::string>& argv, bool quiet = false);
/// True once something accepts connections on 127.0.0.1:port; gives up after 5 s.
bool wait_listening(int port);
/// SIGTERM, then waits: the program's exit code, -1 when a signal ended it.
int stop_process(int pid);
/// config/examples/demo-rest.yaml with its demo backend on `backend_port`: a seat that reads the card
/// through the real rest connector from `kartoteka-cli demo serve`.
std::string demo_rest_yaml(int backend_port);

/// Writes text to a file (creating it).
void write_file(const std::string& path, const std::string& text);

/// kartoteka-cli on one store file in a temporary folder, as different agents: the shape of every CLI
/// test (roles are enforced in the core, so a case signs in as whom it needs).
struct CliSeat {
    TempDir dir;
    std::string db;
    explicit CliSeat(const std::string& db_name = "centre.db") : db(dir.file(db_name)) {}
    /// As the shipped configuration's agent (operator; centre zone Europe/Moscow).
    RunResult run(const std::string& args) const;
    /// As `login`, through a one-line configuration written next to the store.
    RunResult run_as(const std::string& login, const std::string& args) const;
};

}  // namespace kartoteka::test
