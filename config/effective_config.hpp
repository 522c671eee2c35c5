#pragma once

#include "config/settings.hpp"

#include <string>

namespace hlc {

/// Every option of `s`, defaults included, as JSON in a fixed order (the
/// schema's key names, decimals as exact strings). Secrets appear only as a
/// trailing `"secrets"` object of "set"/"missing", never their values
/// (SAF-4, OPS-1 check-config).
std::string effective_config_json(const settings& s, bool pretty);

/// SHA-256 (lower-case hex) of the canonical compact serialization of the
/// effective config without the secrets object: whitespace, comments, key
/// order, options spelled at their default and `0.50` vs `0.5` do not change
/// it; any value change does (MODE-2 records it).
std::string config_hash(const settings& s);

} // namespace hlc
