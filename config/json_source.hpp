#pragma once

#include "config/config_error.hpp"

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace hlc::detail {

/// A config document parsed twice: `values` with ordinary numbers (for the
/// schema validator and integers) and `texts` with every number kept as its
/// source text, so decimals are taken exactly as written, never via double.
/// Both trees have the same shape, so one JSON pointer addresses both.
struct json_source {
  rapidjson::Document values;
  rapidjson::Document texts;
};

/// Parses `json` into `out`, accepting comments and trailing commas. Returns
/// a syntax error (pointer "", with line and column) or a duplicated key.
std::optional<config_error> parse_config_json(std::string_view json,
                                              json_source& out);

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
std::string pointer_token(std::string_view key);

/// A short, single-line rendering of a value for error messages.
std::string quote_for_message(std::string_view text);

} // namespace hlc::detail
