#pragma once

// Named crash points: test options that kill the process with SIGKILL at one
// exact instant of the order path, to prove restart recovery (EXE-6). No CAF:
// the hook sites (EXECUTOR, WRITER) ask `pass` and crash when it says so.
// See docs/operations.md (test options) and docs/architecture.md §7.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hlc::crash_points {

enum class point : uint8_t {
  intent_committed,   ///< an intent's commit, before its send
  order_sent,         ///< the venue answered; the answer not yet recorded
  answer_recorded,    ///< a group with order progress became durable
  decision_persisted, ///< a fill's decision group became durable
};

inline constexpr std::array<point, 4> all_points{
    point::intent_committed, point::order_sent, point::answer_recorded,
    point::decision_persisted};

std::string_view to_string(point p) noexcept;
std::optional<point> parse_point(std::string_view text) noexcept;

/// `POINT:N` with N >= 1, e.g. `answer_recorded:7`.
struct crash_spec {
  point at = point::intent_committed;
  uint64_t n = 0;
};

/// Parses `POINT:N`; on failure returns nullopt and says why in `error`.
std::optional<crash_spec> parse_spec(std::string_view text, std::string& error);

/// Kill at the Nth pass of `spec.at` (one point armed at a time).
void arm(crash_spec spec);

/// Count passes (for `--count-crash-points`) without killing.
void enable_counting();

/// True when a point is armed or passes are counted: the WRITER then commits
/// each write group in its own transaction, so every group boundary is a
/// reachable crash point and counts do not depend on timing.
bool active() noexcept;

/// Counts one pass of `p`; true when this is the armed pass (the caller
/// crashes, after anything the point promises is done, with `crash_now`).
bool pass(point p) noexcept;

/// SIGKILL: no destructor, no flush, no exit handler runs.
[[noreturn]] void crash_now();

/// Passes of `p` so far.
uint64_t count(point p) noexcept;

/// `{"crash_points":{"intent_committed":N,...}}` (one line, no newline).
std::string counts_json();

/// Disarms and zeroes every counter (tests).
void reset() noexcept;

} // namespace hlc::crash_points
