#pragma once

#include "messages/decimal.hpp"
#include "messages/reasons.hpp"
#include "messages/side.hpp"

#include <cstdint>
#include <string>

namespace hlc {

enum class order_type : uint8_t { limit, market };

enum class time_in_force : uint8_t { gtc, ioc };

std::string_view to_string(order_type x) noexcept;
std::string_view to_string(time_in_force x) noexcept;

/// An order the executor intends to place; persisted before it is sent.
struct order_intent {
  std::string client_id; ///< deterministic, <= 36 chars (SPEC EXE-4)
  std::string symbol;
  hlc::side side = side::buy;
  order_type type = order_type::market;
  time_in_force tif = time_in_force::gtc;
  decimal qty;
  decimal price; ///< zero for market orders
  bool reduce_only = false;
  std::string correlation; ///< leader fill key that caused it
  int64_t created_ms = 0;  ///< wall time when the intent was made
};

/// What a venue answer or event says about an order: the venue contract's
/// outcome kinds (ADR 0025). The FSM maps `kind` to an event.
enum class order_event_kind : uint8_t {
  accepted,        ///< NEW
  trade,           ///< a (partial) fill; see last_qty / cum_qty
  canceled,        ///< CANCELED
  expired,         ///< EXPIRED / EXPIRED_IN_MATCH
  rejected,        ///< definitive venue rejection
  outcome_unknown, ///< timeout, reset, 5xx, -1006, -1007
  not_found,       ///< query answered -2013
  not_placed,      ///< refused before placing, retryable (429, -1003, -1008,
                   ///< -1015, clock skew): resend the same intent, same id,
                   ///< not before `retry_after_ms`
  cancel_rejected, ///< a cancel the venue refused (-2011); order unchanged
};

/// The last kind, for loops over every kind.
constexpr order_event_kind last_order_event_kind
    = order_event_kind::cancel_rejected;

std::string_view to_string(order_event_kind x) noexcept;

/// An event about one order, from a REST reply, the user stream or the
/// paper exchange. Events may arrive late, duplicated or out of order.
struct order_update {
  std::string client_id;
  std::string symbol;
  order_event_kind kind = order_event_kind::accepted;
  uint64_t exchange_order_id = 0; ///< > 2^53 on Binance, never a double
  uint64_t trade_id = 0;
  hlc::side side = side::buy;
  decimal last_qty;
  decimal last_px;
  decimal cum_qty;
  decimal avg_px;
  int error_code = 0; ///< venue error code for rejected/unknown
  std::string error_text;
  int64_t event_time_ms = 0;  ///< venue time
  int64_t retry_after_ms = 0; ///< not_placed: the venue's wait, if it said
};

} // namespace hlc
