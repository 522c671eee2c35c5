#pragma once

// The data files a command is given (recording, --exchange-info, --marks):
// read within their size limit and checked to be JSON within the depth
// limit before any reader walks them (ADR 0016).

#include "json_input/limits.hpp"

#include <stdexcept>
#include <string>

namespace hlc {

/// A data file that cannot be used at all: missing, unreadable, over its
/// size limit, not JSON, or nested too deep. A usage error (exit 2).
struct input_file_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads `path` (given as `--<option>`) within `limits` and checks it is
/// JSON within them; throws input_file_error naming the option, the path and
/// the problem, e.g. "--marks m.json: nesting deeper than 64 levels (the
/// limit for marks) at offset 65".
std::string read_json_input(const std::string& option, const std::string& path,
                            const json_input::input_limits& limits);

} // namespace hlc
