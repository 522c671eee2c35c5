#pragma once

// The Binance USD-M REST gateway (issue 8 item 1; SPEC EXE-1, EXE-2, EXE-5):
// signed requests (HMAC-SHA256 over the exact query, signature last,
// `X-MBX-APIKEY`), stamped with a server-synced clock and `recvWindow`, on
// one keep-alive connection; every request passes the request budget
// (exchangeInfo's rateLimits, X-MBX headers, 429/418) and a circuit breaker.
// Answers are mapped onto the venue contract (ADR 0025): a request refused
// here or failed before any byte left is `not_placed` (retry the same id);
// one that may have reached Binance without an answer is `outcome_unknown`
// (query, never resend blindly). Runs on the network runtime; callbacks run
// on its strand. The secret never leaves this object.

#include "adapters/binance/market.hpp"
#include "adapters/binance/rate_limits.hpp"
#include "adapters/net/runtime.hpp"
#include "messages/order.hpp"

#include <boost/asio/ssl/context.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hlc::binance {

struct rest_gateway_settings {
  std::string rest_url = "https://fapi.binance.com";
  std::string api_key;
  std::string api_secret;
  int64_t recv_window_ms = 5000;
  int64_t request_timeout_ms = 5000;
  int clock_samples = 5;
  int64_t clock_resync_ms = 10 * 60'000;
  int breaker_failures = 5;
  int64_t breaker_open_ms = 30'000;
  int reserve_pct = 10; ///< of every rate window, kept for reduce-only orders
  /// Wait before retrying a request that never left (connect failed).
  int64_t not_sent_retry_ms = 500;
  /// Per symbol, before its first opening order of this run (EXE-10):
  /// `POST /fapi/v1/marginType` ("" = leave as is) and
  /// `POST /fapi/v1/leverage` (0 = leave as is).
  std::string margin_type; ///< "CROSSED" or "ISOLATED"
  int leverage = 0;
};

/// A read that either answered or did not (never "flat" by default: a
/// failed positions read is an error, SAF-2).
template <class T>
struct read_result {
  std::optional<T> value;
  std::string error; ///< why there is no value
};

class rest_gateway {
public:
  virtual ~rest_gateway() = default;

  static std::shared_ptr<rest_gateway>
  create(net::runtime& rt, std::shared_ptr<boost::asio::ssl::context> tls,
         rest_gateway_settings settings, std::function<int64_t()> now_ms,
         std::function<void(std::string event, std::string detail)> status);

  /// Takes `clock_samples` samples of `GET /fapi/v1/time`; `done(true)`
  /// once the offset is known.
  virtual void sync_clock(std::function<void(bool ok, std::string why)> done)
      = 0;
  /// The budget's windows, from exchangeInfo (documented ones until then).
  virtual void set_rate_limits(std::vector<rate_limit> limits) = 0;

  /// `POST /fapi/v1/order`: the answers for this intent, in order. The
  /// first opening order of a symbol in this run sets its margin type and
  /// leverage first; a venue refusal of either rejects the order (with the
  /// venue's code), no answer makes it `not_placed`.
  virtual void submit(order_intent intent,
                      std::function<void(std::vector<order_update>)> done)
      = 0;
  /// `GET /fapi/v1/order` by client id: not_found on -2013; no value when
  /// there was no answer (query again later).
  virtual void query(std::string symbol, std::string client_id,
                     std::function<void(read_result<order_update>)> done)
      = 0;
  /// `DELETE /fapi/v1/order` by client id: cancel_rejected on -2011.
  virtual void cancel(std::string symbol, std::string client_id,
                      std::function<void(read_result<order_update>)> done)
      = 0;
  /// `GET /fapi/v2/positionRisk`: every symbol's one-way position.
  virtual void
  positions(std::function<void(read_result<std::vector<position_risk>>)> done)
      = 0;
  /// `GET /fapi/v1/positionSide/dual`: true in hedge mode.
  virtual void position_mode(std::function<void(read_result<bool>)> done) = 0;

  /// Fails what is queued and closes the connection.
  virtual void stop() = 0;
};

} // namespace hlc::binance
