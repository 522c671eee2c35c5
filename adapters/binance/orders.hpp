#pragma once

#include "adapters/binance/parse_error.hpp"
#include "adapters/binance/signing.hpp"
#include "messages/order.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace hlc::binance {

// -- requests -----------------------------------------------------------------

/// Parameters for `POST /fapi/v1/order` (one-way mode): symbol, side, type,
/// timeInForce (LIMIT only), quantity, price (LIMIT only) as plain decimal
/// strings, reduceOnly=true only when set, newClientOrderId,
/// newOrderRespType=RESULT. Throws `std::invalid_argument` naming the field
/// for an invalid client id, a non-positive quantity or limit price.
query_params new_order_params(const order_intent& intent);

/// Parameters for `GET` / `DELETE /fapi/v1/order` by our client id.
query_params order_by_client_id_params(std::string_view symbol,
                                       std::string_view client_id);

// -- responses ----------------------------------------------------------------

/// An error answer: HTTP status plus Binance's `{code, msg}` when present.
struct venue_error {
  int http_status = 0;
  int code = 0; ///< 0 when the body carried no code (e.g. plain 503)
  std::string msg;
};

/// Reads an error body. A body that is not `{code, msg}` keeps code 0 and
/// its first 200 characters as `msg`.
venue_error parse_venue_error(int http_status, std::string_view body);

/// What an error means for the order's fate (protocol_facts §B.2, §B.6,
/// §B.7). Client-side timeouts and resets are the caller's (unknown).
enum class error_class {
  definitive_reject,    ///< venue refused; no order exists
  unknown_outcome,      ///< 5xx, 503 "Unknown error", 408, -1006, -1007
  retryable_failure,    ///< 503 "Service Unavailable", -1008: not placed
  rate_limited,         ///< 429 (or -1003 without a ban)
  banned,               ///< 418: IP banned
  not_found,            ///< -2013 on query
  unknown_order_cancel, ///< -2011 on cancel
  duplicate_id,         ///< -4116 clientOrderId is duplicated (open order)
  clock_skew,           ///< -1021 / -5028 timestamp outside recvWindow
};

std::string_view to_string(error_class x) noexcept;

error_class classify(const venue_error& e) noexcept;

/// The venue contract's outcome kind for an error answer (ADR 0025): a
/// definitive refusal is `rejected`; a ban, rate limit, -1008 or clock skew
/// is `not_placed` (retry the same id later); 5xx / -1006 / -1007 and a
/// duplicate id (-4116: an earlier attempt landed) are `outcome_unknown`
/// (query, never resend blindly); -2013 is `not_found`; -2011 on a cancel is
/// `cancel_rejected`. The paper exchange and the Binance gateway both use it.
order_event_kind outcome_of(error_class c) noexcept;

/// The update a venue error means for `client_id` on `symbol`.
order_update update_from_error(const venue_error& e,
                               const std::string& client_id,
                               const std::string& symbol,
                               int64_t retry_after_ms = 0);

/// An order object from `POST` / `GET` / `DELETE /fapi/v1/order`: NEW ->
/// accepted; PARTIALLY_FILLED / FILLED -> trade (cum_qty = executedQty,
/// avg_px = avgPrice); CANCELED -> canceled; EXPIRED / EXPIRED_IN_MATCH ->
/// expired. cum_qty and avg_px are filled in for every kind.
result<order_update> parse_order_response(std::string_view body);

} // namespace hlc::binance
