#pragma once

// Iterative, bounded JSON parsing (ADR 0016). RapidJSON's default parser
// recurses once per nesting level, so 110 000 `[` overflow the stack; the
// iterative parser does not, and the depth limit keeps every later
// recursive walk of the document safe too.

#include "json_input/limits.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hlc::json_input {

/// Which JSON the input may be written in.
enum class dialect {
  strict,  ///< RFC 8259
  relaxed, ///< plus comments and trailing commas (config, scenario files)
  relaxed_numbers_as_text, ///< relaxed, numbers kept as their source text
};

/// Why an input was refused.
struct parse_failure {
  enum class kind { too_large, too_deep, syntax };
  kind what;
  size_t offset; ///< byte offset of the error (the size for too_large)
  /// One line naming the limit or the syntax error, e.g. "nesting deeper
  /// than 64 levels (the limit for config) at offset 65".
  std::string message;
};

/// Parses `text` into `doc` without recursion, refusing input larger than
/// `limits.max_bytes` or nested deeper than `limits.max_depth`. On failure
/// `doc` is left null.
std::optional<parse_failure> parse(rapidjson::Document& doc,
                                   std::string_view text,
                                   const input_limits& limits,
                                   dialect d = dialect::strict);

/// The same checks without building a document (a validating scan).
std::optional<parse_failure> check(std::string_view text,
                                   const input_limits& limits,
                                   dialect d = dialect::strict);

/// A file that could not be read, or was over its size limit.
struct read_failure : std::runtime_error {
  /// what(): "cannot read <path>: <reason>".
  read_failure(const std::string& path, std::string reason);
  std::string reason; ///< e.g. "No such file or directory"
};

/// Reads the file at `path` whole, refusing one larger than
/// `limits.max_bytes` as soon as it has read that much. Throws read_failure.
std::string read_file(const std::string& path, const input_limits& limits);

} // namespace hlc::json_input
