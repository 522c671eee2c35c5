#pragma once

#include "config/config_error.hpp"

#include <rapidjson/document.h>

#include <optional>

namespace hlc::detail {

/// Validates `doc` against the embedded config/schema.json and phrases the
/// first failure for the operator: the JSON pointer of the offending value
/// and what is wrong with it (e.g. `does not match pattern ...`, `unknown
/// option "levrage"; did you mean "leverage"?`).
std::optional<config_error> check_against_schema(const rapidjson::Value& doc);

} // namespace hlc::detail
