#pragma once

#include "adapters/hyperliquid/ingest_settings.hpp"
#include "adapters/net/runtime.hpp"
#include "support/clock.hpp"

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <memory>

namespace hlc::hyperliquid {

/// What the stream reports; every callback runs on the stream's strand.
struct stream_events {
  fills_callback fills;           ///< userFills (snapshot and live), per frame
  quarantine_callback quarantine; ///< malformed frames and fills (ING-8)
  /// Every userFills subscription of a (re)connect is acknowledged: backfill
  /// from the cursor now (ING-3: HL replays neither orderUpdates nor
  /// userEvents, and the snapshot's size is undocumented).
  std::function<void()> subscribed;
  /// A userFills frame was quarantined: its fills may be missing, backfill.
  std::function<void()> fills_lost;
  /// Silent for `ws_stale_ms`: poll REST until `recovered` (ING-4).
  std::function<void()> stale;
  std::function<void()> recovered;
  status_callback status; ///< connects, closes, server error frames
};

/// Counters, readable from any thread.
struct stream_stats {
  std::atomic<uint64_t> connects{0};
  std::atomic<uint64_t> disconnects{0};
  std::atomic<uint64_t> frames{0};
  std::atomic<uint64_t> fills{0};
  std::atomic<uint64_t> snapshot_fills{0};
  std::atomic<uint64_t> quarantined{0};
  std::atomic<uint64_t> pings{0};
  std::atomic<uint64_t> pongs{0};
  std::atomic<uint64_t> stale_fallbacks{0};
  std::atomic<uint64_t> server_errors{0};
};

/// `hl_stream` (SPEC ING-1..ING-4): one WebSocket connection for up to 10
/// leaders. Skips the greeting, subscribes `userFills` (and optionally
/// `userEvents` / `orderUpdates`) per leader, pings after
/// `ping_interval_ms` of client silence, reconnects with capped exponential
/// backoff + jitter inside 30 new connections per minute, and watches for
/// silence. Fills go out as parsed, snapshots included: the dedup gate
/// decides (ING-2). Everything runs on one strand of the net runtime.
class hl_stream {
public:
  static std::shared_ptr<hl_stream> create(
      net::strand_type strand, std::shared_ptr<boost::asio::ssl::context> tls,
      ingest_settings settings, const wall_clock& clock, stream_events events);

  ~hl_stream();

  /// Connects (thread-safe).
  void start();
  /// Closes and stops reconnecting (thread-safe). Events stop.
  void stop();
  /// Drops the connection as if the network failed (tests, operators).
  void drop_connection();

  const stream_stats& stats() const noexcept;

  struct impl;

private:
  explicit hl_stream(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

} // namespace hlc::hyperliquid
