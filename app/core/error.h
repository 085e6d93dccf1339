#pragma once
/// The one error root of Kartoteka (GUIDE rule 7). Every layer throws this; connectors and storage
/// convert third-party exceptions (soci, httplib, yaml-cpp) at their boundary.
#include <stdexcept>
#include <string>

namespace kartoteka {

/// What went wrong, coarse enough that a host can choose an exit code or a banner from it.
enum class ErrorKind {
    config,     ///< the configuration is malformed or inconsistent
    storage,    ///< the local store failed (I/O, schema, constraint)
    connector,  ///< a backend failed; see Error::retryable()
    not_found,  ///< the thing asked for does not exist
    invalid,    ///< bad input from a user or a caller
    conflict,   ///< someone else changed the record first (optimistic locking)
    forbidden,  ///< the signed-in agent's role may not do this
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, bool retryable = false)
        : std::runtime_error(message), m_kind(kind), m_retryable(retryable) {}

    ErrorKind kind() const noexcept { return m_kind; }
    /// Only meaningful for connector errors: a retry may succeed (timeouts, 429, 5xx).
    bool retryable() const noexcept { return m_retryable; }

private:
    ErrorKind m_kind;
    bool m_retryable;
};

/// Short lower-case name of a kind, for logs and JSON.
const char* to_string(ErrorKind kind) noexcept;

}  // namespace kartoteka
