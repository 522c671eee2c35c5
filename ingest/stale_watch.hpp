#pragma once

#include <cstdint>

namespace hlc::ingest {

/// Where leader fills come from right now (SPEC ING-4; reported in metrics
/// and recorded per fill as `fill_source`).
enum class feed_mode : uint8_t { stream, polling };

const char* to_string(feed_mode x) noexcept;

/// Staleness of the stream (SPEC ING-4). Any frame counts as life, pongs
/// included: we ping well inside `stale_ms`, so a healthy connection is never
/// silent that long even when the leader does not trade. Silent longer than
/// `stale_ms` → polling; the next frame hands back to the stream (the caller
/// then backfills once from the cursor, so nothing between the last poll and
/// the first streamed fill is lost). A stream that is down counts as silent
/// too: a reconnect that takes longer than `stale_ms` (backoff, connection
/// limit) is covered by polling meanwhile.
class stale_watch {
public:
  explicit stale_watch(int64_t stale_ms = 30'000) : stale_ms_(stale_ms) {}

  /// Starts watching at `now_ms` (the first connect attempt).
  void start(int64_t now_ms);
  /// A frame arrived. Returns true when this hands back from polling.
  bool on_frame(int64_t now_ms);
  /// Returns true when this check switched to polling.
  bool check(int64_t now_ms);

  feed_mode mode() const noexcept { return mode_; }
  /// When `check` should run next (the moment silence would become stale).
  int64_t next_check_ms() const noexcept { return last_frame_ms_ + stale_ms_; }
  uint32_t fallbacks() const noexcept { return fallbacks_; }

private:
  int64_t stale_ms_;
  int64_t last_frame_ms_ = 0;
  bool started_ = false;
  feed_mode mode_ = feed_mode::stream;
  uint32_t fallbacks_ = 0;
};

/// When to send `{"method":"ping"}`: the server drops a client that sent
/// nothing for 60 s, so ping after `interval_ms` of client silence.
class ping_schedule {
public:
  explicit ping_schedule(int64_t interval_ms = 15'000)
      : interval_ms_(interval_ms) {}
  void on_sent(int64_t now_ms) noexcept { last_sent_ms_ = now_ms; }
  int64_t next_ping_ms() const noexcept { return last_sent_ms_ + interval_ms_; }
  bool due(int64_t now_ms) const noexcept { return now_ms >= next_ping_ms(); }

private:
  int64_t interval_ms_;
  int64_t last_sent_ms_ = 0;
};

} // namespace hlc::ingest
