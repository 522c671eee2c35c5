#include "ingest/backoff.hpp"

#include <algorithm>

namespace hlc::ingest {

int64_t reconnect_backoff::next_delay_ms(double jitter) {
  jitter = std::clamp(jitter, 0.0, 1.0);
  int64_t cap = s_.base_ms;
  for (uint32_t i = 0; i < attempt_ && cap < s_.max_ms; ++i)
    cap *= 2;
  cap = std::min(cap, s_.max_ms);
  if (attempt_ < 63) ++attempt_;
  auto half = cap / 2;
  return half + static_cast<int64_t>(static_cast<double>(cap - half) * jitter);
}

int64_t connection_rate_limit::earliest_connect_ms(int64_t now_ms) const {
  if (in_window(now_ms) < max_) return now_ms;
  // The oldest connect inside the window must leave it first.
  auto oldest_needed = connects_[connects_.size() - max_];
  return std::max(now_ms, oldest_needed + window_ms_);
}

void connection_rate_limit::on_connect(int64_t now_ms) {
  connects_.push_back(now_ms);
  while (connects_.size() > max_ + 1u
         && connects_.front() + window_ms_ <= now_ms)
    connects_.pop_front();
}

size_t connection_rate_limit::in_window(int64_t now_ms) const {
  return static_cast<size_t>(
      std::count_if(connects_.begin(), connects_.end(),
                    [&](int64_t t) { return t + window_ms_ > now_ms; }));
}

int64_t next_connect_at_ms(int64_t now_ms, reconnect_backoff& backoff,
                           const connection_rate_limit& limit, double jitter) {
  auto after_backoff = now_ms + backoff.next_delay_ms(jitter);
  return limit.earliest_connect_ms(after_backoff);
}

} // namespace hlc::ingest
