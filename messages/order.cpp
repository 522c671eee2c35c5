#include "messages/order.hpp"

namespace hlc {

std::string_view to_string(order_type x) noexcept {
  return x == order_type::limit ? "LIMIT" : "MARKET";
}

std::string_view to_string(time_in_force x) noexcept {
  return x == time_in_force::gtc ? "GTC" : "IOC";
}

std::string_view to_string(order_event_kind x) noexcept {
  switch (x) {
  case order_event_kind::accepted:
    return "accepted";
  case order_event_kind::trade:
    return "trade";
  case order_event_kind::canceled:
    return "canceled";
  case order_event_kind::expired:
    return "expired";
  case order_event_kind::rejected:
    return "rejected";
  case order_event_kind::outcome_unknown:
    return "outcome_unknown";
  case order_event_kind::not_found:
    return "not_found";
  case order_event_kind::not_placed:
    return "not_placed";
  case order_event_kind::cancel_rejected:
    return "cancel_rejected";
  }
  return "?";
}

} // namespace hlc
