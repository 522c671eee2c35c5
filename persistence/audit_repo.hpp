#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <vector>

namespace hlc {

/// `audit_log`: every trading-state change and operator command.
class audit_repo {
public:
  explicit audit_repo(database& db) : db_(db) {
    // nop
  }

  /// Appends one entry; returns its id.
  int64_t append(const audit_row& x);

  /// Appends all entries in one transaction (joins an open one).
  void append_all(const std::vector<audit_row>& xs);

  /// The newest `limit` entries, newest first.
  std::vector<audit_row> load_recent(std::size_t limit);

private:
  database& db_;
};

} // namespace hlc
