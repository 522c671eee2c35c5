#pragma once

#include <cstdint>

namespace hlc::ingest {

/// Hyperliquid's REST budget: 1200 weight per minute per IP (protocol_facts
/// §A.3), one token bucket shared by every request of the process (backfill,
/// polling, rebaseline). `userFills*` cost 20 up front and +1 per 20 fills
/// returned, which is only known afterwards: `charge_result` takes it then
/// and may leave the bucket in debt, which delays the next request.
class weight_budget {
public:
  explicit weight_budget(int64_t per_minute = 1200, int64_t start_ms = 0)
      : capacity_(per_minute), level_milli_(per_minute * 1000),
        last_ms_(start_ms) {}

  static constexpr int64_t fills_base_weight = 20;
  /// Weight a `userFills*` answer with `fills` entries adds to the base.
  static constexpr int64_t fills_result_weight(int64_t fills) {
    return fills / 20;
  }

  /// Milliseconds from `now_ms` until `weight` can be spent (0: now). A 429
  /// back-off counts too.
  int64_t wait_ms(int64_t weight, int64_t now_ms);

  /// Spends `weight` (call when `wait_ms` said 0).
  void spend(int64_t weight, int64_t now_ms);

  /// Charges what an answer added (`fills_result_weight`).
  void charge_result(int64_t weight, int64_t now_ms) { spend(weight, now_ms); }

  /// The server answered 429: nothing is sent before `now + retry_after_ms`
  /// (at least `min_backoff_ms`, doubling for consecutive 429s up to
  /// `max_backoff_ms`), and the bucket is emptied since our model of it was
  /// wrong.
  void on_rate_limited(int64_t now_ms, int64_t retry_after_ms);
  /// A request succeeded: the 429 back-off starts over.
  void on_success() noexcept { consecutive_429_ = 0; }

  int64_t blocked_until_ms() const noexcept { return blocked_until_ms_; }
  uint32_t rate_limited_count() const noexcept { return total_429_; }
  /// Whole tokens available at `now_ms` (negative in debt).
  int64_t level(int64_t now_ms);

  int64_t min_backoff_ms = 1'000;
  int64_t max_backoff_ms = 60'000;

private:
  void refill(int64_t now_ms);

  int64_t capacity_;
  int64_t level_milli_; ///< tokens × 1000, exact refill per ms
  int64_t last_ms_;
  int64_t blocked_until_ms_ = 0;
  uint32_t consecutive_429_ = 0;
  uint32_t total_429_ = 0;
};

} // namespace hlc::ingest
