#include "adapters/binance/orders.hpp"

#include "adapters/binance/client_order_id.hpp"
#include "adapters/binance/json_read.hpp"
#include "json_input/bounded_parse.hpp"

#include <stdexcept>

namespace hlc::binance {

namespace {

using detail::field_failure;
using detail::object_reader;

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

order_update read_order(const rapidjson::Value& doc) {
  object_reader r{doc, ""};
  order_update result;
  result.symbol = r.str("symbol");
  result.client_id = r.str("clientOrderId");
  result.exchange_order_id = r.u64("orderId");
  auto side = r.str("side");
  if (side == "BUY")
    result.side = side::buy;
  else if (side == "SELL")
    result.side = side::sell;
  else
    r.fail("side", "expected BUY or SELL, got \"" + side + '"');
  result.cum_qty = r.dec("executedQty");
  result.avg_px = r.opt_dec("avgPrice").value_or(decimal{});
  result.event_time_ms = r.opt_i64("updateTime").value_or(0);
  auto status = r.str("status");
  if (status == "NEW")
    result.kind = order_event_kind::accepted;
  else if (status == "PARTIALLY_FILLED" || status == "FILLED")
    result.kind = order_event_kind::trade;
  else if (status == "CANCELED")
    result.kind = order_event_kind::canceled;
  else if (status == "EXPIRED" || status == "EXPIRED_IN_MATCH")
    result.kind = order_event_kind::expired;
  else
    r.fail("status", "unknown order status \"" + status + '"');
  return result;
}

} // namespace

query_params new_order_params(const order_intent& intent) {
  if (!is_valid_client_order_id(intent.client_id))
    throw std::invalid_argument("order_intent.client_id: not a valid Binance "
                                "client order id: \""
                                + intent.client_id + '"');
  if (intent.symbol.empty())
    throw std::invalid_argument("order_intent.symbol: empty");
  if (!intent.qty.is_positive())
    throw std::invalid_argument("order_intent.qty: must be positive, got "
                                + intent.qty.to_string());
  query_params result;
  result.emplace_back("symbol", intent.symbol);
  result.emplace_back("side", std::string{to_string(intent.side)});
  if (intent.type == order_type::limit) {
    if (!intent.price.is_positive())
      throw std::invalid_argument("order_intent.price: must be positive for "
                                  "a LIMIT order, got "
                                  + intent.price.to_string());
    result.emplace_back("type", "LIMIT");
    result.emplace_back("timeInForce",
                        intent.tif == time_in_force::ioc ? "IOC" : "GTC");
    result.emplace_back("quantity", intent.qty.to_string());
    result.emplace_back("price", intent.price.to_string());
  } else {
    result.emplace_back("type", "MARKET");
    result.emplace_back("quantity", intent.qty.to_string());
  }
  // Only sent when set: reduceOnly must not appear at all in hedge mode.
  if (intent.reduce_only) result.emplace_back("reduceOnly", "true");
  result.emplace_back("newClientOrderId", intent.client_id);
  // The default ACK answers a MARKET order with NEW / executedQty 0.
  result.emplace_back("newOrderRespType", "RESULT");
  return result;
}

query_params order_by_client_id_params(std::string_view symbol,
                                       std::string_view client_id) {
  return {{"symbol", std::string{symbol}},
          {"origClientOrderId", std::string{client_id}}};
}

venue_error parse_venue_error(int http_status, std::string_view body) {
  venue_error result;
  result.http_status = http_status;
  rapidjson::Document doc;
  auto failure = json_input::parse(doc, body, json_input::limits::rest_body);
  if (!failure && doc.IsObject()) {
    auto code = doc.FindMember("code");
    auto msg = doc.FindMember("msg");
    if (code != doc.MemberEnd() && code->value.IsInt()) {
      result.code = code->value.GetInt();
      if (msg != doc.MemberEnd() && msg->value.IsString())
        result.msg.assign(msg->value.GetString(), msg->value.GetStringLength());
      return result;
    }
  }
  result.msg = detail::excerpt(body);
  return result;
}

std::string_view to_string(error_class x) noexcept {
  switch (x) {
  case error_class::definitive_reject:
    return "definitive_reject";
  case error_class::unknown_outcome:
    return "unknown_outcome";
  case error_class::retryable_failure:
    return "retryable_failure";
  case error_class::rate_limited:
    return "rate_limited";
  case error_class::banned:
    return "banned";
  case error_class::not_found:
    return "not_found";
  case error_class::unknown_order_cancel:
    return "unknown_order_cancel";
  case error_class::duplicate_id:
    return "duplicate_id";
  case error_class::clock_skew:
    return "clock_skew";
  }
  return "definitive_reject";
}

error_class classify(const venue_error& e) noexcept {
  // The HTTP status of a ban or a rate limit wins over any body.
  if (e.http_status == 418) return error_class::banned;
  if (e.http_status == 429) return error_class::rate_limited;
  switch (e.code) {
  case -1003:
    return contains(e.msg, "banned") ? error_class::banned
                                     : error_class::rate_limited;
  case -1006: // "Execution status unknown."
  case -1007: // "Send status unknown; execution status unknown."
    return error_class::unknown_outcome;
  case -1008: // throttled by system protection: 100 % not executed
    return error_class::retryable_failure;
  case -1015: // too many new orders: rate limited, not placed
    return error_class::rate_limited;
  case -1021:
  case -5028:
    return error_class::clock_skew;
  case -2013:
    return error_class::not_found;
  case -2011:
    return error_class::unknown_order_cancel;
  case -4116:
    return error_class::duplicate_id;
  default:
    break;
  }
  if (e.http_status == 503 && contains(e.msg, "Service Unavailable"))
    return error_class::retryable_failure;
  // 503 "Unknown error ...", any other 5xx, and 408 (backend timeout): the
  // order may exist; only a query can tell (§B.7).
  if (e.http_status >= 500 || e.http_status == 408)
    return error_class::unknown_outcome;
  return error_class::definitive_reject;
}

order_event_kind outcome_of(error_class c) noexcept {
  switch (c) {
  case error_class::definitive_reject:
    return order_event_kind::rejected;
  case error_class::unknown_outcome:
  case error_class::duplicate_id:
    return order_event_kind::outcome_unknown;
  case error_class::retryable_failure:
  case error_class::rate_limited:
  case error_class::banned:
  case error_class::clock_skew:
    return order_event_kind::not_placed;
  case error_class::not_found:
    return order_event_kind::not_found;
  case error_class::unknown_order_cancel:
    return order_event_kind::cancel_rejected;
  }
  return order_event_kind::outcome_unknown;
}

order_update update_from_error(const venue_error& e,
                               const std::string& client_id,
                               const std::string& symbol,
                               int64_t retry_after_ms) {
  order_update u;
  u.client_id = client_id;
  u.symbol = symbol;
  u.kind = outcome_of(classify(e));
  u.error_code = e.code;
  u.error_text = e.msg;
  if (u.kind == order_event_kind::not_placed) u.retry_after_ms = retry_after_ms;
  return u;
}

result<order_update> parse_order_response(std::string_view body) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, "body", json_input::limits::rest_body);
    return read_order(doc);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(body)};
  }
}

} // namespace hlc::binance
