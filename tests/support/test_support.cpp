#include "test_support.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace kartoteka::test {

TempDir::TempDir() {
    std::random_device rd;
    // Letters between the numbers: "123-4567890123" could pass the card-number check and be masked in
    // the very messages a test reads the path back from.
    m_path = std::filesystem::temp_directory_path() /
             ("kartoteka-test-p" + std::to_string(getpid()) + "-r" + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::optional<std::string> postgres_url() {
    const char* v = std::getenv("KARTOTEKA_TEST_PG");
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

void reset_postgres(const std::string& url) {
    soci::session s(*soci::factory_postgresql(), url);
    s << "DROP SCHEMA IF EXISTS public CASCADE";
    s << "CREATE SCHEMA public";
}

RunResult run(const std::string& command) {
    RunResult r;
    const std::string err_file = std::filesystem::temp_directory_path() /
                                 ("kartoteka-run-" + std::to_string(getpid()) + ".err");
    FILE* pipe = popen((command + " 2>" + err_file).c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    std::ostringstream es;
    es << in.rdbuf();
    r.err = es.str();
    std::filesystem::remove(err_file);
    return r;
}

std::string binary(const std::string& relative) { return std::string(KARTOTEKA_BINARY_DIR) + "/" + relative; }
std::string source_path(const std::string& relative) { return std::string(KARTOTEKA_SOURCE_DIR) + "/" + relative; }

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace kartoteka::test
