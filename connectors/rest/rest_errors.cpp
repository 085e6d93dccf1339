#include "rest_errors.h"

namespace kartoteka::connectors::rest {

using connector::ConnectorError;
using connector::Failure;

ConnectorError transport_error(httplib::Error error, bool slow, const std::string& where) {
    const std::string what = where + ": " + httplib::to_string(error);
    switch (error) {
    case httplib::Error::ConnectionTimeout: return ConnectorError(Failure::timed_out, what, true);
    case httplib::Error::Read:
        return slow ? ConnectorError(Failure::timed_out, where + ": no answer within the read timeout", true)
                    : ConnectorError(Failure::down, what + " (connection closed mid-response)", true);
    case httplib::Error::Connection:
    case httplib::Error::Write: return ConnectorError(Failure::down, what, true);
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return ConnectorError(Failure::down, what + " (TLS)", false);
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

}  // namespace kartoteka::connectors::rest
