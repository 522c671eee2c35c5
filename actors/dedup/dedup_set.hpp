#pragma once

#include "messages/fill.hpp"

#include <cstdint>
#include <deque>
#include <unordered_set>
#include <utility>

namespace hlc {

/// The in-memory side of the dedup gate (SPEC ING-6): remembers fill keys for
/// a TTL. The durable side is the `processed_fills` table; this set is warmed
/// from it at start.
class dedup_set {
public:
  /// Adds `key`; false when it was already present (a duplicate).
  bool insert(const fill_key& key);

  /// Forgets `key` (its processing failed; a retry must get through).
  void erase(const fill_key& key) { keys_.erase(key); }

  bool contains(const fill_key& key) const { return keys_.count(key) != 0; }

  /// Forgets keys whose fill time is older than `cutoff_ms`. Fills arrive
  /// roughly in time order; a late old key is kept until one behind it ages.
  size_t prune_before(int64_t cutoff_ms);

  size_t size() const noexcept { return keys_.size(); }

private:
  std::unordered_set<fill_key> keys_;
  std::deque<std::pair<int64_t, fill_key>> by_arrival_;
};

} // namespace hlc
