#pragma once

// Binance's clock as seen from ours (SPEC EXE-1, protocol_facts §B.3): a
// signed request's `timestamp` must fall within `recvWindow` of the
// server's time, so the gateway stamps requests with local time + offset.
// The offset is the median of the last few samples of `GET /fapi/v1/time`
// (each taken at the midpoint of its round trip), resynced on a period and
// at once after a -1021. Pure logic: the caller passes the clock.

#include <cstddef>
#include <cstdint>
#include <deque>

namespace hlc::binance {

class server_clock {
public:
  explicit server_clock(size_t samples = 5,
                        int64_t resync_interval_ms = 10 * 60'000);

  /// One `/fapi/v1/time` answer: local time when sent, the server's time,
  /// local time when received. A sample whose round trip is negative is
  /// ignored (a local clock step).
  void add_sample(int64_t sent_local_ms, int64_t server_ms,
                  int64_t received_local_ms);

  bool synced() const noexcept { return !offsets_.empty() && !stale_; }

  /// server − local, in ms (median of the kept samples; 0 before any).
  int64_t offset_ms() const;

  int64_t to_server(int64_t local_ms) const { return local_ms + offset_ms(); }

  /// Whether to take new samples: none yet, the last sync is older than
  /// the period, or a -1021 marked the offset stale.
  bool needs_resync(int64_t local_now_ms) const noexcept;

  /// A -1021 / -5028 answer: the offset is wrong; drop it and resync.
  void invalidate() noexcept;

  size_t sample_count() const noexcept { return offsets_.size(); }

private:
  size_t capacity_;
  int64_t resync_interval_ms_;
  std::deque<int64_t> offsets_;
  int64_t last_sample_local_ms_ = 0;
  bool stale_ = false;
};

} // namespace hlc::binance
