#include "test_support.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>
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

RunResult CliSeat::run(const std::string& args) const {
    return test::run(binary("app/cli/kartoteka-cli") + " --config " + source_path("config/kartoteka.yaml") + " --db " + db +
                     " " + args);
}

RunResult CliSeat::run_as(const std::string& login, const std::string& args) const {
    const std::string config = dir.file(login + ".yaml");
    write_file(config, "agent:\n  login: " + login + "\n");
    return test::run(binary("app/cli/kartoteka-cli") + " --config " + config + " --db " + db + " " + args);
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

int spawn(const std::vector<std::string>& argv, bool quiet) {
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        if (quiet) {
            const int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
        }
        execv(args[0], args.data());
        _exit(127);
    }
    return pid;
}

bool wait_listening(int port) {
    for (int i = 0; i < 250; ++i) {  // bounded: 5 s
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool up = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        if (up) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

int stop_process(int pid) {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string demo_rest_yaml(int backend_port) {
    std::ifstream in(source_path("config/examples/demo-rest.yaml"));
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    for (auto pos = yaml.find("18766"); pos != std::string::npos; pos = yaml.find("18766"))
        yaml.replace(pos, 5, std::to_string(backend_port));
    return yaml;
}

}  // namespace kartoteka::test
