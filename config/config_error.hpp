#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace hlc {

/// A configuration problem: where (a JSON pointer into the config file, ""
/// for the whole document) and what, phrased for the operator.
struct config_error {
  std::string pointer; ///< e.g. "/leaders/0/address"
  std::string message; ///< e.g. "does not match pattern ^0x[0-9a-fA-F]{40}$"
};

/// One line: `config error at /leaders/0/address: ...`.
std::string to_string(const config_error& x);

/// Looks up an environment variable; injected so tests never touch the real
/// environment.
using env_lookup
    = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment (wraps getenv).
env_lookup process_env();

/// Either a value or a `config_error`; the config module reports failures
/// with it instead of throwing.
template <class T>
class config_result {
public:
  config_result(T value) : data_(std::move(value)) {
    // nop
  }

  config_result(config_error err) : data_(std::move(err)) {
    // nop
  }

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: `ok()`.
  const T& value() const& { return std::get<0>(data_); }
  T& value() & { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }

  /// Precondition: `!ok()`.
  const config_error& error() const { return std::get<1>(data_); }

private:
  std::variant<T, config_error> data_;
};

} // namespace hlc
