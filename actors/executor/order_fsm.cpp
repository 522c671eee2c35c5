#include "actors/executor/order_fsm.hpp"

#include <array>

namespace hlc {

namespace {

using S = order_state;
using E = order_event;

// The whole order lifecycle (SPEC EXE-3). Anything not listed is invalid.
// Rows marked "late" absorb duplicated or reordered venue events; rows marked
// "real world" follow NautilusTrader's table (a fill may arrive after the
// cancel or expiry that ended the order).
constexpr std::array<order_fsm_row, 49> table{{
    // PENDING: intent persisted, request sent or about to be.
    {S::pending, E::accepted, S::submitted},
    {S::pending, E::partial_fill, S::partially_filled}, // stream beat REST
    {S::pending, E::full_fill, S::filled},
    {S::pending, E::canceled, S::canceled},
    {S::pending, E::expired, S::expired},
    {S::pending, E::rejected, S::rejected},
    {S::pending, E::outcome_unknown, S::unknown},
    {S::pending, E::not_found, S::rejected}, // never reached the venue
    {S::pending, E::not_placed, S::pending}, // 429/-1008/...: resend same id
    // SUBMITTED: working at the venue.
    {S::submitted, E::accepted, S::submitted}, // late
    {S::submitted, E::partial_fill, S::partially_filled},
    {S::submitted, E::full_fill, S::filled},
    {S::submitted, E::canceled, S::canceled},
    {S::submitted, E::expired, S::expired},
    {S::submitted, E::outcome_unknown, S::submitted}, // e.g. cancel timed out
    {S::submitted, E::cancel_rejected, S::submitted}, // it works on
    // PARTIALLY_FILLED
    {S::partially_filled, E::accepted, S::partially_filled}, // late
    {S::partially_filled, E::partial_fill, S::partially_filled},
    {S::partially_filled, E::full_fill, S::filled},
    {S::partially_filled, E::canceled, S::canceled},
    {S::partially_filled, E::expired, S::expired},
    {S::partially_filled, E::outcome_unknown, S::partially_filled},
    {S::partially_filled, E::cancel_rejected, S::partially_filled},
    // UNKNOWN: sent, outcome not proven; resolved by query or stream.
    {S::unknown, E::accepted, S::submitted},
    {S::unknown, E::partial_fill, S::partially_filled},
    {S::unknown, E::full_fill, S::filled},
    {S::unknown, E::canceled, S::canceled},
    {S::unknown, E::expired, S::expired},
    {S::unknown, E::rejected, S::rejected},
    {S::unknown, E::outcome_unknown, S::unknown},
    {S::unknown, E::not_found, S::rejected},      // -2013 after recvWindow
    {S::unknown, E::cancel_rejected, S::unknown}, // still to be queried
    // FILLED: terminal; late events absorbed.
    {S::filled, E::accepted, S::filled},
    {S::filled, E::partial_fill, S::filled},
    {S::filled, E::full_fill, S::filled},
    {S::filled, E::outcome_unknown, S::filled},
    {S::filled, E::cancel_rejected, S::filled}, // it filled first
    // CANCELED: terminal; a fill reported late still counts (real world).
    {S::canceled, E::accepted, S::canceled},
    {S::canceled, E::partial_fill, S::canceled},
    {S::canceled, E::full_fill, S::filled},
    {S::canceled, E::canceled, S::canceled},
    {S::canceled, E::cancel_rejected, S::canceled}, // a second cancel
    // EXPIRED: same as canceled (IOC remainder; fills precede the expiry).
    {S::expired, E::accepted, S::expired},
    {S::expired, E::partial_fill, S::expired},
    {S::expired, E::full_fill, S::filled},
    {S::expired, E::expired, S::expired},
    {S::expired, E::cancel_rejected, S::expired},
    // REJECTED: terminal; only a duplicate rejection is absorbed.
    {S::rejected, E::rejected, S::rejected},
    {S::rejected, E::not_found, S::rejected},
}};

} // namespace

std::string_view to_string(order_event x) noexcept {
  switch (x) {
  case E::accepted:
    return "accepted";
  case E::partial_fill:
    return "partial_fill";
  case E::full_fill:
    return "full_fill";
  case E::canceled:
    return "canceled";
  case E::expired:
    return "expired";
  case E::rejected:
    return "rejected";
  case E::outcome_unknown:
    return "outcome_unknown";
  case E::not_found:
    return "not_found";
  case E::not_placed:
    return "not_placed";
  case E::cancel_rejected:
    return "cancel_rejected";
  }
  return "?";
}

std::optional<order_state> next_state(order_state from,
                                      order_event event) noexcept {
  for (auto& row : table)
    if (row.from == from && row.event == event) return row.to;
  return std::nullopt;
}

order_event to_order_event(const order_update& update, decimal order_qty) {
  switch (update.kind) {
  case order_event_kind::accepted:
    return E::accepted;
  case order_event_kind::trade:
    return update.cum_qty >= order_qty ? E::full_fill : E::partial_fill;
  case order_event_kind::canceled:
    return update.cum_qty >= order_qty && order_qty.is_positive() ? E::full_fill
                                                                  : E::canceled;
  case order_event_kind::expired:
    return update.cum_qty >= order_qty && order_qty.is_positive() ? E::full_fill
                                                                  : E::expired;
  case order_event_kind::rejected:
    return E::rejected;
  case order_event_kind::outcome_unknown:
    return E::outcome_unknown;
  case order_event_kind::not_found:
    return E::not_found;
  case order_event_kind::not_placed:
    return E::not_placed;
  case order_event_kind::cancel_rejected:
    return E::cancel_rejected;
  }
  return E::outcome_unknown;
}

size_t order_fsm_row_count() noexcept {
  return table.size();
}

order_fsm_row order_fsm_row_at(size_t i) noexcept {
  return table[i];
}

} // namespace hlc
