#include "support/circuit_breaker.hpp"

#include <algorithm>

namespace hlc {

circuit_breaker::circuit_breaker(int failure_threshold, int64_t open_ms)
    : threshold_(std::max(failure_threshold, 1)), open_ms_(open_ms) {}

bool circuit_breaker::allow(int64_t now_ms) noexcept {
  switch (current(now_ms)) {
  case state::closed:
    return true;
  case state::open:
    return false;
  case state::half_open:
    if (probing_) return false;
    probing_ = true;
    return true;
  }
  return false;
}

void circuit_breaker::on_success() noexcept {
  failures_ = 0;
  open_ = false;
  probing_ = false;
}

void circuit_breaker::on_failure(int64_t now_ms) noexcept {
  ++failures_;
  if (probing_ || failures_ >= threshold_) {
    open_ = true;
    probing_ = false;
    open_until_ = now_ms + open_ms_;
  }
}

circuit_breaker::state circuit_breaker::current(int64_t now_ms) const noexcept {
  if (!open_) return state::closed;
  return now_ms < open_until_ ? state::open : state::half_open;
}

std::string_view to_string(circuit_breaker::state x) noexcept {
  switch (x) {
  case circuit_breaker::state::closed:
    return "closed";
  case circuit_breaker::state::open:
    return "open";
  case circuit_breaker::state::half_open:
    return "half_open";
  }
  return "closed";
}

} // namespace hlc
