#pragma once

#include <atomic>
#include <cstdint>

namespace hlc {

/// Wall/exchange time (ARCHITECTURE decision 6). Actor timers use the actor
/// clock; everything that compares with venue times asks this interface.
class wall_clock {
public:
  virtual ~wall_clock() = default;
  virtual int64_t now_ms() const = 0;
  int64_t now_us() const { return now_us_impl(); }

protected:
  virtual int64_t now_us_impl() const { return now_ms() * 1000; }
};

/// The real clock: the only place that reads std::chrono::system_clock.
class system_wall_clock final : public wall_clock {
public:
  int64_t now_ms() const override;

protected:
  int64_t now_us_impl() const override;
};

/// A clock set by its owner: tests, and replay (where "now" is the time of
/// the leader fill being replayed, so recorded fills are not "old").
class manual_wall_clock final : public wall_clock {
public:
  explicit manual_wall_clock(int64_t start_ms = 0) : now_(start_ms) {
    // nop
  }
  int64_t now_ms() const override {
    return now_.load(std::memory_order_acquire);
  }
  void set(int64_t ms) { now_.store(ms, std::memory_order_release); }
  /// Moves forward only; replayed fills may repeat a millisecond.
  void advance_to(int64_t ms) {
    auto cur = now_.load(std::memory_order_acquire);
    while (ms > cur && !now_.compare_exchange_weak(cur, ms)) {
      // retry
    }
  }

private:
  std::atomic<int64_t> now_;
};

} // namespace hlc
