#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace hlc::ingest {

/// Capped exponential backoff with jitter (SPEC ING-3). The delay of attempt
/// n (0-based) is drawn from [cap_n / 2, cap_n] with cap_n = min(max_ms,
/// base_ms * 2^n): "equal jitter", so reconnecting clients spread out but
/// never retry at once.
struct backoff_settings {
  int64_t base_ms = 500;
  int64_t max_ms = 30'000;
};

class reconnect_backoff {
public:
  explicit reconnect_backoff(backoff_settings s = {}) : s_(s) {}

  /// The delay before the next attempt; `jitter` is a draw in [0, 1).
  int64_t next_delay_ms(double jitter);

  /// A connection proved healthy (subscriptions acknowledged): start over.
  void reset() noexcept { attempt_ = 0; }

  uint32_t attempt() const noexcept { return attempt_; }

private:
  backoff_settings s_;
  uint32_t attempt_ = 0;
};

/// Hyperliquid allows 30 new WS connections per minute per IP (protocol_facts
/// §A.3). Remembers the connect times of the last window and tells when the
/// next connect is allowed.
class connection_rate_limit {
public:
  explicit connection_rate_limit(uint32_t max_per_window = 30,
                                 int64_t window_ms = 60'000)
      : max_(max_per_window), window_ms_(window_ms) {}

  /// The earliest time >= now at which a new connection stays in the limit.
  int64_t earliest_connect_ms(int64_t now_ms) const;

  /// Records a connection attempt at `now_ms`.
  void on_connect(int64_t now_ms);

  std::size_t in_window(int64_t now_ms) const;

private:
  uint32_t max_;
  int64_t window_ms_;
  std::deque<int64_t> connects_;
};

/// When to reconnect: after the backoff, and not before the rate limit
/// allows it.
int64_t next_connect_at_ms(int64_t now_ms, reconnect_backoff& backoff,
                           const connection_rate_limit& limit, double jitter);

} // namespace hlc::ingest
