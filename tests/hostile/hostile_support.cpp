#include "hostile_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

namespace kartoteka::hostile {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    return a;
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& out_file) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

long status_field(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
}

}  // namespace

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

Child::Child(const std::vector<std::string>& argv, const std::string& out_file) : m_pid(spawn(argv, out_file)) {}

Child::~Child() { stop(); }

int Child::stop() {
    if (m_pid <= 0) return -1;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i)  // bounded: 5 s
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &status, 0);
    }
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int Child::wait_exit(std::chrono::milliseconds limit) {
    int status = 0;
    const bool ended = eventually([&] { return ::waitpid(m_pid, &status, WNOHANG) == m_pid; }, limit);
    if (!ended) return -2;
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Finished run_bounded(const std::vector<std::string>& argv, std::chrono::seconds limit) {
    char name[] = "/tmp/kartoteka-hostile-out.XXXXXX";
    const int tmp = ::mkstemp(name);
    ::close(tmp);
    Finished f;
    const auto started = Clock::now();
    const pid_t pid = spawn(argv, name);
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, WNOHANG, &usage) == 0) {
        if (Clock::now() - started > limit) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    f.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    f.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    f.max_rss_kb = usage.ru_maxrss;
    std::ifstream in(name);
    std::stringstream text;
    text << in.rdbuf();
    f.output = text.str();
    ::unlink(name);
    return f;
}

long rss_kb(pid_t pid) { return status_field(pid, "VmRSS"); }
int thread_count(pid_t pid) { return static_cast<int>(status_field(pid, "Threads")); }

int connect_loopback(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(port);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool wait_listening(int port, std::chrono::milliseconds limit) {
    return eventually([&] {
        const int fd = connect_loopback(port);
        if (fd < 0) return false;
        ::close(fd);
        return true;
    }, limit);
}

Reply http_exchange(int port, const std::string& request, std::chrono::milliseconds limit) {
    Reply r;
    const auto started = Clock::now();
    const int fd = connect_loopback(port);
    if (fd < 0) return r;
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string data;
    char buf[16384];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(started + limit - Clock::now()).count();
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    r.ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    const auto end = data.find("\r\n\r\n");
    if (data.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return r;
    r.status = std::atoi(data.c_str() + 9);
    r.head = data.substr(0, end);
    r.body = data.substr(end + 4);
    return r;
}

Reply pop(int port, const std::string& phone_query, const std::string& token) {
    return http_exchange(port, "GET /pop?phone=" + phone_query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Kartoteka-Token: " + token +
                              "\r\nConnection: close\r\n\r\n");
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds limit) {
    const auto until = Clock::now() + limit;
    while (!pred()) {
        if (Clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

}  // namespace kartoteka::hostile
