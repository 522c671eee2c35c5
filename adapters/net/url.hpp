#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace hlc::net {

/// A parsed `ws://`, `wss://`, `http://` or `https://` address.
struct endpoint_url {
  std::string scheme; ///< lower-case
  std::string host;   ///< bare host: no port, no brackets (SNI, verification)
  uint16_t port = 0;  ///< explicit or the scheme's default
  std::string target; ///< path and query, at least "/"
  bool tls = false;   ///< wss / https

  /// "host" or "host:port" when the port is not the scheme's default
  /// (the HTTP Host header).
  std::string host_header() const;
};

/// An error naming what is wrong with the address.
struct url_error {
  std::string message;
};

/// True for "localhost", 127.0.0.0/8 and ::1: the only hosts plain
/// (unencrypted) connections may go to.
bool is_loopback_host(std::string_view host) noexcept;

/// Parses `text`. Plain `ws://` / `http://` to a non-loopback host is an
/// error: credentials and leader data never travel unencrypted.
std::variant<endpoint_url, url_error> parse_url(std::string_view text);

/// Like `parse_url` but throws std::invalid_argument with the message.
endpoint_url parse_url_or_throw(std::string_view text);

} // namespace hlc::net
