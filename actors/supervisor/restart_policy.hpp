#pragma once

#include <cstdint>
#include <deque>

namespace hlc {

/// Decides what to do when a supervised actor dies (SAF-1): restart after a
/// capped exponential backoff, or escalate when more than `max_restarts`
/// happened within `window_ms`. Pure; times come from the caller.
class restart_policy {
public:
  struct decision {
    bool escalate = false;
    int64_t delay_ms = 0; ///< wait before restarting
  };

  restart_policy(int max_restarts, int64_t window_ms,
                 int64_t backoff_initial_ms, int64_t backoff_max_ms);

  /// Records a failure at `now_ms` and says what to do.
  decision on_failure(int64_t now_ms);

  /// Restarts still counted in the window ending at `now_ms`.
  int recent(int64_t now_ms);

private:
  int max_restarts_;
  int64_t window_ms_;
  int64_t backoff_initial_ms_;
  int64_t backoff_max_ms_;
  std::deque<int64_t> failures_;
};

} // namespace hlc
