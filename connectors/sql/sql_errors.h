#pragma once
/// soci errors to connector errors, at the connector's boundary (GUIDE rule 7).
#include <soci/soci.h>

#include <string>

#include "connector/connector.h"

namespace kartoteka::connectors::sql {

/// A lost or refused connection is retryable; a statement the database rejects is a configuration
/// problem and is not.
connector::ConnectorError from_soci(const soci::soci_error& e, const std::string& where);

/// A unique-key violation: for write-back keyed by the idempotency key, the record is already there.
/// SOCI 4.0's sqlite3 backend does not classify it, so SQLite's message is recognised too.
bool is_duplicate(const soci::soci_error& e);

}  // namespace kartoteka::connectors::sql
