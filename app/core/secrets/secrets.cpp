#include "secrets/secrets.h"

#include <cstdlib>

#include "error.h"

#ifdef KARTOTEKA_HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

namespace kartoteka::secrets {

#ifdef KARTOTEKA_HAVE_LIBSECRET
namespace {

const SecretSchema& schema() {
    static const SecretSchema s = {"org.kartoteka.Secret", SECRET_SCHEMA_NONE,
                                   {{"entry", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
                                   0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
    return s;
}

/// The keyring is reached over the D-Bus session bus. Without one (a service account, ssh), libsecret
/// would try to autolaunch a bus; there is nothing to find, so do not ask.
bool have_session_bus() {
    const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    return bus && *bus;
}

}  // namespace
#endif

std::string connector_entry(const std::string& connector_name) { return "connector:" + connector_name; }

bool keyring_available() noexcept {
#ifdef KARTOTEKA_HAVE_LIBSECRET
    return true;
#else
    return false;
#endif
}

std::optional<std::string> keyring_lookup(const std::string& entry) {
#ifdef KARTOTEKA_HAVE_LIBSECRET
    if (!have_session_bus()) return std::nullopt;
    GError* error = nullptr;
    gchar* pw = secret_password_lookup_sync(&schema(), nullptr, &error, "entry", entry.c_str(), nullptr);
    if (error) g_error_free(error);  // no keyring daemon: as if there were no entry
    if (!pw) return std::nullopt;
    std::string out = pw;
    secret_password_free(pw);
    return out;
#else
    (void)entry;
    return std::nullopt;
#endif
}

void keyring_store(const std::string& entry, const std::string& secret) {
#ifdef KARTOTEKA_HAVE_LIBSECRET
    if (!have_session_bus())
        throw Error(ErrorKind::config, "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set): the keyring "
                                       "cannot be reached; use an environment variable instead");
    GError* error = nullptr;
    const std::string label = "Kartoteka: " + entry;
    const bool ok = secret_password_store_sync(&schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(), nullptr,
                                               &error, "entry", entry.c_str(), nullptr);
    if (!ok || error) {
        std::string why = error ? error->message : "the keyring refused it";
        if (error) g_error_free(error);
        throw Error(ErrorKind::config, "cannot store '" + entry + "' in the keyring: " + why);
    }
#else
    (void)entry;
    (void)secret;
    throw Error(ErrorKind::config, "this build has no keyring support (libsecret); use an environment variable");
#endif
}

std::string read_secret(const std::string& env_name, const std::string& keyring_entry) {
    if (!env_name.empty())
        if (const char* v = std::getenv(env_name.c_str()); v && *v) return v;
    if (!keyring_entry.empty())
        if (auto s = keyring_lookup(keyring_entry)) return *s;
    return {};
}

}  // namespace kartoteka::secrets
