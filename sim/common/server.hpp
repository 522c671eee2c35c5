#pragma once

// A loopback HTTP/1.1 + WebSocket server for the simulators (Boost.Beast,
// 127.0.0.1). HTTP and WebSocket share one port: a request with an
// `Upgrade: websocket` header becomes a WebSocket session. With `use_tls`
// the same port also speaks TLS (https/wss): each new connection is sniffed,
// a TLS ClientHello gets a TLS session, anything else stays plain (ADR 0030).
//
// Threading contract (venue code relies on it):
// - The server runs ONE io_context on ONE thread. Every handler in `handlers`
//   and every function given to `post`/`schedule` runs on that thread, one at
//   a time. Venue logic therefore needs no locks for state it only touches
//   from handlers.
// - `post`, `schedule`, `cancel` and every `ws_peer` method are thread-safe.
// - Handlers must not block: a slow handler stalls every connection.
//
// HTTP: keep-alive; an answer to a `Connection: close` request is written
// completely, then the server half-closes (TLS: close_notify) and waits for
// the client's close before closing the socket, so no byte is lost to an
// RST. The venue's `http_response` decides the answer, and its fault fields
// shape the transport: `delay_us` answers later, `reset` closes
// the socket (RST) without answering, `stall` never answers but keeps the
// socket open until the client gives up or the server stops.
//
// WebSocket: `on_ws_admit` may refuse an upgrade with any HTTP answer (e.g.
// 429 for a connection cap); then `on_ws_open` sees the upgrade request and
// a peer before the handshake completes; returning false answers 404.
// Frames sent from `on_ws_open` (e.g. a greeting) are queued and go out right
// after the handshake. One read is always pending; outbound frames are queued
// with at most one write in flight. `on_ws_text` gets each text message;
// `on_ws_close` is called exactly once per accepted session when it ends for
// any reason (client close, reset, error, `ws_peer::close`), except while the
// server is stopping. A ws_peer_ptr may be kept after its session ended or
// the server was destroyed: calls on it then do nothing. Idle timeouts are
// venue policy: implement them with `schedule`.
//
// Lifecycle: construct, `start` once, `stop` (also done by the destructor).

#include "sim/common/http_types.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace hlc::sim {

class wall_clock;

/// The venue's callbacks. Any may be empty: no HTTP handler answers 404, no
/// `on_ws_open` rejects every upgrade.
struct handlers {
  /// Admission check before an upgrade: an answer refuses it with that
  /// answer; nullopt lets `on_ws_open` decide.
  std::function<std::optional<http_response>(const http_request&)> on_ws_admit;
  /// Answers one HTTP request.
  std::function<http_response(const http_request&)> on_http;
  /// Decides whether to accept a WebSocket upgrade (false = 404).
  std::function<bool(const http_request&, ws_peer_ptr)> on_ws_open;
  /// One received text (or binary) message.
  std::function<void(const ws_peer_ptr&, const std::string&)> on_ws_text;
  /// The session ended.
  std::function<void(const ws_peer_ptr&)> on_ws_close;
};

/// Loopback HTTP + WebSocket server; see the file comment for the contract.
class server {
public:
  /// `clock` stamps `http_request::received_us`; it must outlive the server.
  server(handlers h, wall_clock& clock);

  ~server();

  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Serves TLS too, with this PEM certificate chain and PEM private key.
  /// Call before `start`. Throws std::runtime_error naming the file that
  /// cannot be loaded.
  void use_tls(const std::string& cert_file, const std::string& key_file);

  /// True once `use_tls` succeeded.
  bool tls() const;

  /// Binds 127.0.0.1:`port` (0 = an ephemeral port), starts the io thread and
  /// returns the bound port. Throws std::runtime_error if binding fails.
  uint16_t start(uint16_t port = 0);

  /// Closes the listener and every connection, then joins the io thread.
  /// Idempotent. Must not be called from the io thread.
  void stop();

  /// The bound port (0 before `start`).
  uint16_t port() const;

  /// Runs `f` on the io thread.
  void post(std::function<void()> f);

  /// Runs `f` on the io thread after `delay_us` microseconds of real
  /// (steady) time. Returns an id for `cancel`.
  uint64_t schedule(int64_t delay_us, std::function<void()> f);

  /// Cancels a scheduled function if it has not run yet.
  void cancel(uint64_t timer_id);

  /// True when called from the io thread.
  bool in_io_thread() const;

  /// Number of open connections (HTTP and WebSocket). For tests.
  size_t connection_count() const;

  /// Implementation detail (defined in server.cpp, where Beast lives).
  struct impl;

private:
  std::shared_ptr<impl> impl_;
};

} // namespace hlc::sim
