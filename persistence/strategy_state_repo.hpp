#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <string>
#include <vector>

namespace hlc {

/// `strategy_state`: per (leader, coin) the leader position, the scale
/// factor k fixed at open and the attributed follower position, so a
/// restarted strategy continues where it stopped (STR-2, STR-5).
class strategy_state_repo {
public:
  explicit strategy_state_repo(database& db) : db_(db) {
    // nop
  }

  /// Inserts or replaces the row of (leader, coin).
  void upsert(const strategy_state_row& x);

  /// `upsert` for each row, in one transaction (joins an open one).
  void upsert_all(const std::vector<strategy_state_row>& xs);

  /// All rows, ordered by leader and coin.
  std::vector<strategy_state_row> load_all();

  /// Removes the row of (leader, coin); returns whether one existed.
  bool erase(const std::string& leader, const std::string& coin);

private:
  database& db_;
};

} // namespace hlc
