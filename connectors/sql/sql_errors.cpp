#include "sql_errors.h"

#include "storage/soci_error_text.h"

namespace kartoteka::connectors::sql {

using connector::ConnectorError;
using connector::Failure;

ConnectorError from_soci(const soci::soci_error& e, const std::string& where) {
    // Never what(): SOCI appends the statement's bound values, a customer's phone or a payload's text.
    const std::string what = where + ": " + storage::soci_error_text(e);
    // PostgreSQL cancelled the query at our statement_timeout (SQLSTATE 57014): slow, not broken.
    if (what.find("statement timeout") != std::string::npos || what.find("57014") != std::string::npos)
        return ConnectorError(Failure::timed_out, what, true);
    switch (e.get_error_category()) {
    case soci::soci_error::connection_error: return ConnectorError(Failure::down, what, true);
    case soci::soci_error::invalid_statement:
    case soci::soci_error::no_privilege: return ConnectorError(Failure::rejected, what + " (check the query in the configuration)", false);
    case soci::soci_error::system_error: return ConnectorError(Failure::down, what, true);
    default: return ConnectorError(Failure::down, what, false);
    }
}

bool is_duplicate(const soci::soci_error& e) {
    if (e.get_error_category() == soci::soci_error::constraint_violation) return true;
    const std::string m = e.get_error_message();
    return m.find("UNIQUE constraint failed") != std::string::npos || m.find("duplicate key value") != std::string::npos;
}

}  // namespace kartoteka::connectors::sql
