#pragma once

#include "config/config_error.hpp"
#include "config/settings.hpp"

#include <map>
#include <optional>
#include <string>

namespace hlc {

/// Reads a secrets file of `NAME=VALUE` lines (blank lines and `#` comments
/// skipped, optional `export ` prefix, optional matching quotes around the
/// value). Refused unless it is a regular file that only its owner may read
/// (mode 0600 or 0400) (SAF-4). Errors never quote the file's content.
config_result<std::map<std::string, std::string>>
read_secrets_file(const std::string& path);

/// Fills `s.keys` (SAF-4): each secret comes from the environment variable
/// named in the config, else from `binance.secrets_file` under the same name.
/// Binance key and secret are required in live mode; the Telegram token is
/// required when Telegram is enabled. Messages name variables, never values.
std::optional<config_error> resolve_secrets(settings& s, const env_lookup& env);

} // namespace hlc
