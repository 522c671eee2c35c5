#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace hlc::bench {

/// What the generated recording looks like.
struct recording_options {
  size_t fills = 160'000;
  uint64_t seed = 7;
  /// userFills answers newest first (execution order within a millisecond);
  /// false writes oldest first, as userFillsByTime pages merged forward do.
  bool newest_first = true;
  /// `{"request":{"type":"userFills","user":…},"response":[…]}`; false
  /// writes a plain array (the leader then comes from the config).
  bool wrapped = true;
  std::string leader; ///< lower-case 0x address written as request.user
};

/// What the generator wrote.
struct recording_stats {
  size_t fills = 0;
  size_t orders = 0;    ///< leader orders (each split into 1..6 fills)
  size_t shared_ms = 0; ///< fills sharing their millisecond with another
  size_t flips = 0;     ///< orders that crossed zero
  size_t bytes = 0;     ///< file size
  int64_t first_ms = 0;
  int64_t last_ms = 0;
};

/// Writes a deterministic userFills recording of `fills` fills over the 12
/// most liquid coins of the bundled exchange info (BTC, ETH, SOL, …, every
/// one mapped): the leader opens, adds, reduces partially, closes and flips;
/// sizes span 50 to 40 000 USD; an order becomes 1 to 6 fills with chained
/// startPosition in one millisecond, and now and then several orders share a
/// millisecond. Prices are integer ticks, sizes integer lots: no double ever
/// touches a number that ends up in the file. Memory stays bounded (fills go
/// through a temporary binary file next to `path` to reverse them).
recording_stats write_recording(const std::string& path,
                                const recording_options& opts);

} // namespace hlc::bench
