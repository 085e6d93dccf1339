#include "util/build_tree.h"

#include <filesystem>

namespace kartoteka::util {

bool running_from_build_tree() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return false;
    const std::string build = KARTOTEKA_BINARY_DIR;
    return !build.empty() && exe.string().rfind(build + "/", 0) == 0;
}

std::string install_prefix() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "/usr";
    return exe.parent_path().parent_path().string();
}

std::string source_dir() { return KARTOTEKA_SOURCE_DIR; }

}  // namespace kartoteka::util
