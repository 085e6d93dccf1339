#include "storage/soci_error_text.h"

#include "util/log.h"
#include "util/text.h"

namespace kartoteka::storage {

std::string soci_error_text(const soci::soci_error& e) {
    // get_error_message() is the backend's text without the context SOCI adds to what().
    return soci_error_text(e.get_error_message());
}

std::string soci_error_text(const std::string& message) {
    std::string m = message;
    // In case a wrapper passed what(): SOCI's context starts with "while ".
    for (const char* context : {"while executing", "while preparing", "while fetching"})
        if (auto at = m.find(context); at != std::string::npos) m.erase(at);
    // PostgreSQL: "ERROR:  ...\nDETAIL:  ...\nHINT: ..."; the first line names the constraint or column.
    if (auto nl = m.find_first_of("\r\n"); nl != std::string::npos) m.erase(nl);
    if (auto detail = m.find("DETAIL:"); detail != std::string::npos) m.erase(detail);
    // "invalid input syntax for type integer: \"...\"", "invalid input value for enum x: \"...\"".
    if (m.find("invalid input") != std::string::npos)
        if (auto colon = m.rfind(": \""); colon != std::string::npos) m.replace(colon + 2, std::string::npos, "\"…\"");
    return util::redact(util::trim(m));
}

}  // namespace kartoteka::storage
