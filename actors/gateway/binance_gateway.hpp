#pragma once

#include "adapters/binance/rest_gateway.hpp"
#include "messages/interfaces.hpp"

#include <caf/typed_response_promise.hpp>

#include <map>
#include <memory>

namespace hlc {

struct binance_gateway_state {
  explicit binance_gateway_state(binance_gateway_actor::pointer) {}
  static inline const char* name = "binance_gateway";
  /// Shared with whoever created it, who stops it: a restarted GATEWAY
  /// (SAF-1) carries on with the same connection, clock and rate budget.
  std::shared_ptr<binance::rest_gateway> rest;
  order_event_sink events; ///< the user stream's events go here (issue 8)
  uint64_t next_id = 1;
  std::map<uint64_t, caf::typed_response_promise<std::vector<order_update>>>
      submits;
  std::map<uint64_t, caf::typed_response_promise<order_update>> lookups;
  std::map<uint64_t, caf::typed_response_promise<decimal>> position_reads;
  std::map<uint64_t, std::string> position_symbol; ///< by request id
  std::map<uint64_t, caf::typed_response_promise<std::vector<paper_position>>>
      positions_reads;
};

/// The Binance GATEWAY (issue 8, EXE-1, EXE-5, ADR 0025): carries the
/// venue contract's requests to the REST gateway and its answers back. A
/// read without an answer is an error to the requester (it asks again);
/// never a made-up value, never "flat".
binance_gateway_actor::behavior_type binance_gateway(
    binance_gateway_actor::stateful_pointer<binance_gateway_state> self,
    std::shared_ptr<binance::rest_gateway> rest);

} // namespace hlc
