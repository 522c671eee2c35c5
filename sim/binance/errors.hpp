#pragma once

#include <stdexcept>
#include <string>

namespace hlc::sim::binance {

/// A Binance API error: HTTP status plus the `{"code","msg"}` body. Venue
/// handlers throw it; the dispatcher turns it into a response.
class api_error : public std::runtime_error {
public:
  api_error(int http_status, int code, std::string msg)
      : std::runtime_error(msg), http_status_(http_status), code_(code),
        msg_(std::move(msg)) {
    // nop
  }

  int http_status() const noexcept { return http_status_; }
  int code() const noexcept { return code_; }
  const std::string& msg() const noexcept { return msg_; }

  /// `{"code":-1121,"msg":"Invalid symbol."}`
  std::string body() const;

private:
  int http_status_;
  int code_;
  std::string msg_;
};

/// Factories for the errors the simulator enforces, with Binance's texts
/// (BN-docs error-code; protocol_facts §B.6).
namespace errors {

api_error unknown_503();                 ///< 503, execution unknown
api_error timeout_1007();                ///< 408 -1007
api_error too_many_requests(int limit);  ///< 429 -1003
api_error ip_banned(long long until_ms); ///< 418 -1003
api_error too_many_orders(int limit, const char* interval); ///< 429 -1015
api_error invalid_timestamp_window();                       ///< -1021
api_error timestamp_ahead();                                ///< -1021
api_error invalid_signature();                              ///< -1022
api_error mandatory(const std::string& name);               ///< -1102
api_error illegal_value(const std::string& name);           ///< -1102 malformed
api_error not_required(const std::string& name);            ///< -1106
api_error bad_precision();                                  ///< -1111
api_error invalid_symbol();                                 ///< -1121
api_error invalid_listen_key();                             ///< -1125
api_error cancel_rejected();                                ///< -2011
api_error no_such_order();                                  ///< -2013
api_error bad_api_key_format();                             ///< -2014
api_error rejected_api_key();                               ///< -2015
api_error margin_insufficient();                            ///< -2019
api_error reduce_only_rejected();                           ///< -2022
api_error qty_not_positive();                               ///< -4003
api_error qty_below_min();                                  ///< -4004
api_error qty_above_max();                                  ///< -4005
api_error price_not_tick();                                 ///< -4014
api_error bad_client_order_id();                            ///< -4015
api_error price_above_cap();                                ///< -4016
api_error qty_not_step();                                   ///< -4023
api_error price_below_floor();                              ///< -4024
api_error no_need_margin_type();                            ///< -4046
api_error no_need_position_side();                          ///< -4059
api_error position_side_mismatch();                         ///< -4061
api_error position_side_locked();                           ///< -4068
api_error duplicate_client_order_id();                      ///< -4116
api_error min_notional(const std::string& notional);        ///< -4164
api_error post_only_rejected();                             ///< -5022
api_error fok_rejected();                                   ///< -5021
api_error invalid_leverage();                               ///< -4028
api_error not_found();               ///< 404 for unknown routes
api_error invalid_order_type();      ///< -1116
api_error algo_type_required();      ///< -4120 (conditional types)
api_error invalid_side();            ///< -1117
api_error invalid_tif();             ///< -1115
api_error overloaded_1008();         ///< 503 -1008 (reduce-only exempt)
api_error bad_limit();               ///< -1130 limit out of range
api_error bad_combination();         ///< -1128 e.g. fromId with startTime
api_error range_too_long(int hours); ///< -1127 startTime..endTime

} // namespace errors

} // namespace hlc::sim::binance
