#include "rest_errors.h"

#include <openssl/x509.h>

namespace kartoteka::connectors::rest {

using connector::ConnectorError;
using connector::Failure;

namespace {

/// What an agent's administrator needs to fix a refused certificate, not just "verification failed".
std::string certificate_problem(long verify_result) {
    if (verify_result == X509_V_OK)
        return "the server's certificate does not name this host (check the host in base_url against the certificate's subjectAltName)";
    return std::string("the server's certificate is not trusted: ") + X509_verify_cert_error_string(verify_result) +
           " (if a private CA signed it, name that CA's certificate in ca_file)";
}

}  // namespace

ConnectorError transport_error(httplib::Error error, bool slow, const std::string& where, long verify_result) {
    const std::string what = where + ": " + httplib::to_string(error);
    switch (error) {
    case httplib::Error::ConnectionTimeout: return ConnectorError(Failure::timed_out, what, true);
    case httplib::Error::Read:
        return slow ? ConnectorError(Failure::timed_out, where + ": no answer within the read timeout", true)
                    : ConnectorError(Failure::down, what + " (connection closed mid-response)", true);
    case httplib::Error::Connection:
    case httplib::Error::Write: return ConnectorError(Failure::down, what, true);
    // TLS failures are not retried: the same certificate will be refused again.
    case httplib::Error::SSLConnection: return ConnectorError(Failure::down, what + " (TLS handshake)", false);
    case httplib::Error::SSLLoadingCerts: return ConnectorError(Failure::down, what + " (TLS: cannot load the CA certificates)", false);
    case httplib::Error::SSLServerVerification:
        return ConnectorError(Failure::down, where + ": TLS: " + certificate_problem(verify_result), false);
    default: return ConnectorError(Failure::down, what, false);
    }
}

ConnectorError status_error(int status, const std::string& where) {
    const std::string what = where + ": HTTP " + std::to_string(status);
    if (status == 429) return ConnectorError(Failure::down, what + " (rate limited)", true);
    if (status >= 500) return ConnectorError(Failure::down, what, status != 501);
    if (status == 401 || status == 403)
        return ConnectorError(Failure::rejected, what + " (check the credentials in the secret's environment variable)", false);
    return ConnectorError(Failure::rejected, what, false);
}

ConnectorError bad_data(const std::string& message) { return ConnectorError(Failure::bad_data, message, false); }

ConnectorError malformed_json(const nlohmann::json::exception& e) {
    std::string what = "malformed JSON (error " + std::to_string(e.id);
    if (const auto* p = dynamic_cast<const nlohmann::json::parse_error*>(&e)) what += " at byte " + std::to_string(p->byte);
    return bad_data(what + ")");
}

}  // namespace kartoteka::connectors::rest
