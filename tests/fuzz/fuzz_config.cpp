// libFuzzer target: the configuration loader must turn any input into a Config or an Error{config},
// never a crash, a hang, a stack overflow or unbounded memory (alias bombs, deep nesting, huge files).
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        kartoteka::config::parse_config(text, "fuzz.yaml");
    } catch (const kartoteka::Error&) {
        // The expected way to refuse bad input.
    }
    return 0;
}
