#pragma once

// A circuit breaker for a remote endpoint (SPEC EXE-2, OPS-4): after
// `failure_threshold` consecutive transport or 5xx failures it opens and
// refuses requests for `open_ms`; then it lets exactly one probe through
// (half-open): success closes it, failure opens it again. Pure logic; the
// caller passes the clock.

#include <cstdint>
#include <string_view>

namespace hlc {

class circuit_breaker {
public:
  enum class state { closed, open, half_open };

  circuit_breaker(int failure_threshold = 5, int64_t open_ms = 30'000);

  /// Whether a request may go now. In half-open state only the first
  /// caller gets true (the probe) until its outcome is reported.
  bool allow(int64_t now_ms) noexcept;

  void on_success() noexcept;
  void on_failure(int64_t now_ms) noexcept;

  state current(int64_t now_ms) const noexcept;
  int consecutive_failures() const noexcept { return failures_; }
  /// When an open breaker lets a probe through.
  int64_t retry_at_ms() const noexcept { return open_until_; }

private:
  int threshold_;
  int64_t open_ms_;
  int failures_ = 0;
  bool open_ = false;
  bool probing_ = false;
  int64_t open_until_ = 0;
};

std::string_view to_string(circuit_breaker::state x) noexcept;

} // namespace hlc
