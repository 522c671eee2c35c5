#pragma once

#include "config/config_error.hpp"
#include "config/json_source.hpp"
#include "config/settings.hpp"

namespace hlc::detail {

/// Builds `settings` from a schema-valid document: every option absent from
/// the file keeps its default, decimals are taken exactly from the source
/// text, leader addresses are lower-cased. Secrets are left empty.
config_result<settings> read_settings(const json_source& src);

} // namespace hlc::detail
