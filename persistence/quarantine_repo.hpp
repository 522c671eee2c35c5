#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <vector>

namespace hlc {

/// `quarantine`: poison input kept verbatim with its reason (ING-8).
class quarantine_repo {
public:
  explicit quarantine_repo(database& db) : db_(db) {
    // nop
  }

  /// Appends one entry; returns its id.
  int64_t append(const quarantine_row& x);

  /// Appends all entries in one transaction (joins an open one).
  void append_all(const std::vector<quarantine_row>& xs);

  /// The newest `limit` entries, newest first.
  std::vector<quarantine_row> load_recent(std::size_t limit);

  /// Number of quarantined inputs.
  int64_t count();

private:
  database& db_;
};

} // namespace hlc
