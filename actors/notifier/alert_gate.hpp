#pragma once

#include "messages/alert.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace hlc {

/// Decides whether an alert goes out (SPEC OPS-4): repeats of one key within
/// the dedup window are dropped, and at most `per_minute` alerts pass in any
/// minute (critical ones always pass). Pure; times from the caller.
class alert_gate {
public:
  alert_gate(int64_t dedup_window_ms, int per_minute);

  /// True if `a` should be delivered now; counts suppressed ones.
  bool admit(const alert& a, int64_t now_ms);

  uint64_t suppressed() const noexcept { return suppressed_; }

private:
  int64_t dedup_window_ms_;
  int per_minute_;
  std::map<std::string, int64_t> last_by_key_;
  std::deque<int64_t> sent_;
  uint64_t suppressed_ = 0;
};

} // namespace hlc
