#pragma once

// The simulators' notion of "now". Every timestamp the simulators put on the
// wire or use for rate limiting comes from a wall_clock, so tests can drive
// time by hand (manual_clock) and the real executables use real_clock, the
// only place in sim/ that reads std::chrono::system_clock.

#include <atomic>
#include <cstdint>

namespace hlc::sim {

/// Source of wall-clock time in microseconds since the Unix epoch.
class wall_clock {
public:
  virtual ~wall_clock() = default;
  /// Microseconds since the Unix epoch.
  virtual int64_t now_us() const = 0;
  /// Milliseconds since the Unix epoch (the unit of exchange timestamps).
  int64_t now_ms() const { return now_us() / 1000; }
};

/// Reads the system clock.
class real_clock final : public wall_clock {
public:
  int64_t now_us() const override;
};

/// A clock that moves only when told to. Thread-safe.
class manual_clock final : public wall_clock {
public:
  explicit manual_clock(int64_t start_us = 1'700'000'000'000'000)
      : now_(start_us) {
    // nop
  }

  int64_t now_us() const override { return now_.load(); }

  void set_us(int64_t t) { now_.store(t); }

  void advance_us(int64_t delta) { now_.fetch_add(delta); }

  void advance_ms(int64_t delta) { now_.fetch_add(delta * 1000); }

private:
  std::atomic<int64_t> now_;
};

} // namespace hlc::sim
