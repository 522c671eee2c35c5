#pragma once

#include "config/config_error.hpp"
#include "config/settings.hpp"

#include <string>
#include <string_view>

namespace hlc {

/// Loads a configuration from JSON text (comments and trailing commas
/// allowed): parse, validate against the embedded schema, read every option
/// with its default, run the semantic checks, then resolve the secrets from
/// `env` (or `binance.secrets_file`). Never throws.
config_result<settings> load_settings_text(std::string_view json,
                                           const env_lookup& env);

/// Like `load_settings_text`, reading the file at `path` first.
config_result<settings> load_settings_file(const std::string& path,
                                           const env_lookup& env);

} // namespace hlc
