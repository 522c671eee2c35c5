#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlc::sim::binance {

/// Decodes `%XX` escapes and `+` (form encoding); returns nullopt on a
/// malformed escape.
std::optional<std::string> url_decode(std::string_view text);

/// Request parameters as Binance reads them: query string and form body,
/// with the query winning for a name sent in both (BN-docs general-info).
class param_set {
public:
  /// Parses `query` and `body`; a malformed escape makes `valid()` false.
  static param_set parse(std::string_view query, std::string_view body);

  /// The value of `name`, or nullopt if absent.
  std::optional<std::string> get(std::string_view name) const;

  /// True if `name` was sent (even empty).
  bool has(std::string_view name) const { return get(name).has_value(); }

  /// False if any part had a malformed percent escape.
  bool valid() const { return valid_; }

  /// The text the client signed: query + body without the trailing
  /// `signature=` parameter (no '&' between the two parts), or nullopt when
  /// no signature was sent or it was not the last parameter of its part.
  const std::optional<std::string>& signed_payload() const {
    return signed_payload_;
  }

  /// The signature as sent, or nullopt.
  const std::optional<std::string>& signature() const { return signature_; }

  /// True if a signature was sent but was not the last parameter.
  bool signature_misplaced() const { return signature_misplaced_; }

  const std::vector<std::pair<std::string, std::string>>& items() const {
    return items_;
  }

private:
  std::vector<std::pair<std::string, std::string>> items_; // query first
  std::optional<std::string> signed_payload_;
  std::optional<std::string> signature_;
  bool signature_misplaced_ = false;
  bool valid_ = true;
};

} // namespace hlc::sim::binance
