#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hlc::ingest {

/// How a `userFillsByTime` backfill ended (SPEC ING-5, ING-7).
enum class backfill_end : uint8_t {
  running,
  covered,         ///< every fill from the cursor to now was fetched
  horizon_reached, ///< only the newest 10 000 fills exist: some are lost
  stuck,           ///< a full page inside one millisecond: cannot advance
};

const char* to_string(backfill_end x) noexcept;

/// The paging rules of one backfill from `cursor_ms` (protocol_facts §A.2):
/// `startTime` is inclusive and the next page starts at the **last returned
/// time, never +1 ms** (several fills share a millisecond; the overlap comes
/// back and is dropped by the dedup gate). A page is full when it holds as
/// many fills as the server's cap, which is 2000 today and was 500 in 2023:
/// the cap is learnt from the answers (a page larger than 500 proves 2000).
/// Only the newest `horizon` fills of a user can be fetched: when the fills
/// fetched reach it and the oldest of them is newer than the cursor, the
/// gap cannot be covered.
class page_cursor {
public:
  explicit page_cursor(int64_t cursor_ms, uint32_t horizon = 10'000)
      : start_ms_(cursor_ms), cursor_ms_(cursor_ms), horizon_(horizon) {}

  /// `startTime` of the next request.
  int64_t next_start_ms() const noexcept { return start_ms_; }

  /// Takes one answer's fill times (in answer order, ascending) and decides
  /// whether another page is needed.
  backfill_end on_page(const std::vector<int64_t>& times);

  backfill_end end() const noexcept { return end_; }
  /// 0 while unknown, 500 or 2000 once an answer proved it.
  uint32_t detected_cap() const noexcept { return cap_; }
  uint32_t pages() const noexcept { return pages_; }
  /// Distinct fills fetched (the boundary overlap counted once).
  uint64_t fills_seen() const noexcept { return fills_; }
  /// Time of the oldest fill fetched (0 before the first fill).
  int64_t oldest_ms() const noexcept { return oldest_ms_; }

  static constexpr uint32_t historic_cap = 500;
  static constexpr uint32_t current_cap = 2000;

private:
  bool full(std::size_t n);

  int64_t start_ms_;
  int64_t cursor_ms_;
  uint32_t horizon_;
  uint32_t cap_ = 0;
  uint32_t pages_ = 0;
  uint64_t fills_ = 0;          ///< distinct fills fetched
  uint64_t boundary_fills_ = 0; ///< fills at the last page's newest ms
  int64_t oldest_ms_ = 0;
  backfill_end end_ = backfill_end::running;
};

} // namespace hlc::ingest
