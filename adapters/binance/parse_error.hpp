#pragma once

#include <string>
#include <variant>

namespace hlc::binance {

/// A Binance response or stream message that could not be turned into
/// domain terms.
struct parse_error {
  std::string field;   ///< e.g. "symbols[0].filters[2].tickSize", or "frame"
  std::string message; ///< e.g. `not a decimal: "abc"`
  std::string raw;     ///< the offending text (at most 200 characters)

  /// "symbols[0].filters[2].tickSize: not a decimal: \"abc\"".
  std::string to_string() const {
    return field.empty() ? message : field + ": " + message;
  }
};

/// Either the parsed value or the reason it could not be parsed.
template <class T>
using result = std::variant<T, parse_error>;

} // namespace hlc::binance
