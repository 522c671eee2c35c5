#pragma once

#include <string>

namespace hlc {

/// Where and how log lines go (SPEC OPS-2); `logging` in the config.
struct logging_settings {
  std::string level = "info";
  std::string format = "json"; ///< json | human
  std::string file;            ///< empty = stderr
  int rotate_mb = 64;
  int rotate_files = 5;
};

} // namespace hlc
