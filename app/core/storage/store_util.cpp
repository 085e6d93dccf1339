#include "storage/store_util.h"

namespace kartoteka::storage {

void expect_one_row(soci::statement& st, const char* what, model::Id id) {
    if (st.get_affected_rows() == 0)
        throw Error(ErrorKind::conflict, std::string(what) + " " + std::to_string(id) +
                                             " was changed by someone else since you opened it; "
                                             "reload it and apply your change again");
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ',';
        out += n;
    }
    return out;
}

std::vector<std::string> split_names(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size() && !text.empty()) {
        auto comma = text.find(',', pos);
        std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return out;
}

}  // namespace kartoteka::storage
