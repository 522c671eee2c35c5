#pragma once

#include "adapters/binance/user_stream.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace hlc::binance {

/// The identity of a user-stream event for absorbing the copies a second
/// connection of the same listenKey receives (ADR 0036): order events by
/// (symbol, order id, execution type or TRADE_LITE, trade id, cum qty),
/// ACCOUNT_UPDATE by (event time, transaction time, reason). Other events
/// have none (always delivered).
std::optional<std::string> overlap_key(const user_stream_event& event);

/// Absorbs the events a connection receives that another connection of the
/// same key already delivered, while two are open (proactive rotation with
/// overlap). Counted per connection, so an event the venue itself pushed
/// twice on one connection is still delivered twice (duplicates as sent are
/// the executor's to absorb, by trade id). Bounded: the oldest keys are
/// forgotten beyond `capacity`. Plain logic; not thread-safe.
class stream_overlap {
public:
  explicit stream_overlap(size_t capacity = 4096) : capacity_(capacity) {
    // nop
  }

  /// True if the event `key` seen on `connection` is to be delivered.
  bool admit(uint64_t connection, const std::string& key);
  /// Forgets everything (a reconnect after a loss: no overlap to absorb).
  void clear();
  size_t size() const noexcept { return counts_.size(); }

private:
  struct counts {
    uint32_t delivered = 0;
    std::map<uint64_t, uint32_t> seen; ///< per connection
  };

  size_t capacity_;
  std::unordered_map<std::string, counts> counts_;
  std::deque<std::string> order_; ///< insertion order, for eviction
};

} // namespace hlc::binance
