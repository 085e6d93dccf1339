#pragma once
/// httplib results to connector errors, at the connector's boundary (GUIDE rule 7): which failures
/// a retry may fix (connection refused, timeouts, 429, 5xx) and which it cannot (TLS, 4xx, bad data).
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

#include "connector/connector.h"

namespace kartoteka::connectors::rest {

/// A transport failure. `slow` says the read ran into its timeout (timed out rather than cut off).
/// `verify_result` is OpenSSL's verdict on the server's certificate chain (X509_V_OK = 0 when the
/// chain was trusted, so a failed verification was the host name), used only for TLS failures.
connector::ConnectorError transport_error(httplib::Error error, bool slow, const std::string& where,
                                          long verify_result = 0);

/// An HTTP status other than 2xx (404 is handled by callers as "no such record").
connector::ConnectorError status_error(int status, const std::string& where);

/// The body broke a limit or a rule of the mapping: never retried, the source is marked bad_data.
connector::ConnectorError bad_data(const std::string& message);

/// A body nlohmann could not read, as bad data. Only the library's error id and the byte offset are
/// kept: its own text quotes the body ("last read: '\"Ivanov, Lenina 5, flat 12'"), and the body is a
/// customer's record, which must reach neither the card's source strip nor the log.
connector::ConnectorError malformed_json(const nlohmann::json::exception& e);

}  // namespace kartoteka::connectors::rest
