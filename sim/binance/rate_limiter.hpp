#pragma once

#include "sim/binance/errors.hpp"

#include <cstdint>
#include <optional>

namespace hlc::sim::binance {

/// Limits of the simulated IP and account (exchangeInfo `rateLimits`).
struct rate_limits {
  int weight_per_minute = 2400;
  int orders_per_10s = 300;
  int orders_per_minute = 1200;
  /// Requests refused with 429 in one minute before the IP is banned.
  int ban_after_violations = 5;
  int ban_seconds = 120;
};

/// What a request used, for the response headers.
struct usage {
  int used_weight = 0;
  int orders_10s = 0;
  int orders_1m = 0;
};

/// Fixed-window counters like Binance's: request weight per UTC minute,
/// order count per 10 s and per minute. Going on after a 429 leads to a
/// 418 ban.
class rate_limiter {
public:
  explicit rate_limiter(rate_limits limits = {}) : limits_(limits) {
    // nop
  }

  /// Counts a request of `weight` (and one order if `is_order`) at
  /// `now_ms`. Throws `api_error` 429/418 (with `retry_after_s` set) when a
  /// limit is broken; fills `out` either way.
  void admit(int64_t now_ms, int weight, bool is_order, usage& out);

  /// Seconds a client should wait after the last refusal.
  int retry_after_s() const { return retry_after_s_; }

  /// The weight used in the current minute.
  int used_weight(int64_t now_ms);

  const rate_limits& limits() const { return limits_; }
  void set_limits(rate_limits l) { limits_ = l; }
  void reset();

private:
  void roll(int64_t now_ms);

  rate_limits limits_;
  int64_t minute_ = -1;
  int64_t ten_s_ = -1;
  int weight_ = 0;
  int orders_10s_ = 0;
  int orders_1m_ = 0;
  int violations_ = 0;
  int64_t banned_until_ms_ = 0;
  int retry_after_s_ = 0;
};

} // namespace hlc::sim::binance
