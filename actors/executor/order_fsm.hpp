#pragma once

#include "messages/order.hpp"
#include "messages/reasons.hpp"

#include <optional>
#include <string_view>

namespace hlc {

/// Events of the order FSM, derived from venue events and our own actions.
enum class order_event : uint8_t {
  accepted,        ///< venue says NEW
  partial_fill,    ///< a fill leaving quantity open
  full_fill,       ///< cumulative fill reached the order quantity
  canceled,        ///< venue says CANCELED
  expired,         ///< venue says EXPIRED / EXPIRED_IN_MATCH
  rejected,        ///< definitive venue rejection
  outcome_unknown, ///< timeout, reset after send, 5xx, -1006, -1007
  not_found,       ///< query answered "order does not exist" (-2013)
  not_placed,      ///< refused before placing, retryable: resend same id
  cancel_rejected, ///< a cancel was refused (-2011): the order is unchanged
};

std::string_view to_string(order_event x) noexcept;

/// The next state for `(from, event)` from the one transition table, or
/// nullopt for an invalid transition (the caller keeps the state, logs and
/// alerts). Late and duplicate events map to the same state (absorbed).
std::optional<order_state> next_state(order_state from,
                                      order_event event) noexcept;

/// Maps a venue update to an FSM event; `order_qty` decides full vs partial.
order_event to_order_event(const order_update& update, decimal order_qty);

/// Number of rows in the transition table (for the exhaustive test).
size_t order_fsm_row_count() noexcept;

/// Row i of the transition table as (from, event, to).
struct order_fsm_row {
  order_state from;
  order_event event;
  order_state to;
};
order_fsm_row order_fsm_row_at(size_t i) noexcept;

} // namespace hlc
