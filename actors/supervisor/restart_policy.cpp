#include "actors/supervisor/restart_policy.hpp"

namespace hlc {

restart_policy::restart_policy(int max_restarts, int64_t window_ms,
                               int64_t backoff_initial_ms,
                               int64_t backoff_max_ms)
    : max_restarts_(max_restarts), window_ms_(window_ms),
      backoff_initial_ms_(backoff_initial_ms), backoff_max_ms_(backoff_max_ms) {
  // nop
}

int restart_policy::recent(int64_t now_ms) {
  while (!failures_.empty() && failures_.front() <= now_ms - window_ms_)
    failures_.pop_front();
  return static_cast<int>(failures_.size());
}

restart_policy::decision restart_policy::on_failure(int64_t now_ms) {
  failures_.push_back(now_ms);
  auto n = recent(now_ms);
  decision d;
  if (n > max_restarts_) {
    d.escalate = true;
    return d;
  }
  // backoff doubles with each failure in the window: 1x, 2x, 4x ...
  auto delay = backoff_initial_ms_;
  for (int i = 1; i < n && delay < backoff_max_ms_; ++i)
    delay *= 2;
  d.delay_ms = delay < backoff_max_ms_ ? delay : backoff_max_ms_;
  return d;
}

} // namespace hlc
