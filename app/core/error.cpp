#include "error.h"

namespace kartoteka {

const char* to_string(ErrorKind kind) noexcept {
    switch (kind) {
    case ErrorKind::config: return "config";
    case ErrorKind::storage: return "storage";
    case ErrorKind::connector: return "connector";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::forbidden: return "forbidden";
    }
    return "unknown";
}

}  // namespace kartoteka
