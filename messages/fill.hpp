#pragma once

#include "messages/decimal.hpp"
#include "messages/reasons.hpp"
#include "messages/side.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// Identity of one leader fill (SPEC ING-6). Never the tx hash alone: one
/// hash spans many fills and even different orders; `tid` may be 0 or shared.
/// `start_position` and `sz` are part of the key because fills recorded
/// before `tid` existed (2023) repeat (coin, oid, time) for the partial fills
/// of one order in one block, and even the start position repeats within a
/// block (docs/adr/0011-fill-key-for-fills-without-tid.md).
struct fill_key {
  std::string leader; ///< lower-case 0x address
  std::string coin;
  uint64_t oid = 0;
  uint64_t tid = 0;
  int64_t time_ms = 0;
  decimal start_position; ///< leader position before the fill
  decimal sz;             ///< fill size

  friend bool operator==(const fill_key& a, const fill_key& b) noexcept {
    return a.time_ms == b.time_ms && a.oid == b.oid && a.tid == b.tid
           && a.start_position == b.start_position && a.sz == b.sz
           && a.coin == b.coin && a.leader == b.leader;
  }
  friend bool operator!=(const fill_key& a, const fill_key& b) noexcept {
    return !(a == b);
  }
};

/// Compact text form used as correlation id in logs: "coin:oid:tid:time".
std::string to_string(const fill_key& x);

/// One leader fill, parsed from Hyperliquid's wire format into domain terms.
struct leader_fill {
  fill_key key;
  decimal px;                 ///< fill price
  decimal sz;                 ///< fill size, always positive
  hlc::side side = side::buy; ///< the leader's own side
  decimal start_position;     ///< signed leader position before the fill
  std::string dir;            ///< informational label ("Open Long", ...)
  decimal closed_pnl;
  decimal fee;
  std::string fee_token;
  std::string hash;
  bool crossed = false;
  bool liquidation = false; ///< leader was liquidated in this fill
  fill_source source = fill_source::replay;
  int64_t received_us = 0; ///< local receive time (wall clock, µs)

  /// Signed leader position after this fill.
  decimal end_position() const {
    return side == side::buy ? start_position + sz : start_position - sz;
  }
};

/// Coarse classification of a Hyperliquid coin name (SPEC ING-9).
enum class coin_kind : uint8_t { perp, spot, hip3 };

/// "@107" and "PURR/USDC" are spot, "xyz:XYZ100" is HIP-3, the rest perps.
coin_kind classify_coin(const std::string& coin) noexcept;

} // namespace hlc

template <>
struct std::hash<hlc::fill_key> {
  size_t operator()(const hlc::fill_key& k) const noexcept {
    size_t h = std::hash<std::string>{}(k.leader);
    auto mix = [&h](size_t x) {
      h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    };
    mix(std::hash<std::string>{}(k.coin));
    mix(std::hash<uint64_t>{}(k.oid));
    mix(std::hash<uint64_t>{}(k.tid));
    mix(std::hash<int64_t>{}(k.time_ms));
    mix(std::hash<hlc::decimal>{}(k.start_position));
    mix(std::hash<hlc::decimal>{}(k.sz));
    return h;
  }
};
