// bench_gui: the workstation program itself (issue 8), started as an agent starts it.
//  - Cold start: from exec to "kartoteka: ready" (printed with --trace once the window has painted and
//    the event loop has gone idle: the agent can type). Floor: `kartoteka --help`, which loads the same
//    libraries and initialises GTK but opens no window and no store.
//  - Memory: a supervisor's seat on the bench database with the whole SLA board shown ("kartoteka:
//    board N"), VmRSS a second later and the peak VmHWM, from /proc. Floor: the same program with the
//    same database, window up on the card page without the board.
// Needs an X display (installer/bench.sh runs it under xvfb-run -a). Prints rows of the shared table.
//
//   bench_gui --gui build/app/gui/kartoteka --db FILE --config config/kartoteka.yaml [--runs N] [--label TEXT]
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_table.h"

using Clock = std::chrono::steady_clock;
using kartoteka::bench::Samples;
namespace bench = kartoteka::bench;

namespace {

struct Options {
    std::string gui, db, config;
    std::string label = "bench store";  ///< what the store holds, for the data column
    int runs = 7;
};

/// The GUI under test, its standard output on a pipe we read line by line.
class Child {
public:
    explicit Child(const std::vector<std::string>& args) {
        int fds[2];
        if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
        started = Clock::now();
        m_pid = ::fork();
        if (m_pid < 0) throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            ::dup2(fds[1], 1);
            if (FILE* null = std::fopen("/dev/null", "w")) ::dup2(fileno(null), 2);  // GTK's warnings
            ::close(fds[0]);
            ::close(fds[1]);
            std::vector<char*> argv;
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            std::_Exit(127);
        }
        ::close(fds[1]);
        m_fd = fds[0];
    }
    ~Child() {
        stop();
        ::close(m_fd);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    /// When a line starting with `prefix` arrived; nullopt when the program ended or `limit` passed.
    std::optional<Clock::time_point> wait_line(const std::string& prefix, std::chrono::milliseconds limit) {
        const auto until = Clock::now() + limit;
        for (;;) {
            for (std::size_t nl; (nl = m_buffer.find('\n')) != std::string::npos;) {
                const std::string line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                if (line.rfind(prefix, 0) == 0) {
                    last_line = line;
                    return Clock::now();
                }
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            char chunk[4096];
            const auto n = ::read(m_fd, chunk, sizeof chunk);
            if (n <= 0) return std::nullopt;
            m_buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }
    /// Keeps reading output (so the program never blocks on a full pipe) for `d`.
    void drain(std::chrono::milliseconds d) { (void)wait_line(std::string(1, '\0'), d); }

    /// A field of /proc/<pid>/status in kB ("VmRSS", "VmHWM"); 0 when missing.
    long status_kb(const std::string& field) const {
        std::ifstream in("/proc/" + std::to_string(m_pid) + "/status");
        for (std::string line; std::getline(in, line);)
            if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
        return 0;
    }
    /// Waits for the program to end by itself; false after `limit`.
    bool wait_exit(std::chrono::milliseconds limit) {
        const auto until = Clock::now() + limit;
        while (Clock::now() < until) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) return m_reaped = true;
            drain(std::chrono::milliseconds(5));
        }
        return false;
    }
    void stop() {
        if (m_reaped) return;
        ::kill(m_pid, SIGTERM);
        if (!wait_exit(std::chrono::seconds(5))) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_reaped = true;
        }
    }

    Clock::time_point started;
    std::string last_line;  ///< the line wait_line last found

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    bool m_reaped = false;
    std::string m_buffer;
};

/// The shipped configuration with this seat's agent, English, and no screen-pop port (none of the
/// benchmark's business, and it must not collide with a workstation running on the machine).
std::string seat_config(const Options& o, const std::string& login) {
    std::ifstream in(o.config);
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    auto replace = [&yaml](const std::string& from, const std::string& to) {
        const auto at = yaml.find(from);
        if (at == std::string::npos) throw std::runtime_error(from + " not found in the configuration");
        yaml.replace(at, from.size(), to);
    };
    replace("login: operator", "login: " + login);
    replace("language: auto", "language: en");
    replace("  enabled: true", "  enabled: false");
    const std::string path = "/tmp/kartoteka-bench-gui-" + std::to_string(::getpid()) + "-" + login + ".yaml";
    std::ofstream(path) << yaml;
    return path;
}

double ms_since(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string mb(double kb) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f MB", kb / 1024);
    return b;
}

std::string ms_text(double ms) { return bench::human(ms * 1000); }

void cold_start(const Options& o, const std::string& config, Samples& rss_kb) {
    Samples ready, floor;
    for (int run = 0; run < o.runs; ++run) {
        Child help({o.gui, "--help"});
        if (help.wait_exit(std::chrono::seconds(30))) floor.add(ms_since(help.started, Clock::now()));
        Child gui({o.gui, "--config", config, "--db", o.db, "--trace"});
        if (auto at = gui.wait_line("kartoteka: ready", std::chrono::seconds(60))) {
            ready.add(ms_since(gui.started, *at));
            gui.drain(std::chrono::milliseconds(500));
            rss_kb.add(static_cast<double>(gui.status_kb("VmRSS")));
        }
    }
    if (ready.size() < static_cast<std::size_t>(o.runs))
        bench::note("cold start: " + std::to_string(static_cast<std::size_t>(o.runs) - ready.size()) + " of " +
                    std::to_string(o.runs) + " starts never said ready within 60 s");
    bench::emit({"cold start to a usable window", "exec to first paint and idle (--trace 'ready'), " + std::to_string(o.runs) +
                     " starts, " + o.label + ", files in the page cache",
                 ms_text(ready.median()), ms_text(ready.max()) + " (slowest start)", "under 1 s",
                 "kartoteka --help (libraries and GTK, no window): " + ms_text(floor.median()) + " median",
                 ready.size() == 0 ? "missed: never ready"
                                   : bench::verdict(ready.max(), 1000, bench::why_missed(ready.median(), ready.max(), 1000, floor.median(), "--help", ms_text), ms_text)});
}

void board_memory(const Options& o, const std::string& config, const Samples& without_board_kb) {
    Child gui({o.gui, "--config", config, "--db", o.db, "--trace"});
    auto shown = gui.wait_line("kartoteka: board ", std::chrono::seconds(300));
    if (!shown) {
        bench::emit({"GUI memory, SLA board open", "", "", "", "under 200 MB RSS", "", "missed: the board never showed within 300 s"});
        return;
    }
    const std::string tickets = gui.last_line.substr(std::string("kartoteka: board ").size());
    bench::note("GUI: the supervisor's board (" + tickets + " open tickets) was on screen " +
                ms_text(ms_since(gui.started, *shown)) + " after exec");
    gui.drain(std::chrono::seconds(1));
    const double rss = static_cast<double>(gui.status_kb("VmRSS")), peak = static_cast<double>(gui.status_kb("VmHWM"));
    const double goal = 200 * 1024;
    const double floor = without_board_kb.median();
    std::string why = floor >= goal ? "the window alone takes " + mb(floor)
                                    : "the board's data and rows take " + mb(rss - floor) + " above the window alone";
    bench::emit({"GUI memory, SLA board open", "supervisor seat, " + o.label + ", all " + tickets + " open tickets on the board", mb(rss) + " RSS",
                 mb(peak) + " peak (VmHWM)", "under 200 MB RSS", "same program, card page, no board: " + mb(floor) + " RSS",
                 bench::verdict(rss, goal, why, mb)});
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--gui") o.gui = argv[i + 1];
        else if (k == "--db") o.db = argv[i + 1];
        else if (k == "--config") o.config = argv[i + 1];
        else if (k == "--runs") o.runs = std::atoi(argv[i + 1]);
        else if (k == "--label") o.label = argv[i + 1];
    }
    if (o.gui.empty() || o.db.empty() || o.config.empty() || !std::getenv("DISPLAY")) {
        std::fprintf(stderr, "usage: bench_gui --gui PROGRAM --db FILE --config YAML [--runs N], with DISPLAY set\n");
        return 2;
    }
    std::vector<std::string> files;
    try {
        files = {seat_config(o, "operator"), seat_config(o, "supervisor")};
        Samples rss_kb;
        cold_start(o, files[0], rss_kb);
        board_memory(o, files[1], rss_kb);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_gui: %s\n", e.what());
        for (const auto& f : files) std::remove(f.c_str());
        return 1;
    }
    for (const auto& f : files) std::remove(f.c_str());
    return 0;
}
