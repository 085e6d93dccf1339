#pragma once
/// Secrets (database and backend passwords, API tokens) never live in YAML: they come from an
/// environment variable or from the desktop keyring (the Secret Service: GNOME Keyring, KWallet)
/// through libsecret. Keyring entries are named "store" for the database password and
/// "connector:NAME" for a connector's secret; `kartoteka-cli secret set NAME` stores one.
#include <optional>
#include <string>

namespace kartoteka::secrets {

/// The keyring entry for a connector's secret.
std::string connector_entry(const std::string& connector_name);
/// The keyring entry for the store (PostgreSQL) password.
inline const char* kStoreEntry = "store";

/// True when this build can reach a keyring (built with libsecret).
bool keyring_available() noexcept;

/// The entry's secret; nullopt when there is no such entry, no keyring is running, or the build has
/// no libsecret (a headless seat falls back to environment variables).
std::optional<std::string> keyring_lookup(const std::string& entry);

/// Stores (or replaces) the entry. @throws Error{config} naming what failed (no keyring running, locked).
void keyring_store(const std::string& entry, const std::string& secret);

/// The environment variable `env_name` when set and non-empty, else the keyring entry (when
/// `keyring_entry` is non-empty), else an empty string.
std::string read_secret(const std::string& env_name, const std::string& keyring_entry);

}  // namespace kartoteka::secrets
