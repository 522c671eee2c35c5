#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <vector>

namespace hlc {

/// `reconciliations`: every reconciler run per symbol (SAF-2).
class reconciliation_repo {
public:
  explicit reconciliation_repo(database& db) : db_(db) {
    // nop
  }

  /// Appends one run; returns its id.
  int64_t append(const reconciliation_row& x);

  /// The newest `limit` runs, newest first.
  std::vector<reconciliation_row> load_recent(std::size_t limit);

private:
  database& db_;
};

} // namespace hlc
