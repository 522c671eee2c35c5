#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// `leader_cursors`: per leader, the time of the last fully processed fill
/// (ING-6). A cursor never moves backwards: a late or replayed older batch
/// must not undo progress that was proven durable.
class cursor_repo {
public:
  explicit cursor_repo(database& db) : db_(db) {
    // nop
  }

  /// The cursor of `leader`, or nullopt if the leader was never processed.
  std::optional<int64_t> load(const std::string& leader);

  /// All cursors, ordered by leader.
  std::vector<cursor_row> load_all();

  /// Stores `x` if it is new or later than the stored cursor; returns
  /// whether the cursor moved. An earlier time is ignored (returns false).
  bool advance(const cursor_row& x);

  /// `advance` for each row, in one transaction (joins an open one).
  void advance_all(const std::vector<cursor_row>& xs);

private:
  database& db_;
};

} // namespace hlc
