#pragma once

// Test-only loopback clients for the simulators: a keep-alive HTTP client
// with a timeout, and a WebSocket client whose reads wait on a queue with a
// timeout (a background io thread receives frames). Beast lives only in
// sim_client.cpp.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace hlc::sim::test {

/// One HTTP answer. status 0 = the connection was reset or closed without an
/// answer; -1 = no answer within the timeout.
struct http_result {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers; ///< keys lower-case
  std::string error;
};

/// A keep-alive HTTP/1.1 client to 127.0.0.1:port. Reconnects after errors.
class http_client {
public:
  explicit http_client(uint16_t port);
  ~http_client();

  http_result request(const std::string& method, const std::string& target,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {},
                      std::chrono::milliseconds timeout
                      = std::chrono::milliseconds{5000});

  http_result post(const std::string& target, const std::string& body) {
    return request("POST", target, body,
                   {{"Content-Type", "application/json"}});
  }

  http_result get(const std::string& target) { return request("GET", target); }

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// What a raw exchange read: every byte until the server closed, and how
/// the read ended ("" = a clean close, else the error, e.g. a reset).
struct raw_result {
  std::string data;
  std::string error;
};

/// Connects (from `local_ip` when given, e.g. "127.0.0.2"), writes `bytes`
/// as they are, and reads until the server closes or the timeout.
raw_result raw_exchange(uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds timeout
                        = std::chrono::milliseconds{5000},
                        const std::string& local_ip = {});

/// A WebSocket client to ws://127.0.0.1:port/path.
class ws_client {
public:
  /// Connects (from `local_ip` when given: any 127.0.0.x acts as another
  /// client IP) and completes the handshake; throws std::runtime_error if
  /// the server rejects the upgrade (the message holds the status) or the
  /// connection fails.
  ws_client(uint16_t port, const std::string& path = "/ws",
            const std::string& local_ip = {});
  ~ws_client();

  /// Sends a text frame.
  void send(const std::string& text);

  /// The next received text frame, or nullopt when none arrives within the
  /// timeout or the connection is closed and drained.
  std::optional<std::string> read(std::chrono::milliseconds timeout
                                  = std::chrono::milliseconds{5000});

  /// Waits until the server ends the connection; true if it did in time.
  bool wait_closed(std::chrono::milliseconds timeout
                   = std::chrono::milliseconds{5000});

  /// True once the connection ended.
  bool closed() const;

  /// How the connection ended ("" while open): "close frame" or an error.
  std::string close_reason() const;

  /// Closes from the client side.
  void close();

private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

} // namespace hlc::sim::test
