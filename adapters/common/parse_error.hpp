#pragma once

#include <string>
#include <variant>

namespace hlc::adapters {

/// A wire object, response or frame that could not be turned into domain
/// terms. Goes to quarantine as is (SPEC ING-8); the stream continues.
struct parse_error {
  std::string field;   ///< e.g. "fills[3].px", or "frame" for a whole frame
  std::string message; ///< e.g. `not a decimal: "abc"`
  std::string raw;     ///< the offending text (frames: at most 200 chars)

  /// "fills[3].px: not a decimal: \"abc\"".
  std::string to_string() const {
    return field.empty() ? message : field + ": " + message;
  }
};

/// Either the parsed value or the reason it could not be parsed.
template <class T>
using result = std::variant<T, parse_error>;

} // namespace hlc::adapters
