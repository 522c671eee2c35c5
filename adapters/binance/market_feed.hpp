#pragma once

// Binance market data for dry-run and live (issue 7 item 5; SPEC STR-4,
// STR-8): exchangeInfo at start and on a timer, mark prices from the
// combined market stream (`/market/stream?streams=<s>@markPrice@1s/...`,
// the 2026-04-23 layout, protocol_facts §B.1), and `GET
// /fapi/v1/premiumIndex` polled while the stream is down or silent. All
// unsigned: nothing here can place an order. Runs on the network runtime's
// thread; results leave through `market_feed_events` (the actor shell turns
// them into messages).

#include "adapters/binance/exchange_info.hpp"
#include "adapters/binance/parse_error.hpp"
#include "adapters/net/runtime.hpp"
#include "ingest/backoff.hpp"
#include "messages/market.hpp"

#include <boost/asio/ssl/context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hlc::binance {

struct market_feed_settings {
  std::string rest_url = "https://fapi.binance.com";
  std::string ws_url = "wss://fstream.binance.com";
  /// Binance symbols, e.g. BTCUSDT; empty: every TRADING USDT perpetual of
  /// the first exchangeInfo answer.
  std::vector<std::string> symbols;
  /// Streams per combined connection (Binance allows 1024; a shorter URL).
  size_t max_streams_per_connection = 100;
  int64_t exchange_info_refresh_ms = 3'600'000;
  /// No mark frame for this long (the stream sends one per symbol per
  /// second): poll premiumIndex every `rest_poll_ms` until frames return.
  int64_t stale_ms = 5'000;
  int64_t rest_poll_ms = 1'000;
  int64_t request_timeout_ms = 5'000;
  ingest::backoff_settings reconnect;
};

struct market_feed_events {
  /// Every exchangeInfo answer (the first one gates trading).
  std::function<void(exchange_info)> on_exchange_info;
  std::function<void(mark_price)> on_mark;
  /// A frame or body that could not be read: quarantined, counted.
  std::function<void(std::string source, parse_error)> on_bad_input;
  /// One line per change of connection or source, for the log.
  std::function<void(std::string event, std::string detail)> on_status;
};

class market_feed {
public:
  virtual ~market_feed() = default;

  /// `now_ms` is the injected wall clock (staleness, backoff).
  static std::shared_ptr<market_feed>
  create(net::runtime& rt, std::shared_ptr<boost::asio::ssl::context> tls,
         market_feed_settings settings, market_feed_events events,
         std::function<int64_t()> now_ms);

  /// Fetches exchangeInfo and opens the stream. Thread-safe.
  virtual void start() = 0;
  /// Closes everything; no event is delivered after it returns on the
  /// network thread. Thread-safe.
  virtual void stop() = 0;
};

/// `/market/stream?streams=btcusdt@markPrice@1s/ethusdt@markPrice@1s`.
std::string
combined_mark_stream_target(const std::vector<std::string>& symbols);

} // namespace hlc::binance
