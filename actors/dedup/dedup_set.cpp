#include "actors/dedup/dedup_set.hpp"

namespace hlc {

bool dedup_set::insert(const fill_key& key) {
  if (!keys_.insert(key).second) return false;
  by_arrival_.emplace_back(key.time_ms, key);
  return true;
}

size_t dedup_set::prune_before(int64_t cutoff_ms) {
  size_t removed = 0;
  while (!by_arrival_.empty() && by_arrival_.front().first < cutoff_ms) {
    removed += keys_.erase(by_arrival_.front().second);
    by_arrival_.pop_front();
  }
  return removed;
}

} // namespace hlc
