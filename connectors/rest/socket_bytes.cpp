// Kept apart from the rest of the connector: <linux/tcp.h> has the full tcp_info (with
// tcpi_bytes_received) but clashes with <netinet/tcp.h>, which httplib.h includes.
#include <linux/in.h>  // IPPROTO_TCP without <netinet/in.h>, which would pull in the clashing header
#include <linux/tcp.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>

namespace kartoteka::connectors::rest {

std::uint64_t socket_bytes_received(int fd) {
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) return 0;
    if (len < offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received) return 0;  // kernel < 4.1
    return info.tcpi_bytes_received;
}

}  // namespace kartoteka::connectors::rest
