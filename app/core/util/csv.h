#pragma once
/// CSV as RFC 4180 writes it, read leniently where spreadsheets differ: fields separated by commas,
/// records by CRLF or LF; a field in double quotes may hold commas, line breaks and "" for a quote.
/// A UTF-8 byte-order mark at the start (spreadsheets add one) is dropped. Blank lines are skipped.
#include <string>
#include <string_view>
#include <vector>

namespace kartoteka::util {

struct CsvRecord {
    int line = 0;  ///< the line the record starts on, 1-based (a quoted field may span lines)
    std::vector<std::string> fields;
    /// Why the record could not be read as written (a quote not closed, text after a closing quote);
    /// empty when it was read. The fields are then what could be read.
    std::string problem;
};

/// Every record of the text, in order. Never throws: a malformed record carries its problem and the
/// reader goes on with the next line.
std::vector<CsvRecord> parse_csv(std::string_view text);

}  // namespace kartoteka::util
