#pragma once
/// SOCI's errors, cut to what may leave the store (issue 16: the log never holds a record's data, nor an
/// error message that echoes bound values).
#include <soci/soci.h>

#include <string>

namespace kartoteka::storage {

/// The database's own complaint, first line only, with anything that could be a record's value taken
/// out. SOCI's what() appends the statement and its bound values ("while executing \"INSERT ...\" with
/// :summary=\"paid with 4111 ...\""); PostgreSQL adds DETAIL lines quoting the row ("Key (phone)=(...)
/// already exists", "Failing row contains (...)") and quotes a rejected value in "invalid input syntax
/// for type integer: \"...\"". What is left still goes through util::redact, for a backend that quotes
/// a value we do not know about. Used by Error{storage} and by the sql connector's errors.
std::string soci_error_text(const soci::soci_error& e);

/// The same for a message already taken out of an error (tests, other wrappers).
std::string soci_error_text(const std::string& message);

}  // namespace kartoteka::storage
