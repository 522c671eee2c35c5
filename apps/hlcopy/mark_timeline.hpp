#pragma once

#include "messages/market.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hlc {

/// Marks over time for `hlcopy replay --marks` (issue 9): a premiumIndex
/// array in which some symbol appears more than once is a timeline. Replay
/// then moves each symbol's mark only when the replay clock reaches one of
/// its entries (with that entry's own time, so freshness and price deviation
/// can be tested in replay) instead of to each leader fill's price. A file
/// with one entry per symbol stays a set of starting marks.
class mark_timeline {
public:
  explicit mark_timeline(std::vector<mark_price> marks);

  bool is_timeline() const noexcept { return timeline_; }

  /// Per symbol its latest entry at or before `first_ms` (the marks known
  /// when the replay starts); marks them emitted.
  std::vector<mark_price> starting(int64_t first_ms);

  /// Entries with time <= `now_ms` not emitted yet, oldest first.
  std::vector<mark_price> due(int64_t now_ms);

private:
  std::vector<mark_price> marks_; ///< sorted by time (stable)
  std::size_t next_ = 0;
  bool timeline_ = false;
};

} // namespace hlc
