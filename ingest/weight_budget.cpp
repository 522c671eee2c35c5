#include "ingest/weight_budget.hpp"

#include <algorithm>

namespace hlc::ingest {

void weight_budget::refill(int64_t now_ms) {
  if (now_ms <= last_ms_) return;
  // capacity per minute = capacity/60 000 per ms = capacity/60 milli-tokens.
  auto elapsed = now_ms - last_ms_;
  level_milli_
      = std::min(capacity_ * 1000, level_milli_ + elapsed * capacity_ / 60);
  last_ms_ = now_ms;
}

int64_t weight_budget::level(int64_t now_ms) {
  refill(now_ms);
  return level_milli_ / 1000;
}

int64_t weight_budget::wait_ms(int64_t weight, int64_t now_ms) {
  refill(now_ms);
  int64_t wait = std::max<int64_t>(0, blocked_until_ms_ - now_ms);
  auto missing = weight * 1000 - level_milli_;
  if (missing > 0) {
    auto per_ms = std::max<int64_t>(1, capacity_ / 60);
    wait = std::max(wait, (missing + per_ms - 1) / per_ms);
  }
  return wait;
}

void weight_budget::spend(int64_t weight, int64_t now_ms) {
  refill(now_ms);
  level_milli_ -= weight * 1000;
}

void weight_budget::on_rate_limited(int64_t now_ms, int64_t retry_after_ms) {
  refill(now_ms);
  ++total_429_;
  auto backoff = min_backoff_ms;
  for (uint32_t i = 0; i < consecutive_429_ && backoff < max_backoff_ms; ++i)
    backoff *= 2;
  backoff = std::min(backoff, max_backoff_ms);
  ++consecutive_429_;
  blocked_until_ms_
      = std::max(blocked_until_ms_, now_ms + std::max(backoff, retry_after_ms));
  level_milli_ = std::min<int64_t>(level_milli_, 0);
}

} // namespace hlc::ingest
