#include "adapters/binance/server_clock.hpp"

#include <algorithm>
#include <vector>

namespace hlc::binance {

server_clock::server_clock(size_t samples, int64_t resync_interval_ms)
    : capacity_(std::max<size_t>(samples, 1)),
      resync_interval_ms_(resync_interval_ms) {}

void server_clock::add_sample(int64_t sent_local_ms, int64_t server_ms,
                              int64_t received_local_ms) {
  if (received_local_ms < sent_local_ms) return;
  if (stale_) {
    offsets_.clear(); // samples from before the -1021 are suspect
    stale_ = false;
  }
  auto midpoint = sent_local_ms + (received_local_ms - sent_local_ms) / 2;
  offsets_.push_back(server_ms - midpoint);
  while (offsets_.size() > capacity_)
    offsets_.pop_front();
  last_sample_local_ms_ = received_local_ms;
}

int64_t server_clock::offset_ms() const {
  if (offsets_.empty()) return 0;
  std::vector<int64_t> sorted{offsets_.begin(), offsets_.end()};
  std::sort(sorted.begin(), sorted.end());
  auto n = sorted.size();
  // Lower median of an even count: never a value no sample had.
  return sorted[(n - 1) / 2];
}

bool server_clock::needs_resync(int64_t local_now_ms) const noexcept {
  return offsets_.size() < capacity_ || stale_
         || local_now_ms - last_sample_local_ms_ >= resync_interval_ms_;
}

void server_clock::invalidate() noexcept {
  stale_ = true;
}

} // namespace hlc::binance
