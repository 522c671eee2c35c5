#include "actors/notifier/alert_gate.hpp"

namespace hlc {

alert_gate::alert_gate(int64_t dedup_window_ms, int per_minute)
    : dedup_window_ms_(dedup_window_ms), per_minute_(per_minute) {
  // nop
}

bool alert_gate::admit(const alert& a, int64_t now_ms) {
  if (auto i = last_by_key_.find(a.key);
      i != last_by_key_.end() && now_ms - i->second < dedup_window_ms_
      && a.level != severity::critical) {
    ++suppressed_;
    return false;
  }
  while (!sent_.empty() && sent_.front() <= now_ms - 60000)
    sent_.pop_front();
  if (a.level != severity::critical
      && static_cast<int>(sent_.size()) >= per_minute_) {
    ++suppressed_;
    return false;
  }
  last_by_key_[a.key] = now_ms;
  sent_.push_back(now_ms);
  return true;
}

} // namespace hlc
