#include "util/csv.h"

namespace kartoteka::util {

namespace {

/// Reads one record starting at `pos`; leaves `pos` after its line break and counts the lines it spans.
CsvRecord read_record(std::string_view text, std::size_t& pos, int& line) {
    CsvRecord r;
    r.line = line;
    std::string field;
    bool quoted = false;      // inside a quoted field
    bool was_quoted = false;  // the current field was quoted (text after its closing quote is an error)
    auto end_field = [&] {
        r.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
    };
    while (pos < text.size()) {
        const char c = text[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < text.size() && text[pos] == '"') field += '"', ++pos;
                else quoted = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
            ++line;
            end_field();
            return r;
        } else if (c == '"' && field.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (was_quoted) {
            if (r.problem.empty()) r.problem = "text after a closing quote (write a quote inside a quoted field as \"\")";
        } else {
            field += c;
        }
    }
    if (quoted) r.problem = "a quoted field is not closed before the end of the file";
    end_field();
    return r;
}

bool blank(const CsvRecord& r) { return r.fields.size() == 1 && r.fields[0].empty() && r.problem.empty(); }

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<CsvRecord> out;
    std::size_t pos = 0;
    int line = 1;
    while (pos < text.size()) {
        auto r = read_record(text, pos, line);
        if (!blank(r)) out.push_back(std::move(r));
    }
    return out;
}

}  // namespace kartoteka::util
