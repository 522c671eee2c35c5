#pragma once

// Transport-neutral request/response types shared by the simulators. The
// Beast server in sim/common/ turns wire traffic into these; the venue logic
// (sim/hyperliquid, sim/binance) is plain C++ over them, so it can be tested
// in-process without a socket.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hlc::sim {

/// One received HTTP request (or WebSocket upgrade request).
struct http_request {
  std::string method;                         ///< "GET", "POST", ...
  std::string target;                         ///< path + "?" + query, raw
  std::string path;                           ///< "/fapi/v1/order"
  std::string query;                          ///< raw, without "?"
  std::map<std::string, std::string> headers; ///< keys lower-case
  std::string body;
  int64_t received_us = 0; ///< wall clock, microseconds since epoch
  uint64_t connection = 0; ///< server-assigned connection id
  std::string remote_ip;   ///< the client's address, e.g. "127.0.0.2"
};

/// What to answer. Fault fields let a fault plan shape the transport.
struct http_response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";
  int64_t delay_us = 0; ///< answer after this delay
  bool reset = false;   ///< drop the connection without answering
  bool stall = false;   ///< never answer, keep the connection open
};

/// A live WebSocket connection as the venue logic sees it. Thread-safe:
/// calls are posted to the connection's strand.
class ws_peer {
public:
  virtual ~ws_peer() = default;
  virtual uint64_t id() const = 0;
  /// Sends a text frame (queued; at most one write in flight).
  virtual void send_text(std::string frame) = 0;
  /// Sends a close frame and ends the connection.
  virtual void close() = 0;
  /// Drops the TCP connection without a close frame.
  virtual void reset() = 0;
};

using ws_peer_ptr = std::shared_ptr<ws_peer>;

} // namespace hlc::sim
