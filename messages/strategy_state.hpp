#pragma once

#include "messages/decimal.hpp"

#include <string>

namespace hlc {

/// What the strategy remembers per (leader, coin); persisted so a restarted
/// strategy continues exactly where it stopped.
struct leader_coin_state {
  std::string leader;
  std::string coin;
  std::string symbol;      ///< empty when the coin is unmapped
  decimal leader_position; ///< signed, HL units, after the last fill seen
  decimal k;               ///< scale factor fixed at open; zero = not fixed
  decimal attributed;      ///< follower qty owed to this leader (signed)
};

} // namespace hlc
