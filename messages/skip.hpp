#pragma once

#include "messages/reasons.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// A recorded decision not to trade (SPEC STR-9).
struct skip_record {
  skip_reason reason = skip_reason::unmapped;
  std::string leader;
  std::string coin;
  std::string symbol;      ///< empty when unmapped
  std::string correlation; ///< leader fill key
  std::string detail;      ///< human-readable why, with numbers
  int64_t time_ms = 0;
};

/// A change of the trading state, persisted and audited (SPEC MODE-4).
struct state_change {
  trading_state state = trading_state::active;
  state_reason reason = state_reason::startup;
  std::string detail;
  std::string actor; ///< who changed it: "supervisor", "operator", ...
  int64_t time_ms = 0;
};

} // namespace hlc
