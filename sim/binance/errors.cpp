#include "sim/binance/errors.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::sim::binance {

std::string api_error::body() const {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("code");
  w.Int(code_);
  w.Key("msg");
  w.String(msg_.c_str(), static_cast<rapidjson::SizeType>(msg_.size()));
  w.EndObject();
  return buf.GetString();
}

namespace errors {

api_error unknown_503() {
  return {503, -1000,
          "Unknown error, please check your request or try again later."};
}

api_error overloaded_1008() {
  return {503, -1008,
          "Server is currently overloaded with other requests. Please try "
          "again in a few minutes."};
}

api_error bad_limit() {
  return {400, -1130, "Data sent for parameter 'limit' is not valid."};
}

api_error bad_combination() {
  return {400, -1128, "Combination of optional parameters invalid."};
}

api_error range_too_long(int hours) {
  return {400, -1127,
          "More than " + std::to_string(hours)
              + " hours between startTime and endTime."};
}

api_error timeout_1007() {
  return {408, -1007,
          "Timeout waiting for response from backend server. Send status "
          "unknown; execution status unknown."};
}

api_error too_many_requests(int limit) {
  return {429, -1003,
          "Too many requests; current limit of IP(127.0.0.1) is "
              + std::to_string(limit)
              + " requests per minute. Please use the websocket for live "
                "updates to avoid polling the API."};
}

api_error ip_banned(long long until_ms) {
  return {418, -1003,
          "Way too many requests; IP(127.0.0.1) banned until "
              + std::to_string(until_ms)
              + ". Please use the websocket for live updates to avoid bans."};
}

api_error too_many_orders(int limit, const char* interval) {
  return {429, -1015,
          "Too many new orders; current limit is " + std::to_string(limit)
              + " orders per " + interval + "."};
}

api_error invalid_timestamp_window() {
  return {400, -1021,
          "Timestamp for this request is outside of the recvWindow."};
}

api_error timestamp_ahead() {
  return {400, -1021,
          "Timestamp for this request was 1000ms ahead of the server's "
          "time."};
}

api_error invalid_signature() {
  return {400, -1022, "Signature for this request is not valid."};
}

api_error mandatory(const std::string& name) {
  return {400, -1102,
          "Mandatory parameter '" + name
              + "' was not sent, was empty/null, or malformed."};
}

api_error illegal_value(const std::string& name) {
  return {400, -1102,
          "Mandatory parameter '" + name
              + "' was not sent, was empty/null, or malformed."};
}

api_error not_required(const std::string& name) {
  return {400, -1106, "Parameter '" + name + "' sent when not required."};
}

api_error bad_precision() {
  return {400, -1111, "Precision is over the maximum defined for this asset."};
}

api_error invalid_symbol() {
  return {400, -1121, "Invalid symbol."};
}

api_error invalid_listen_key() {
  return {400, -1125, "This listenKey does not exist."};
}

api_error cancel_rejected() {
  return {400, -2011, "Unknown order sent."};
}

api_error no_such_order() {
  return {400, -2013, "Order does not exist."};
}

api_error bad_api_key_format() {
  return {401, -2014, "API-key format invalid."};
}

api_error rejected_api_key() {
  return {401, -2015,
          "Invalid API-key, IP, or permissions for action, request ip: "
          "127.0.0.1"};
}

api_error margin_insufficient() {
  return {400, -2019, "Margin is insufficient."};
}

api_error reduce_only_rejected() {
  return {400, -2022, "ReduceOnly Order is rejected."};
}

api_error qty_not_positive() {
  return {400, -4003, "Quantity less than or equal to zero."};
}

api_error qty_below_min() {
  return {400, -4004, "Quantity less than min quantity."};
}

api_error qty_above_max() {
  return {400, -4005, "Quantity greater than max quantity."};
}

api_error price_not_tick() {
  return {400, -4014, "Price not increased by tick size."};
}

api_error bad_client_order_id() {
  return {400, -4015, "Client order id is not valid."};
}

api_error price_above_cap() {
  return {400, -4016,
          "Limit price can't be higher than mark price "
          "multiplier cap."};
}

api_error qty_not_step() {
  return {400, -4023, "Quantity not increased by step size."};
}

api_error price_below_floor() {
  return {400, -4024,
          "Limit price can't be lower than mark price "
          "multiplier floor."};
}

api_error no_need_margin_type() {
  return {400, -4046, "No need to change margin type."};
}

api_error no_need_position_side() {
  return {400, -4059, "No need to change position side."};
}

api_error position_side_mismatch() {
  return {400, -4061, "Order's position side does not match user's setting."};
}

api_error position_side_locked() {
  return {400, -4068,
          "Position side cannot be changed if there exists position."};
}

api_error duplicate_client_order_id() {
  return {400, -4116, "ClientOrderId is duplicated."};
}

api_error min_notional(const std::string& notional) {
  return {400, -4164,
          "Order's notional must be no smaller than " + notional
              + " (unless you choose reduce only)."};
}

api_error fok_rejected() {
  return {400, -5021,
          "Due to the order could not be filled immediately, the FOK order "
          "has been rejected. The order will not be recorded in the order "
          "history."};
}

api_error post_only_rejected() {
  return {400, -5022,
          "Due to the order could not be executed as maker, the Post Only "
          "order will be rejected. The order will not be recorded in the "
          "order history"};
}

api_error invalid_leverage() {
  return {400, -4028, "Leverage is not valid."};
}

api_error not_found() {
  return {404, -1000, "Not found."};
}

api_error invalid_order_type() {
  return {400, -1116, "Invalid orderType."};
}

api_error algo_type_required() {
  return {400, -4120,
          "Order type not supported for this endpoint. Please use the Algo "
          "Order API endpoints instead."};
}

api_error invalid_side() {
  return {400, -1117, "Invalid side."};
}

api_error invalid_tif() {
  return {400, -1115, "Invalid timeInForce."};
}

} // namespace errors

} // namespace hlc::sim::binance
