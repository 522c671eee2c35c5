#include "ingest/page_cursor.hpp"

#include <algorithm>

namespace hlc::ingest {

const char* to_string(backfill_end x) noexcept {
  switch (x) {
  case backfill_end::running:
    return "running";
  case backfill_end::covered:
    return "covered";
  case backfill_end::horizon_reached:
    return "horizon_reached";
  case backfill_end::stuck:
    return "stuck";
  }
  return "?";
}

bool page_cursor::full(std::size_t n) {
  if (n > historic_cap) cap_ = current_cap; // only a 2000 cap allows this
  if (cap_ == 0 && n == historic_cap) return true; // 500 cap, or chance
  return cap_ != 0 && n >= cap_;
}

backfill_end page_cursor::on_page(const std::vector<int64_t>& times) {
  if (end_ != backfill_end::running) return end_;
  ++pages_;
  // The boundary millisecond of the previous page comes back: count it once.
  auto at_start = static_cast<uint64_t>(
      std::count(times.begin(), times.end(), start_ms_));
  fills_ += times.size() - std::min(at_start, boundary_fills_);
  if (!times.empty()) {
    auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    boundary_fills_
        = static_cast<uint64_t>(std::count(times.begin(), times.end(), *hi));
    if (oldest_ms_ == 0 || *lo < oldest_ms_) oldest_ms_ = *lo;
    if (full(times.size())) {
      if (*hi <= start_ms_) {
        end_ = backfill_end::stuck;
        return end_;
      }
      // A page of exactly 500 when the cap is still unknown: it is the cap
      // unless the next page proves otherwise (it is then short).
      if (cap_ == 0) cap_ = historic_cap;
      start_ms_ = *hi; // never +1: the rest of this millisecond follows
      return end_;
    }
  }
  // Short page: nothing newer exists. Did we reach back to the cursor?
  bool reached = oldest_ms_ == 0 || oldest_ms_ <= cursor_ms_;
  end_ = (!reached && fills_ >= horizon_) ? backfill_end::horizon_reached
                                          : backfill_end::covered;
  return end_;
}

} // namespace hlc::ingest
