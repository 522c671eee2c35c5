#pragma once

// The account's Binance user-data stream (issue 8 item 4; SPEC EXE-9;
// ADR 0036) on the network runtime. No CAF.
//
// Lifecycle: POST /fapi/v1/listenKey (API key only, no signature) → connect
// `<ws_url>/private/ws?listenKey=K`; PUT keepalive every `keepalive_ms`.
// - `listenKeyExpired`, or a keepalive answered -1125 → POST (a new key),
//   reconnect, then signal a resync.
// - Any disconnect → POST (the live key comes back, or a new one) and
//   reconnect after a capped exponential backoff with jitter, then signal a
//   resync: events may have been missed.
// - `rotate_after_ms` after a connection opened (before Binance's 24 h
//   cut): open a second connection, and once it is open close the first
//   after `overlap_ms`; events seen on both are delivered once.
// - Watchdog: no frame for `watchdog_ms` while connected → signal a resync
//   (the executors query their working orders over REST); it repeats every
//   `watchdog_ms` of silence. The socket is kept.
// The listenKey is never DELETEd (every client of the account shares it).
// The key is a credential: reports show its last 4 characters only.

#include "adapters/binance/user_stream.hpp"
#include "adapters/net/runtime.hpp"
#include "ingest/backoff.hpp"
#include "messages/alert.hpp"
#include "support/clock.hpp"

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace hlc::binance {

struct user_stream_settings {
  std::string rest_url = "https://fapi.binance.com";
  std::string ws_url = "wss://fstream.binance.com"; ///< base, no path
  std::string api_key;
  /// Keepalive period: Binance keys live 60 min from the last keepalive and
  /// the docs ask for one every 30 min; 25 min leaves a retry's margin.
  int64_t keepalive_ms = 25 * 60'000;
  /// After a keepalive that got no answer (transport failure, 5xx).
  int64_t keepalive_retry_ms = 60'000;
  /// Proactive reconnect, before the 24 h connection limit.
  int64_t rotate_after_ms = 23LL * 3600'000;
  /// How long the old connection stays open once the new one is.
  int64_t overlap_ms = 2'000;
  /// Silence (no frame at all) that triggers a resync.
  int64_t watchdog_ms = 60'000;
  int64_t request_timeout_ms = 10'000;
  int64_t connect_timeout_ms = 10'000;
  ingest::backoff_settings reconnect{500, 30'000};
  uint64_t jitter_seed = 0; ///< 0: seeded from the clock
  size_t overlap_capacity = 4096;
};

/// Why the executors must reconcile with REST.
enum class resync_reason : uint8_t {
  reconnected, ///< the stream was down: events may be missing
  key_expired, ///< `listenKeyExpired`: new key, new connection
  key_missing, ///< keepalive answered -1125: new key, new connection
  watchdog,    ///< connected but silent for `watchdog_ms`
};

const char* to_string(resync_reason x) noexcept;

/// An order the venue made on our account: liquidation, ADL or settlement.
/// The position changed behind the executors' back: they must re-read it.
struct venue_order_alert {
  order_origin origin = order_origin::liquidation;
  std::string symbol;
  hlc::side side = side::sell;
  decimal qty;     ///< this event's executed quantity (`l`)
  decimal cum_qty; ///< the order's executed quantity so far (`z`)
  std::string client_id;
  uint64_t exchange_order_id = 0;
  std::string execution_type;
  int64_t event_time_ms = 0;
  bool resync_position = true; ///< always: re-read the venue position
};

/// What the stream reports; every callback runs on the client's strand.
struct user_stream_events {
  /// ORDER_TRADE_UPDATE and TRADE_LITE (`lite`) of our own orders, in the
  /// order received; duplicates as the venue sent them.
  std::function<void(order_event)> order;
  /// ACCOUNT_UPDATE (positions and balances that changed).
  std::function<void(account_update)> account;
  /// Liquidation / ADL / settlement orders (not passed to `order`).
  std::function<void(venue_order_alert)> alert;
  /// Reconcile with REST now.
  std::function<void(resync_reason, const std::string& detail)> resync;
  /// A frame that could not be read, naming it; the stream goes on.
  std::function<void(quarantine_record)> quarantine;
  /// Lifecycle steps: key_created, key_request_failed, keepalive,
  /// keepalive_failed, connected, disconnected, key_expired, key_missing,
  /// reconnect_scheduled, rotating, rotated, rotation_failed, watchdog,
  /// stopped.
  std::function<void(const std::string& event, const std::string& detail)>
      status;
};

/// Counters, readable from any thread.
struct user_stream_stats {
  std::atomic<uint64_t> key_requests{0};
  std::atomic<uint64_t> keepalives{0};
  std::atomic<uint64_t> connects{0};
  std::atomic<uint64_t> disconnects{0};
  std::atomic<uint64_t> frames{0};
  std::atomic<uint64_t> orders{0};
  std::atomic<uint64_t> accounts{0};
  std::atomic<uint64_t> alerts{0};
  std::atomic<uint64_t> absorbed{0}; ///< overlap copies not delivered
  std::atomic<uint64_t> quarantined{0};
  std::atomic<uint64_t> resyncs{0};
  std::atomic<uint64_t> rotations{0};
};

class user_stream_client {
public:
  /// `clock` must outlive the client. Throws std::invalid_argument naming a
  /// bad `rest_url` / `ws_url`.
  static std::shared_ptr<user_stream_client>
  create(net::runtime& rt, std::shared_ptr<boost::asio::ssl::context> tls,
         user_stream_settings settings, const wall_clock& clock,
         user_stream_events events);

  ~user_stream_client();

  /// Gets a key and connects (thread-safe). A client is started once.
  void start();
  /// Closes the connections and stops every timer (thread-safe). The key is
  /// left to expire, never deleted. No callback runs after the stop ran.
  void stop();
  /// Drops the current connection as if the network failed (tests).
  void drop_connection();

  const user_stream_stats& stats() const noexcept;

  struct impl;

private:
  explicit user_stream_client(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

} // namespace hlc::binance
