#pragma once

#include "config/config_error.hpp"

#include <ostream>
#include <string>

namespace hlc {

/// `hlcopy check-config --config F` (OPS-1): loads and validates the file.
/// On success prints the effective config (secrets as "set"/"missing") and
/// `config hash: <hex>` to `out` and returns 0; on failure prints one line
/// `config error at <pointer>: <message>` to `err` and returns 2.
int run_check_config(const std::string& path, const env_lookup& env,
                     std::ostream& out, std::ostream& err);

} // namespace hlc
