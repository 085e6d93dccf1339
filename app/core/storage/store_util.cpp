#include "storage/store_util.h"

#include "storage/store.h"

namespace kartoteka::storage {

Store::Transaction::Transaction(Store& store) : m_store(store), m_outer(store.m_tx_depth == 0) {
    if (m_outer) m_store.session().begin();
    ++m_store.m_tx_depth;
}

Store::Transaction::~Transaction() {
    --m_store.m_tx_depth;
    if (m_outer && !m_done) {
        try {
            m_store.session().rollback();
        } catch (...) {
            // Destructors must not throw; the connection reports the failure on its next use.
        }
    }
}

void Store::Transaction::commit() {
    if (m_outer) m_store.session().commit();
    m_done = true;
}

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
