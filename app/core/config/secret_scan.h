#pragma once
/// Finds secrets written into a configuration file (GUIDE rule 10: passwords and tokens come from
/// environment variables or the desktop keyring, never from YAML that gets copied, mailed and
/// committed). `kartoteka-cli config check` reports them as warnings: the file still works.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "config/config_warning.h"

namespace kartoteka::config {

/// True for key names that hold a secret by their name: password, passwd, pwd, passphrase, token,
/// secret, authorization, credentials, api_key, access_key, private_key, client_secret, ... in any of
/// snake_case, kebab-case or camelCase (`db_password`, `apiKey`, `X-Api-Key`). Names that point at a
/// secret elsewhere (`password_env`, `token_env`, `secret_keyring`) are not.
bool is_secret_key_name(const std::string& key);

/// True when a value carries a secret itself: a connection string with a non-empty `password=` (or
/// `pwd=`, `token=`, `api_key=`, ...) or a URL with `user:password@`.
bool value_carries_secret(const std::string& value);

/// Every literal secret in the document: a secret-named key with a non-empty value, or any value that
/// carries one. Messages never quote the secret itself.
std::vector<Warning> find_literal_secrets(const YAML::Node& root, const std::string& file);

}  // namespace kartoteka::config
