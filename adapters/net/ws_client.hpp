#pragma once

#include "adapters/net/runtime.hpp"
#include "adapters/net/url.hpp"

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace hlc::net {

/// What a WebSocket connection reports. Every call runs on the client's
/// strand, in order: `on_open` once the handshake is done, `on_text` per
/// message, and `on_closed` exactly once per connection (after a failed
/// connect too), with the reason.
struct ws_events {
  std::function<void()> on_open;
  std::function<void(std::string text)> on_text;
  std::function<void(const std::string& reason)> on_closed;
};

struct ws_options {
  std::chrono::milliseconds connect_timeout{10'000}; ///< TCP + TLS + upgrade
  std::chrono::milliseconds close_timeout{5'000};
  size_t max_message_bytes = 16u * 1024u * 1024u;
  std::string user_agent = "hlcopy";
};

/// One WebSocket client connection in the shape of Beast's examples: steps
/// `on_resolve → on_connect → on_tls_handshake → on_handshake`, then one
/// read always pending and a write queue, all on one strand. A connection
/// is used once; reconnecting means a new client (ADR 0032).
class ws_client {
public:
  virtual ~ws_client() = default;

  /// `tls` is required for wss:// and ignored for ws:// (which `parse_url`
  /// allows for loopback hosts only).
  static std::shared_ptr<ws_client>
  create(strand_type strand, std::shared_ptr<boost::asio::ssl::context> tls,
         endpoint_url url, ws_events events, ws_options options = {});

  /// Starts connecting. Thread-safe (posts to the strand).
  virtual void connect() = 0;
  /// Queues a text message. Thread-safe; dropped when not open.
  virtual void send(std::string text) = 0;
  /// Sends a close frame and ends the connection. Thread-safe.
  virtual void close() = 0;
  /// Drops the TCP connection at once (a stalled peer). Thread-safe.
  virtual void abort() = 0;
};

} // namespace hlc::net
